// Fan-out benchmark: N concurrent graphql-ws (graphql-transport-ws) subscribers of one family's
// leaderboardUpdated, one task approval, and how long until every subscriber has the event reflecting it.
// Also reads the server's memory, EF Core query count and thread pool from /metrics at each phase.
//
// Usage (see README.md; bench/run.sh starts a server and runs this):
//   BENCH_URL=http://127.0.0.1:5080 SUBSCRIBERS=1000 node bench/subscribers.mjs
// Environment:
//   BENCH_URL            base address of a running server seeded with the demo family (--seed-demo)
//   SUBSCRIBERS          number of WebSocket connections, one subscription each (default 1000; 0 = only the
//                        login / metrics / mutation flow, no WebSockets)
//   CONNECT_CONCURRENCY  connections opened at a time (default 100)
//   READY_TIMEOUT_MS     how long every subscriber may take to receive the warm-up event (default 60000)
//   TIMEOUT_MS           how long to wait for every subscriber to get the measured event (default 30000)
//   RESULTS_FILE         JSON file the run is appended to (default bench/results/<date>-subscribers-<N>.json)
//   BENCH_NOTE           free text stored with the run (e.g. what else was running)
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
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
const readyTimeoutMs = Number(process.env.READY_TIMEOUT_MS ?? 60000);
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 30000);
const startedAt = new Date();
const resultsFile =
  process.env.RESULTS_FILE ?? join(here, 'results', `${startedAt.toISOString().slice(0, 10)}-subscribers-${subscribers}.json`);
const graphqlUrl = `${baseUrl}/graphql`;
const wsUrl = graphqlUrl.replace(/^http/, 'ws');

// Matches Subscription.leaderboardUpdated(familyId: ID!, period: LeaderboardPeriod = WEEK) in schema/schema.graphql.
const SUBSCRIPTION = `subscription LeaderboardUpdatedBench($familyId: ID!) {
  leaderboardUpdated(familyId: $familyId, period: WEEK) { rank points user { id fullName } }
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
const AWARD = `mutation AwardPointsBench($input: AwardPointsInput!) {
  awardPoints(input: $input) { transaction { id } errors { __typename ... on Error { code message } } }
}`;
const TASK_POINTS = 5;

const log = (...args) => console.error(`[${new Date().toISOString()}]`, ...args);
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (n) => (n === null || n === undefined ? null : Math.round(n * 100) / 100);

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

/** Runs one mutation and returns its payload, failing on a typed error. */
async function mutate(token, query, field, input) {
  const data = await graphql(token, query, { input });
  const payload = data[field];
  if (payload.errors?.length) throw new Error(`${field}: ${JSON.stringify(payload.errors)}`);
  return payload;
}

/** Memory, EF Core queries, thread pool, DB connections and sockets from the Prometheus text format. */
async function serverMetrics() {
  const res = await fetch(`${baseUrl}/metrics`);
  if (!res.ok) throw new Error(`/metrics: HTTP ${res.status}`);
  const lines = (await res.text()).split('\n').filter((l) => l && !l.startsWith('#'));
  const values = (name) =>
    lines.filter((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`)).map((l) => Number(l.trim().split(/\s+/).pop()));
  const one = (name) => values(name)[0] ?? null;
  const sum = (name) => (values(name).length ? values(name).reduce((a, b) => a + b, 0) : null);
  const npgsql = (state) => {
    const line = lines.find((l) => l.startsWith('npgsql_db_client_connection_count{') && l.includes(`db_client_connection_state="${state}"`));
    return line ? Number(line.trim().split(/\s+/).pop()) : null;
  };
  return {
    workingSetBytes: one('process_working_set_bytes'),
    privateMemoryBytes: one('process_private_memory_bytes'),
    // GC.GetTotalMemory(false): bytes currently thought to be allocated on the managed heap.
    gcHeapBytes: one('dotnet_total_memory_bytes'),
    // Heap size after the last GC, all generations (gen0..2, LOH, POH).
    gcHeapAfterLastCollectionBytes: sum('system_runtime_dotnet_gc_last_collection_heap_size'),
    gcCommittedBytes: one('system_runtime_dotnet_gc_last_collection_memory_committed_size'),
    efQueries: one('microsoft_entityframeworkcore_microsoft_entityframeworkcore_queries'),
    threadPoolThreads: one('system_runtime_dotnet_thread_pool_thread_count'),
    threadPoolQueueLength: one('system_runtime_dotnet_thread_pool_queue_length'),
    npgsqlConnectionsIdle: npgsql('idle'),
    npgsqlConnectionsUsed: npgsql('used'),
    webSocketsActive: one('kdfamily_graph_websockets_graphql_websocket_connections_active') ?? one('graphql_websocket_connections_active'),
    processCpuSeconds: one('process_cpu_seconds_total'),
  };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return round(sorted[Math.max(0, index)]);
}

