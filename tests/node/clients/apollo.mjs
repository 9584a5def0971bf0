// Apollo Client 4 against the real host, as a frontend team sets it up: HttpLink with a bearer token, an
// InMemoryCache with possibleTypes (from the schema) and relay-style pagination, GraphQLWsLink for subscriptions.
// Each scenario proves one thing the team relies on, and fails when the server breaks it.
//
// Usage: node tests/node/clients/apollo.mjs <scenario> '<json config>'
//   workflow      {url, familyId, parentToken, memberToken, memberId}
//   fetch-more    {url, familyId, token, expectedIds}
//   subscription  {url, wsUrl, token, familyId, taskId, expectedStatus}
//   leaderboard   {url, wsUrl, token, familyId, userId, minPoints}
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { getMainDefinition, relayStylePagination } from '@apollo/client/utilities';
import { buildSchema, isAbstractType } from 'graphql';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { check, follow, operation, repositoryRoot, run } from './harness.mjs';

const document = (name) => gql(operation(name));

/** possibleTypes for every interface and union, as codegen's fragment-matcher plugin writes them. */
function possibleTypes() {
  const schema = buildSchema(readFileSync(join(repositoryRoot, 'schema', 'schema.graphql'), 'utf8'));
  return Object.fromEntries(Object.values(schema.getTypeMap())
    .filter((type) => isAbstractType(type) && !type.name.startsWith('__'))
    .map((type) => [type.name, schema.getPossibleTypes(type).map((member) => member.name)]));
}

/**
 * A client whose HTTP requests carry `context.token` (or `token`) as the bearer token, and record their operation
 * names in `requests`; with `wsUrl`, subscriptions go over graphql-ws with connectionParams read at each connect.
 */
function apolloClient({ url, wsUrl, token }) {
  const requests = [];
  const connects = [];
  const auth = new ApolloLink((op, forward) => {
    requests.push(op.operationName);
    const bearer = op.getContext().token ?? token;
    op.setContext(({ headers }) => ({ headers: { ...headers, authorization: `Bearer ${bearer}` } }));
    return forward(op);
  });
  let link = ApolloLink.from([auth, new HttpLink({ uri: url })]);
  let ws = null;
  if (wsUrl) {
    ws = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      // A function, so every (re)connect sends the token current at that moment.
      connectionParams: () => {
        connects.push(Date.now());
        return { authorization: `Bearer ${token}` };
      },
    });
    link = ApolloLink.split(
      ({ query }) => {
        const main = getMainDefinition(query);
        return main.kind === 'OperationDefinition' && main.operation === 'subscription';
      },
      new GraphQLWsLink(ws),
      link);
  }
  const cache = new InMemoryCache({
    possibleTypes: possibleTypes(),
    typePolicies: {
      Family: { fields: { tasks: relayStylePagination(['where', 'order']) } },
    },
  });
  return { client: new ApolloClient({ link, cache }), requests, connects, dispose: () => ws?.dispose() };
}

const statusOf = (result) => result?.data?.node?.status;

async function workflow({ url, parentToken, memberToken, memberId }) {
  const { client, requests } = apolloClient({ url, token: parentToken });
  const mutate = async (name, input, token) => {
    const result = await client.mutate({ mutation: document(name), variables: { input }, context: { token } });
    const field = name[0].toLowerCase() + name.slice(1);
    return result.data[field];
  };

  const created = await mutate('CreateTask', { title: 'Apollo workflow', points: 10, assignedToId: memberId }, parentToken);
  check(created.errors === null && created.task?.status === 'PENDING', 'createTask did not create a PENDING task', created);
  const taskId = created.task.id;

  // The one read: every later status comes from the mutations' payloads, normalized into Task:<id>.
  const watched = follow(client.watchQuery({ query: document('Node'), variables: { id: taskId } }));
  await watched.until((r) => statusOf(r) === 'PENDING', 'with the task PENDING');

  const steps = [
    ['StartTask', { taskId }, memberToken, 'IN_PROGRESS'],
    ['CompleteTask', { taskId, actualMinutes: 20 }, memberToken, 'COMPLETED'],
    ['ApproveTask', { taskId, bonusPoints: 0 }, parentToken, 'APPROVED'],
  ];
  for (const [name, input, token, status] of steps) {
    const payload = await mutate(name, input, token);
    check(payload.errors === null, `${name} answered errors`, payload);
    await watched.until((r) => statusOf(r) === status, `with the cached task ${status} after ${name}`);
  }
  watched.unsubscribe();

  // A refused step: the error union's members come back with the Error interface's fields (possibleTypes).
  const again = await mutate('ApproveTask', { taskId, bonusPoints: 0 }, parentToken);
  const error = again.errors?.[0];
  check(again.task === null && error?.__typename === 'InvalidTransitionError' && error.code === 'INVALID_TRANSITION'
    && typeof error.message === 'string' && error.message.length > 0, 'a second approval did not answer INVALID_TRANSITION with message and code', again);

  const cached = client.cache.extract()[client.cache.identify({ __typename: 'Task', id: taskId })];
  check(cached?.status === 'APPROVED', 'the normalized Task is not APPROVED', cached);
  const expected = ['CreateTask', 'Node', 'StartTask', 'CompleteTask', 'ApproveTask', 'ApproveTask'];
  check(JSON.stringify(requests) === JSON.stringify(expected), 'the client sent requests beyond the workflow (a refetch)', requests);
  return { taskId, requests, statuses: watched.seen.map(statusOf).filter(Boolean) };
}

