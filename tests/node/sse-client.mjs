// The graphql-sse reference client (distinct connections mode) against our server.
// Usage: node tests/node/sse-client.mjs <url> <query> [variablesJson] [events] [timeoutMs] [accessToken]
// Subscribes once, prints every `next` payload as a JSON line, and stops after <events> events (default 1),
// on `complete`, on error or after <timeoutMs> (default 30000). The last line is the verdict:
// {"events":[...],"completed":bool,"error":string|null}; the exit code is 1 when there was an error or timeout.
// With [accessToken] every request carries `Authorization: Bearer <accessToken>`.
import { createClient } from 'graphql-sse';

const [url, query, variablesJson, eventsArg, timeoutArg, token] = process.argv.slice(2);
if (!url || !query) {
  console.error('usage: sse-client.mjs <url> <query> [variablesJson] [events] [timeoutMs]');
  process.exit(2);
}

const wanted = Number(eventsArg ?? 1);
const timeoutMs = Number(timeoutArg ?? 30000);
const variables = variablesJson ? JSON.parse(variablesJson) : {};
const client = createClient({
  url,
  singleConnection: false,
  retryAttempts: 0,
  headers: token ? { authorization: `Bearer ${token}` } : undefined,
});

const events = [];
let completed = false;
let error = null;

await new Promise((resolve) => {
  let unsubscribe = () => {};
  const timer = setTimeout(() => {
    error = `timeout after ${timeoutMs} ms`;
    unsubscribe();
    resolve();
  }, timeoutMs);
  const finish = () => {
    clearTimeout(timer);
    resolve();
  };
  unsubscribe = client.subscribe(
    { query, variables },
    {
      next(value) {
        events.push(value);
        console.log(JSON.stringify({ next: value }));
        if (events.length >= wanted) {
          unsubscribe();
          finish();
        }
      },
      error(err) {
        error = err instanceof Error ? err.message : JSON.stringify(err);
        finish();
      },
      complete() {
        completed = true;
        finish();
      },
    },
  );
});

client.dispose();
console.log(JSON.stringify({ events, completed, error }));
process.exit(error ? 1 : 0);