function latencySummary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length ? round(sorted[sorted.length - 1]) : null,
    min: sorted.length ? round(sorted[0]) : null,
  };
}

/** The machine's load and the busiest processes, since the machine is shared with other work. */
function machineLoad() {
  let busiest = [];
  try {
    busiest = execFileSync('ps', ['-eo', 'pcpu,rss,comm', '--sort=-pcpu'], { encoding: 'utf8' })
      .split('\n')
      .slice(1, 9)
      .map((l) => l.trim())
      .filter(Boolean);
  } catch {
    // ps is informative only.
  }
  let uptime = null;
  try {
    uptime = execFileSync('uptime', { encoding: 'utf8' }).trim();
  } catch {
    uptime = `loadavg ${os.loadavg().map((n) => n.toFixed(2)).join(' ')}`;
  }
  return { uptime, loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100), busiestProcesses: busiest };
}

/**
 * A waiting phase: each subscriber records the time of its first event that `matches` after the phase began.
 * `done` resolves once every expected subscriber has one.
 */
function phase(name, subs, matches) {
  const p = { name, startedAt: null, matches, expected: subs.length, received: 0, failed: 0, stale: 0, resolve: () => {} };
  p.members = new Set(subs);
  p.done = new Promise((resolve) => {
    p.resolve = resolve;
    if (p.expected === 0) resolve();
  });
  return p;
}

/** A subscriber whose stream ended with an error no longer counts towards the active phase's wait. */
function fail(subscriber, state, error) {
  if (subscriber.error !== null) return;
  subscriber.error = error;
  const p = state.phase;
  if (p !== null && !state.finished && !subscriber.seen.has(p.name) && p.members.has(subscriber)) {
    p.failed++;
    if (p.received + p.failed === p.expected) p.resolve();
  }
}

/** One subscriber: a graphql-ws client with one subscription; resolves once the socket is acknowledged (or fails). */
function openSubscriber(index, token, familyId, state) {
  const subscriber = { index, seen: new Map(), lastEntries: null, events: 0, error: null, client: null };
  return new Promise((resolve) => {
    const client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: true,
      retryAttempts: 0,
      // The server pings; the client needs none of its own during a run.
      keepAlive: 0,
      on: {
        connected: () => resolve(subscriber),
        closed: (event) => {
          if (!state.finished) fail(subscriber, state, `closed ${event?.code ?? ''} ${event?.reason ?? ''}`.trim());
          resolve(subscriber);
        },
        error: (err) => {
          fail(subscriber, state, String(err?.message ?? err));
          resolve(subscriber);
        },
      },
    });
    subscriber.client = client;
    client.subscribe(
      { query: SUBSCRIPTION, variables: { familyId } },
      {
        next: (result) => {
          const at = performance.now();
          subscriber.events++;
          if (result.errors?.length) {
            fail(subscriber, state, `event error ${JSON.stringify(result.errors)}`);
            return;
          }
          const entries = result.data?.leaderboardUpdated ?? [];
          subscriber.lastEntries = entries;
          const p = state.phase;
          if (p === null || p.startedAt === null || subscriber.seen.has(p.name)) return;
          if (p.matches(entries)) {
            subscriber.seen.set(p.name, at - p.startedAt);
            p.received++;
            if (p.received + p.failed === p.expected) p.resolve();
          } else {
            p.stale++;
          }
        },
        error: (err) => {
          fail(subscriber, state, `subscription error ${JSON.stringify(err?.message ?? err)}`);
          resolve(subscriber);
        },
        complete: () => {
          if (!state.finished) fail(subscriber, state, 'subscription completed by the server');
        },
      },
    );
  });
}

