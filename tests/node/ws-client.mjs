// graphql-ws (the graphql-transport-ws reference client): connects, runs one operation, prints every event as a
// JSON line ({"event": "connected" | "next" | "error" | "complete" | "closed", ...}) and exits when it ends, or, with
// [events], once that many `next` events arrived (then it prints {"event": "enough"} and disposes the client).
// The access token goes into connection_init as {"authorization": "Bearer <token>"}; pass "" for none.
// Usage: node tests/node/ws-client.mjs <ws-url> <query> [variables-json] [access-token] [events]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, query, variablesJson, token, eventsArg] = process.argv.slice(2);
const wanted = eventsArg ? Number(eventsArg) : Infinity;
const print = (line) => console.log(JSON.stringify(line));

const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: true,
  retryAttempts: 0,
  connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
  on: {
    connected: () => print({ event: 'connected' }),
    closed: (event) => print({ event: 'closed', code: event.code, reason: event.reason }),
  },
});

let received = 0;
await new Promise((resolve) => {
  const unsubscribe = client.subscribe(
    { query, variables: variablesJson ? JSON.parse(variablesJson) : undefined },
    {
      next: (payload) => {
        print({ event: 'next', payload });
        if (++received === wanted) {
          print({ event: 'enough' });
          unsubscribe();
          resolve();
        }
      },
      error: (error) => {
        print({ event: 'error', error: Array.isArray(error) ? error : { code: error.code, reason: error.reason, message: error.message } });
        resolve();
      },
      complete: () => {
        print({ event: 'complete' });
        resolve();
      },
    },
  );
});
await client.dispose();
