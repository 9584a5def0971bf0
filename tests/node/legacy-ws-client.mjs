// subscriptions-transport-ws (the legacy graphql-ws subprotocol's reference client): connects, runs one operation,
// prints every event as a JSON line ({"event": "connected" | "connection_error" | "next" | "error" | "complete", ...}),
// and, with [events], stops once that many `next` events arrived ({"event": "enough"}, then `stop` and close).
// The access token goes into connection_init as {"authorization": "Bearer <token>"}; pass "" for none.
// Usage: node tests/node/legacy-ws-client.mjs <ws-url> <query> [variables-json] [access-token] [events]
import subscriptions from 'subscriptions-transport-ws';
import WebSocket from 'ws';

const { SubscriptionClient } = subscriptions;
const [url, query, variablesJson, token, eventsArg] = process.argv.slice(2);
const wanted = eventsArg ? Number(eventsArg) : Infinity;
const print = (line) => console.log(JSON.stringify(line));

await new Promise((resolve) => {
  const client = new SubscriptionClient(
    url,
    {
      reconnect: false,
      // The client gives up on a handshake after 1 s by default, which a loaded 2-core CI machine can pass while
      // node and the test host warm up; the tests are about the protocol, not about that deadline.
      minTimeout: 10_000,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      connectionCallback: (error) => {
        print(error ? { event: 'connection_error', error } : { event: 'connected' });
        if (error) {
          client.close();
          resolve();
        }
      },
    },
    WebSocket,
  );
  let received = 0;
  const subscription = client.request({ query, variables: variablesJson ? JSON.parse(variablesJson) : undefined }).subscribe({
    next: (payload) => {
      print({ event: 'next', payload });
      if (++received === wanted) {
        print({ event: 'enough' });
        subscription.unsubscribe();
        client.close();
        resolve();
      }
    },
    error: (error) => {
      // The client hands over the first GraphQL error of an `error` message; print a list like graphql-ws does.
      const errors = Array.isArray(error) ? error : [error];
      print({ event: 'error', error: errors.map((e) => ({ ...e, message: e?.message ?? String(e) })) });
      client.close();
      resolve();
    },
    complete: () => {
      print({ event: 'complete' });
      client.close();
      resolve();
    },
  });
});