async function fetchMore({ url, familyId, token, expectedIds }) {
  const { client, requests } = apolloClient({ url, token });
  const query = client.watchQuery({ query: document('FamilyTasks'), variables: { familyId, first: 2 } });
  const watched = follow(query);
  const edgesOf = (r) => r?.data?.family?.tasks?.edges ?? [];
  const sizes = [];
  let page = await watched.until((r) => edgesOf(r).length === 2, 'with 2 edges');
  sizes.push(2);
  for (const size of [4, 6]) {
    await query.fetchMore({ variables: { after: page.data.family.tasks.pageInfo.endCursor } });
    page = await watched.until((r) => edgesOf(r).length === size, `with ${size} edges after fetchMore`);
    sizes.push(size);
  }
  watched.unsubscribe();
  const ids = edgesOf(page).map((edge) => edge.node.id);
  check(JSON.stringify(ids) === JSON.stringify(expectedIds), 'the merged edges are not the family\'s tasks in order', { ids, expectedIds });
  check(page.data.family.tasks.pageInfo.hasNextPage === false, 'the last page says there is more', page.data.family.tasks.pageInfo);
  // The family is normalized (it selects its id), so every query showing it shares the merged connection.
  const family = client.cache.extract()[client.cache.identify({ __typename: 'Family', id: familyId })];
  check(family && Object.keys(family).some((key) => key.startsWith('tasks')), 'the family is not a normalized cache entry with its tasks', Object.keys(client.cache.extract()));
  return { sizes, ids, requests };
}

async function subscription({ url, wsUrl, token, familyId, taskId, expectedStatus }) {
  const { client, requests, connects, dispose } = apolloClient({ url, wsUrl, token });
  try {
    const watched = follow(client.watchQuery({ query: document('Node'), variables: { id: taskId } }));
    const before = statusOf(await watched.until((r) => statusOf(r) !== undefined, 'with the task'));
    check(before !== expectedStatus, `the task is ${expectedStatus} already`);
    const events = follow(client.subscribe({ query: document('OnTaskUpdated'), variables: { familyId } }));
    // The test changes the task over HTTP once it sees this subscription on the server; only the event reaches us.
    const event = await events.until((e) => e.data?.taskUpdated?.id === taskId, 'from taskUpdated for the task', 30000);
    await watched.until((r) => statusOf(r) === expectedStatus, `with the cached task ${expectedStatus} from the event`);
    events.unsubscribe();
    watched.unsubscribe();
    check(connects.length === 1, 'connectionParams was not called once per connect', connects);
    check(requests.filter((name) => name === 'Node').length === 1, 'the watched query was fetched again', requests);
    return { before, after: expectedStatus, event: event.data.taskUpdated, requests };
  } finally {
    dispose();
  }
}

async function leaderboard({ url, wsUrl, token, familyId, userId, minPoints }) {
  const { client, requests, dispose } = apolloClient({ url, wsUrl, token });
  try {
    const standingsOf = (r) => r?.data?.family?.leaderboard ?? [];
    const pointsOf = (r) => standingsOf(r).find((entry) => entry.user.id === userId)?.points ?? -1;
    const watched = follow(client.watchQuery({ query: document('Leaderboard'), variables: { familyId, period: 'WEEK' } }));
    const before = pointsOf(await watched.until((r) => standingsOf(r).length > 0, 'with the standings'));
    check(before < minPoints, `the member has ${before} points already`);
    const events = follow(client.subscribe({ query: document('OnFamilyLeaderboardUpdated'), variables: { familyId, period: 'WEEK' } }));
    // The test approves a task for the member once it sees this subscription on the server.
    const event = await events.until((e) => e.error || e.data?.familyLeaderboardUpdated, 'from familyLeaderboardUpdated', 30000);
    check(!event.error, 'the subscription failed', String(event.error));
    const after = await watched.until((r) => pointsOf(r) >= minPoints, `with the member at ${minPoints} points or more from the event`);
    events.unsubscribe();
    watched.unsubscribe();
    check(requests.filter((name) => name === 'Leaderboard').length === 1, 'the watched query was fetched again', requests);
    return {
      before,
      standings: standingsOf(after).map((entry) => ({ rank: entry.rank, userId: entry.user.id, points: entry.points })),
      requests,
    };
  } finally {
    dispose();
  }
}

await run({ workflow, 'fetch-more': fetchMore, subscription, leaderboard });
