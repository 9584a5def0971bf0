// Many idle graphql-ws (graphql-transport-ws) subscribers of one operation, for measuring what the server holds per
// socket. Opens <count> clients (the access token in connection_init, no client keep-alive), each with one
// subscription, and prints JSON lines: {"event":"connected","count":N} once every client has its connection_ack, then
// {"event":"received","count":N} once every subscription has had <events> `next` events (when events > 0), and keeps
// them all open until stdin ends; then it disposes them and prints {"event":"closed"}. Any error or closed socket
// before that prints {"event":"failed",...} and exits 1.
// Usage: node tests/node/idle-subscribers.mjs <ws-url> <count> <query> <variables-json> <access-token> <events>
import { createInterface } from 'node:readline';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, countArg, query, variablesJson, token, eventsArg] = process.argv.slice(2);
const count = Number(countArg);
const wanted = Number(eventsArg ?? 0);
const print = (line) => console.log(JSON.stringify(line));
const fail = (what) => {
  print({ event: 'failed', ...what });
  process.exit(1);
};

let received = 0;
const clients = [];
function open() {
  return new Promise((resolve) => {
    let events = 0;
    let done = false;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      keepAlive: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      on: {
        connected: () => resolve(),
        closed: (event) => done || fail({ reason: 'closed', code: event.code, message: event.reason }),
      },
    });
    clients.push({ client, stop: () => { done = true; } });
    client.subscribe({ query, variables: JSON.parse(variablesJson) }, {
      next: () => {
        if (++events === wanted && ++received === count) print({ event: 'received', count });
      },
      error: (error) => fail({ reason: 'error', error: Array.isArray(error) ? error : String(error?.message ?? error) }),
      complete: () => {},
    });
  });
}

for (let i = 0; i < count; i += 50) {
  await Promise.all(Array.from({ length: Math.min(50, count - i) }, open));
}
print({ event: 'connected', count });

// Hold until the test closes stdin.
await new Promise((resolve) => createInterface({ input: process.stdin }).on('close', resolve));
for (const { client, stop } of clients) {
  stop();
  await client.dispose();
}
print({ event: 'closed' });
