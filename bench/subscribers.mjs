// Fan-out benchmark: N concurrent graphql-ws (graphql-transport-ws) subscribers of one family's
// leaderboardUpdated, one task approval, and how long until every subscriber has the event.
// Also reads the server's memory from /metrics before and after connecting the subscribers.
//
// Usage (see README.md; bench/run.sh starts a server and runs this):
//   BENCH_URL=http://127.0.0.1:5080 SUBSCRIBERS=1000 node bench/subscribers.mjs
// Environment:
//   BENCH_URL            base address of a running server seeded with the demo family (--seed-demo)
//   SUBSCRIBERS          number of WebSocket connections, one subscription each (default 1000; 0 = only the
//                        login / metrics / mutation flow, no WebSockets)
//   CONNECT_CONCURRENCY  connections opened at a time (default 100)
//   SETTLE_MS            wait after the last subscribe before reading memory and approving (default 2000)
//   TIMEOUT_MS           how long to wait for every subscriber to get the event (default 30000)
//   RESULTS_DIR          where the JSON result goes (default bench/results)
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import os from 'node:os';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const here = dirname(fileURLToPath(import.meta.url));
const baseUrl = (process.env.BENCH_URL ?? 'http://127.0.0.1:5080').replace(/\/$/, '');
const subscribers = Number(process.env.SUBSCRIBERS ?? 1000);
const connectConcurrency = Number(process.env.CONNECT_CONCURRENCY ?? 100);
const settleMs = Number(process.env.SETTLE_MS ?? 2000);
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 30000);
const resultsDir = process.env.RESULTS_DIR ?? join(here, 'results');
const graphqlUrl = `${baseUrl}/graphql`;
const wsUrl = graphqlUrl.replace(/^http/, 'ws');

const SUBSCRIPTION = `subscription LeaderboardUpdatedBench($id: ID!) {
  leaderboardUpdated(familyId: $id) { rank points user { fullName } }
}`;
const CREATE = `mutation CreateTaskBench($input: CreateTaskInput!) {
  createTask(input: $input) { task { id status } errors { __typename ... on Error { code message } } }
}`;
const START = `mutation StartTaskBench($input: StartTaskInput!) {
  startTask(input: $input) { task { id status } errors { __typename ... on Error { code message } } }
}`;
const COMPLETE = `mutation CompleteTaskBench($input: CompleteTaskInput!) {
  completeTask(input: $input) { task { id status } errors { __typename ... on Error { code message } } }
}`;
const APPROVE = `mutation ApproveTaskBench($input: ApproveTaskInput!) {
  approveTask(input: $input) { task { id status } errors { __typename ... on Error { code message } } }
}`;

const log = (...args) => console.error(`[${new Date().toISOString()}]`, ...args);

async function login(username) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ login: username, password: 'demo-password-1' }),
  });
  if (!res.ok) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