/** Runs a phase: arms it, performs `action`, waits for every subscriber (or the timeout). */
async function runPhase(state, p, action, waitMs) {
  state.phase = p;
  p.startedAt = performance.now();
  const actionResult = await action();
  const actionMs = performance.now() - p.startedAt;
  const timedOut = await Promise.race([p.done.then(() => false), delay(waitMs).then(() => true)]);
  const elapsedMs = performance.now() - p.startedAt;
  return { actionResult, actionMs, timedOut, elapsedMs };
}

const pointsOf = (entries, userId) => entries?.find((e) => e.user?.id === userId)?.points ?? null;

async function main() {
  log(`target ${graphqlUrl}, ${subscribers} subscribers`);
  const loadAtStart = machineLoad();
  const pat = await login('pat');
  const mia = await login('mia');
  const familyId = pat.user.familyId;
  const miaId = mia.user.id;
  log(`logged in: pat (${pat.user.role}), mia (${mia.user.role}), family ${familyId}`);

  const metricsBefore = await serverMetrics();
  log('server before connecting', metricsBefore);

  const state = { phase: null, finished: false };
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
  const connectFailed = subs.filter((s) => s.error !== null);
  log(`connection_ack for ${subs.length - connectFailed.length}/${subscribers} in ${Math.round(connectMs)} ms`);
  if (connectFailed.length) log('first connection errors', connectFailed.slice(0, 3).map((s) => s.error));
  const metricsAfterConnecting = await serverMetrics();
  log('server after connecting (acknowledged, subscriptions sent)', metricsAfterConnecting);

  // Readiness. graphql-transport-ws acknowledges the connection, not the subscription: a `subscribe` message has no
  // reply until the first event. So a subscriber counts as ready only once it has received a warm-up event: pat awards
  // mia 1 point, and we wait until every connected subscriber has the leaderboardUpdated that follows. Only those
  // subscribers are measured; the warm-up also takes the first-event costs (JIT, pools) out of the measurement.
  const connected = subs.filter((s) => s.error === null);
  const warmUpPhase = phase('warmUp', connected, (entries) => pointsOf(entries, miaId) !== null);
  const warmUp = await runPhase(
    state,
    warmUpPhase,
    () => mutate(pat.accessToken, AWARD, 'awardPoints', { userId: miaId, points: 1, reason: 'Benchmark warm-up' }),
    readyTimeoutMs,
  );
  const ready = connected.filter((s) => s.seen.has('warmUp') && s.error === null);
  const warmUpLatencies = connected.filter((s) => s.seen.has('warmUp')).map((s) => s.seen.get('warmUp'));
  log(`ready (warm-up event received): ${ready.length}/${connected.length} in ${Math.round(warmUp.elapsedMs)} ms`);
  await delay(500); // let the warm-up's reloads and GC settle before reading the server
  const metricsAfterReady = await serverMetrics();
  log('server after warm-up', metricsAfterReady);

  // The measured approval: mia's weekly points go up by the task's points. Everything but approveTask happens
  // before the clock starts; an event counts only when it shows mia at (at least) the new total: on a fresh database
  // the approval is mia's first, and the achievement it unlocks pays its reward in the same commit.
  const readyEntries = ready[0]?.lastEntries ?? connected[0]?.lastEntries;
  const miaPointsBefore = pointsOf(readyEntries, miaId);
  const { task } = await mutate(pat.accessToken, CREATE, 'createTask', {
    title: `Bench approval ${new Date().toISOString()}`,
    points: TASK_POINTS,
    assignedToId: miaId,
  });
  await mutate(mia.accessToken, START, 'startTask', { taskId: task.id });
  await mutate(mia.accessToken, COMPLETE, 'completeTask', { taskId: task.id });
  const expectedPoints = miaPointsBefore === null ? null : miaPointsBefore + TASK_POINTS;
  log(`task ${task.id} created, started and completed; mia has ${miaPointsBefore} weekly points, expecting ${expectedPoints}; approving`);

  const metricsBeforeEvent = await serverMetrics();
  const measuredPhase = phase('approval', ready, (entries) => expectedPoints !== null && pointsOf(entries, miaId) >= expectedPoints);
  const approval = await runPhase(
    state,
    measuredPhase,
    () => mutate(pat.accessToken, APPROVE, 'approveTask', { taskId: task.id }),
    timeoutMs,
  );
  log(`approved (${approval.actionResult.task.status}) in ${Math.round(approval.actionMs)} ms; ${measuredPhase.received}/${ready.length} have the event after ${Math.round(approval.elapsedMs)} ms`);
  await delay(500);
  const metricsAfterEvent = await serverMetrics();
  log('server after the event', metricsAfterEvent);
  const loadAtEnd = machineLoad();
  state.finished = true;

  const latencies = ready.filter((s) => s.seen.has('approval')).map((s) => s.seen.get('approval'));
  const errors = subs.filter((s) => s.error !== null);
  const diff = (a, b, key) => (a[key] !== null && b[key] !== null ? b[key] - a[key] : null);
  const run = {
    date: startedAt.toISOString(),
    target: graphqlUrl,
    transport: 'graphql-transport-ws (graphql-ws 6 client + ws)',
    note: process.env.BENCH_NOTE ?? null,
    subscribersRequested: subscribers,
    connected: connected.length,
    connectionErrors: connectFailed.length,
    connectMs: Math.round(connectMs),
    ready: ready.length,
    notReady: connected.length - ready.length,
    warmUp: {
      what: 'awardPoints(+1 to mia) as pat; a subscriber is ready once it received the leaderboardUpdated that follows',
      mutationRoundTripMs: round(warmUp.actionMs),
      allReadyAfterMs: warmUp.timedOut ? null : round(warmUp.elapsedMs),
      streamsFailed: warmUpPhase.failed,
      latencyMs: latencySummary(warmUpLatencies),
      efQueries: diff(metricsAfterConnecting, metricsAfterReady, 'efQueries'),
    },
    approval: {
      what: `approveTask as pat of a COMPLETED ${TASK_POINTS}-point task of mia; latency = send of the request to the first event showing mia at >= ${expectedPoints} weekly points`,
      mutationRoundTripMs: round(approval.actionMs),
      allReceivedAfterMs: approval.timedOut ? null : round(approval.elapsedMs),
      received: latencies.length,
      missed: ready.length - latencies.length,
      streamsFailed: measuredPhase.failed,
      staleEvents: measuredPhase.stale,
      latencyMs: latencySummary(latencies),
      efQueries: diff(metricsBeforeEvent, metricsAfterEvent, 'efQueries'),
      serverCpuSeconds: round(diff(metricsBeforeEvent, metricsAfterEvent, 'processCpuSeconds')),
    },
    subscriberErrors: errors.length,
    firstErrors: errors.slice(0, 5).map((s) => s.error),
    server: {
      beforeConnecting: metricsBefore,
      afterConnecting: metricsAfterConnecting,
      afterWarmUp: metricsAfterReady,
      afterEvent: metricsAfterEvent,
      workingSetPerSubscriberBytes:
        connected.length && diff(metricsBefore, metricsAfterReady, 'workingSetBytes') !== null
          ? Math.round(diff(metricsBefore, metricsAfterReady, 'workingSetBytes') / connected.length)
          : null,
    },
    machine: { start: loadAtStart, end: loadAtEnd },
    client: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length },
  };

  console.log(
    `subscribers ${run.connected}/${subscribers} connected, ${run.ready} ready; approval: received ${run.approval.received}, missed ${run.approval.missed}; ` +
      `latency p50 ${run.approval.latencyMs.p50} ms, p99 ${run.approval.latencyMs.p99} ms, max ${run.approval.latencyMs.max} ms; ` +
      `EF queries for the event ${run.approval.efQueries}; working set ${metricsBefore.workingSetBytes} -> ${metricsAfterReady.workingSetBytes} -> ${metricsAfterEvent.workingSetBytes} bytes`,
  );

  // Runs of the same size on the same day go into one file (run.sh RUNS=3 → three entries).
  await mkdir(dirname(resultsFile), { recursive: true });
  let document = { benchmark: 'subscribers.mjs: leaderboardUpdated fan-out after one approval', subscribers, runs: [] };
  try {
    document = JSON.parse(await readFile(resultsFile, 'utf8'));
  } catch {
    // a new file
  }
  document.runs.push(run);
  await writeFile(resultsFile, JSON.stringify(document, null, 2) + '\n');
  log(`appended run ${document.runs.length} to ${resultsFile}`);

  await Promise.all(subs.map((s) => s.client?.dispose()));
  return run.connectionErrors === 0 && run.notReady === 0 && run.approval.missed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(2);
  },
);
