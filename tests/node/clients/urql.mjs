// urql (@urql/core 6) against the real host, as a frontend team sets it up: its default exchanges (cache + fetch, with
// urql's own Accept header and method choice) for queries and mutations, and graphql-sse for subscriptions.
//
// Usage: node tests/node/clients/urql.mjs <scenario> '<json config>'
//   query-mutation    {url, familyId, parentToken, memberId}
//   sse-subscription  {url, token, familyId, taskId, expectedStatus}
import { Client, cacheExchange, fetchExchange, gql, subscriptionExchange } from '@urql/core';
import { createClient as createSseClient } from 'graphql-sse';
import { check, follow, operation, run } from './harness.mjs';

/** A fetch that records the Accept urql sent and the Content-Type it got back for each request. */
function recordingFetch(exchanges) {
  return async (input, init) => {
    const response = await fetch(input, init);
    exchanges.push({ accept: new Headers(init?.headers).get('accept'), contentType: response.headers.get('content-type') });
    return response;
  };
}

function urqlClient({ url, token, sse, exchangesSeen = [] }) {
  const exchanges = [cacheExchange, fetchExchange];
  if (sse) {
    exchanges.push(subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query ?? '' };
        return { subscribe: (sink) => ({ unsubscribe: sse.subscribe(input, sink) }) };
      },
    }));
  }
  return new Client({
    url,
    exchanges,
    fetch: recordingFetch(exchangesSeen),
    fetchOptions: () => ({ headers: { authorization: `Bearer ${token}` } }),
  });
}

async function queryMutation({ url, familyId, parentToken, memberId }) {
  const seen = [];
  const client = urqlClient({ url, token: parentToken, exchangesSeen: seen });
  const read = await client.query(gql(operation('FamilyTasks')), { familyId, first: 5 }).toPromise();
  check(!read.error && read.data?.family?.id === familyId, 'the query did not answer the family', { error: read.error?.message, data: read.data });

  const created = await client.mutation(gql(operation('CreateTask')), { input: { title: 'urql task', points: 5, assignedToId: memberId } }).toPromise();
  const payload = created.data?.createTask;
  check(!created.error && payload?.errors === null && payload.task?.status === 'PENDING', 'the mutation did not create the task', { error: created.error?.message, data: created.data });

  const refused = await client.mutation(gql(operation('ApproveTask')), { input: { taskId: payload.task.id } }).toPromise();
  const error = refused.data?.approveTask?.errors?.[0];
  check(error?.code === 'INVALID_TRANSITION' && error.message.length > 0, 'approving a PENDING task was not refused with a typed error', refused.data);
  // urql's own Accept lists text/event-stream after the JSON types: a query or mutation is still answered as JSON.
  check(seen.length === 3 && seen.every((r) => r.accept.includes('text/event-stream') && /^application\/(graphql-response\+)?json/.test(r.contentType)),
    'urql\'s requests were not answered as JSON', seen);
  return { tasks: read.data.family.tasks.edges.length, created: payload.task.id, refused: error.code, exchanges: seen };
}

async function sseSubscription({ url, token, familyId, taskId, expectedStatus }) {
  const sse = createSseClient({ url, singleConnection: false, headers: () => ({ authorization: `Bearer ${token}` }), retryAttempts: 0 });
  const client = urqlClient({ url, token, sse });
  try {
    const events = follow({
      subscribe: (observer) => client.subscription(gql(operation('OnTaskUpdated')), { familyId }).subscribe((result) => observer.next(result)),
    });
    // The test changes the task over HTTP once it sees this subscription on the server.
    const event = await events.until((r) => r.error || r.data?.taskUpdated?.id === taskId, 'from taskUpdated for the task', 30000);
    check(!event.error, 'the subscription failed', event.error?.message);
    check(event.data.taskUpdated.status === expectedStatus, `the event's task is not ${expectedStatus}`, event.data);
    events.unsubscribe();
    return { event: event.data.taskUpdated };
  } finally {
    sse.dispose();
  }
}

await run({ 'query-mutation': queryMutation, 'sse-subscription': sseSubscription });