async function graphql(token, query, variables) {
  const res = await fetch(graphqlUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json;q=0.9',
      authorization: `Bearer ${token}`,
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = await res.json();
  if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Runs one mutation and returns its payload's task, failing on a typed error. */
async function mutate(token, query, field, input) {
  const data = await graphql(token, query, { input });
  const payload = data[field];
  if (payload.errors?.length) throw new Error(`${field}: ${JSON.stringify(payload.errors)}`);
  return payload.task;
}

/** process_working_set_bytes and dotnet_total_memory_bytes from the Prometheus text format. */
async function serverMemory() {
  const res = await fetch(`${baseUrl}/metrics`);
  if (!res.ok) throw new Error(`/metrics: HTTP ${res.status}`);
  const text = await res.text();
  const read = (name) => {
    const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
    return line ? Number(line.trim().split(/\s+/).pop()) : null;
  };
  return {
    workingSetBytes: read('process_working_set_bytes'),
    managedHeapBytes: read('dotnet_total_memory_bytes'),
    privateMemoryBytes: read('process_private_memory_bytes'),
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return Math.round(sorted[Math.max(0, index)] * 100) / 100;
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One subscriber: a graphql-ws client with one subscription; resolves once the socket is acknowledged. */
function openSubscriber(index, token, familyId, state) {
  const subscriber = { index, receivedAt: null, events: 0, error: null, client: null };
  return new Promise((resolve) => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      retryAttempts: 0,
      on: {
        connected: () => resolve(subscriber),
        closed: (event) => {
          if (!state.finished && subscriber.error === null) subscriber.error = `closed ${event?.code ?? ''} ${event?.reason ?? ''}`.trim();
          resolve(subscriber);
        },
        error: (err) => {
          subscriber.error ??= String(err?.message ?? err);
          resolve(subscriber);
        },
      },
    });
    subscriber.client = client;
    client.subscribe(
      { query: SUBSCRIPTION, variables: { id: familyId } },
      {
        next: () => {
          subscriber.events++;
          if (state.armedAt !== null && subscriber.receivedAt === null) {
            subscriber.receivedAt = performance.now();
            state.received++;
            if (state.received === state.expected) state.allReceived();
          }
        },
        error: (err) => {
          subscriber.error ??= JSON.stringify(err?.message ?? err);
          resolve(subscriber);
        },
        complete: () => {},
      },
    );
  });
}

async function main() {
  log(`target ${graphqlUrl}, ${subscribers} subscribers`);
  const pat = await login('pat');
  const mia = await login('mia');
  const familyId = pat.user.familyId;
  log(`logged in: pat (${pat.user.role}), mia (${mia.user.role}), family ${familyId}`);

  const memoryBefore = await serverMemory();
  log('memory before', memoryBefore);

  const state = { armedAt: null, received: 0, expected: 0, finished: false, allReceived: () => {} };
  const subs = [];
  const connectStarted = performance.now();
  for (let start = 0; start < subscribers; start += connectConcurrency) {
    const batch = [];
    for (let i = start; i < Math.min(subscribers, start + connectConcurrency); i++) {
      // Half the subscribers are the parent, half the member: both may follow their family's leaderboard.
      batch.push(openSubscriber(i, i % 2 === 0 ? pat.accessToken : mia.accessToken, familyId, state));
    }
    subs.push(...(await Promise.all(batch)));
  }
  const connectMs = performance.now() - connectStarted;
  const failed = subs.filter((s) => s.error !== null);
  log(`connected ${subs.length - failed.length}/${subscribers} in ${Math.round(connectMs)} ms`);
  if (failed.length) log('first connection errors', failed.slice(0, 3).map((s) => s.error));

  // graphql-transport-ws has no subscribe acknowledgement: give the server time to register every subscription.
  await delay(subscribers > 0 ? settleMs : 0);
  const memoryAfter = await serverMemory();
  log('memory after connecting', memoryAfter);

  const task = await mutate(pat.accessToken, CREATE, 'createTask', {
    title: `Bench approval ${new Date().toISOString()}`,
    points: 5,
    assignedToId: mia.user.id,
  });
  await mutate(mia.accessToken, START, 'startTask', { taskId: task.id });
  await mutate(mia.accessToken, COMPLETE, 'completeTask', { taskId: task.id });
  log(`task ${task.id} created, started and completed; approving`);

  const live = subs.filter((s) => s.error === null);
  state.expected = live.length;
  const everyone = new Promise((resolve) => {
    state.allReceived = resolve;
    if (state.expected === 0) resolve();
  });
  state.armedAt = performance.now();
  const approved = await mutate(pat.accessToken, APPROVE, 'approveTask', { taskId: task.id });
  const approveRoundTripMs = performance.now() - state.armedAt;
  log(`approved (${approved.status}) in ${Math.round(approveRoundTripMs)} ms; waiting for ${state.expected} subscribers`);
  await Promise.race([everyone, delay(timeoutMs)]);
  state.finished = true;

  const latencies = live.filter((s) => s.receivedAt !== null).map((s) => s.receivedAt - state.armedAt).sort((a, b) => a - b);
  const round = (n) => (n === null ? null : Math.round(n * 100) / 100);
  const delta = (key) => (memoryBefore[key] !== null && memoryAfter[key] !== null ? memoryAfter[key] - memoryBefore[key] : null);
  const result = {
    date: new Date().toISOString(),
    target: graphqlUrl,
    transport: 'graphql-transport-ws (graphql-ws client + ws)',
    subscribersRequested: subscribers,
    subscribersConnected: live.length,
    connectionErrors: failed.length,
    connectMs: Math.round(connectMs),
    received: latencies.length,
    missed: live.length - latencies.length,
    approveRoundTripMs: round(approveRoundTripMs),
    latencyMs: {
      p50: percentile(latencies, 50),
      p90: percentile(latencies, 90),
      p99: percentile(latencies, 99),
      max: latencies.length ? round(latencies[latencies.length - 1]) : null,
      min: latencies.length ? round(latencies[0]) : null,
    },
    memory: {
      before: memoryBefore,
      afterConnecting: memoryAfter,
      workingSetDeltaBytes: delta('workingSetBytes'),
      managedHeapDeltaBytes: delta('managedHeapBytes'),
      workingSetPerSubscriberBytes: live.length && delta('workingSetBytes') !== null ? Math.round(delta('workingSetBytes') / live.length) : null,
    },
    client: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length },
  };

  console.log(
    `subscribers ${result.subscribersConnected}/${subscribers}, received ${result.received}, missed ${result.missed}; ` +
      `latency p50 ${result.latencyMs.p50} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms; ` +
      `working set ${memoryBefore.workingSetBytes} -> ${memoryAfter.workingSetBytes} bytes`,
  );
  await mkdir(resultsDir, { recursive: true });
  const file = join(resultsDir, `${result.date.slice(0, 10)}-subscribers.json`);
  await writeFile(file, JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${file}`);

  await Promise.all(subs.map((s) => s.client?.dispose()));
  return result.missed === 0 && result.connectionErrors === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
