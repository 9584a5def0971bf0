// Fan-out across many families (issue 9, goal 4): SUBSCRIBERS graphql-ws clients of leaderboardUpdated spread over
// the families of FAMILIES_FILE and over the instances of WS_URLS, then one approval per family, one family at a time,
// and how long each subscriber of that family waits for the event. Also: server memory per idle subscriber (from each
// instance's /metrics) and the approval's round trip with nobody subscribed and under load. fanout.sh prepares the
// data and the instances. Output: one JSON object on stdout; progress on stderr.
//
// Environment:
//   WS_URLS          comma-separated base addresses subscribers connect to, round-robin (an instance, or nginx)
//   METRICS_URLS     comma-separated base addresses whose /metrics are summed (each instance, never nginx)
//   API_URL          where logins and approvals go (default: the first of WS_URLS)
//   FAMILIES_FILE    lines "familyNodeId|login1,login2,…|taskUuid1,taskUuid2,…" (COMPLETED tasks of that family)
//   SUBSCRIBERS      connections, one subscription each (default 5000)
//   IDLE_APPROVALS   approvals timed before anyone subscribes (default 20)
//   TASK_OFFSET      how many of each family's tasks an earlier run used (default 0)
//   METRICS_KEY      the instances' Metrics:ApiKey
//   HOLD_MS          keep the idle subscribers connected this long before the approvals (to profile the server)
//   HOLD_BEFORE_MS   wait this long before connecting anyone, after the idle approvals (a heap dump with no subscriber)
//   WARM_UP_ROUNDS   most warm-up rounds (one approval per family each) before the measured one (default 20)
//   CONNECT_CONCURRENCY, SETTLE_MS, TIMEOUT_MS
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const split = (value) => value.split(',').map((s) => s.trim().replace(/\/$/, '')).filter(Boolean);
const wsUrls = split(process.env.WS_URLS ?? 'http://127.0.0.1:5092');
const metricsUrls = split(process.env.METRICS_URLS ?? wsUrls.join(','));
const apiUrl = (process.env.API_URL ?? wsUrls[0]).replace(/\/$/, '');
const subscribers = Number(process.env.SUBSCRIBERS ?? 5000);
const idleApprovals = Number(process.env.IDLE_APPROVALS ?? 20);
const connectConcurrency = Number(process.env.CONNECT_CONCURRENCY ?? 100);
const settleMs = Number(process.env.SETTLE_MS ?? 5000);
const timeoutMs = Number(process.env.TIMEOUT_MS ?? 10000);
const password = process.env.BENCH_PASSWORD ?? 'bench-password-1';
const families = readFileSync(process.env.FAMILIES_FILE, 'utf8').trim().split('\n').map((line) => {
  const [id, logins, tasks] = line.split('|');
  return { id, logins: logins.split(','), tasks: tasks.split(',') };
});

const SUBSCRIPTION = `subscription FanOutBench($familyId: ID!) {
  leaderboardUpdated(familyId: $familyId, period: WEEK) { id rank points user { id } }
}`;
const APPROVE = `mutation ApproveFanOutBench($taskId: ID!) {
  approveTask(input: { taskId: $taskId }) { task { id status } errors { __typename ... on Error { code message } } }
}`;

const log = (...args) => console.error(`[${new Date().toISOString()}]`, ...args);
const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const globalId = (type, uuid) => Buffer.from(`${type}:${uuid.replaceAll('-', '')}`).toString('base64url');

function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => (sorted.length ? Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] * 10) / 10 : null);
  return { count: sorted.length, p50: at(50), p90: at(90), p99: at(99), max: at(100) };
}

async function login(name) {
  const response = await fetch(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: name, password }),
  });
  if (!response.ok) throw new Error(`login ${name}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

/** The sum over instances of the memory gauges, read from /metrics. */
async function memory() {
  let workingSet = 0;
  let gcHeap = 0;
  let sockets = 0;
  const olderCollections = [];
  for (const url of metricsUrls) {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${process.env.METRICS_KEY}` } });
    if (!response.ok) throw new Error(`${url}/metrics: HTTP ${response.status}`);
    const text = await response.text();
    const value = (name) => Number(text.split('\n').find((l) => l.startsWith(`${name} `))?.split(' ').pop() ?? NaN);
    workingSet += value('process_working_set_bytes');
    gcHeap += value('dotnet_total_memory_bytes');
    sockets += value('kdfamily_graph_websockets_graphql_websocket_connections_active') || 0;
    olderCollections.push({ gen1: value('dotnet_collection_count_total{generation="1"}'), gen2: value('dotnet_collection_count_total{generation="2"}') });
  }
  return { workingSet, gcHeap, sockets, olderCollections };
}

// TASK_OFFSET skips the tasks an earlier run against the same data approved already.
const families0 = families.map((f) => ({ ...f, next: Number(process.env.TASK_OFFSET ?? 0) }));
async function approve(family, token) {
  const taskId = family.tasks[family.next++];
  if (!taskId) throw new Error(`family ${family.id} has no COMPLETED task left`);
  const t0 = performance.now();
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: APPROVE, variables: { taskId: globalId('Task', taskId) } }),
  });
  const body = await response.json();
  const t1 = performance.now();
  if (body.data?.approveTask?.task?.status !== 'APPROVED') throw new Error(`approveTask: ${JSON.stringify(body)}`);
  return { t0, roundTripMs: t1 - t0 };
}

const tokens = new Map();
for (const family of families0) {
  for (const name of family.logins) tokens.set(name, await login(name));
}
const advisorToken = (family) => tokens.get(family.logins[0]);

// The approval's round trip with no subscriber anywhere (after a few untimed ones to warm the path).
for (const family of families0.slice(0, 5)) await approve(family, advisorToken(family));
const idle = [];
for (let i = 0; i < idleApprovals; i++) {
  const family = families0[i % families0.length];
  idle.push((await approve(family, advisorToken(family))).roundTripMs);
}
log('idle approval round trip', summary(idle));

if (process.env.HOLD_BEFORE_MS) {
  log(`holding with no subscriber for ${process.env.HOLD_BEFORE_MS} ms (to profile the server)`);
  await delay(Number(process.env.HOLD_BEFORE_MS));
}
const before = await memory();
const subs = [];
let failed = 0;
function open(index) {
  const family = families0[index % families0.length];
  const member = family.logins[Math.floor(index / families0.length) % family.logins.length];
  const url = wsUrls[index % wsUrls.length].replace(/^http/, 'ws') + '/graphql';
  const sub = { family, events: [], waiter: null };
  return new Promise((resolve) => {
    const client = createClient({
      url, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0, keepAlive: 0,
      connectionParams: { authorization: `Bearer ${tokens.get(member)}` },
      on: { connected: () => resolve(sub), closed: () => { sub.closed = true; resolve(sub); } },
    });
    sub.client = client;
    client.subscribe({ query: SUBSCRIPTION, variables: { familyId: family.id } }, {
      next: () => { sub.events.push(performance.now()); sub.waiter?.(); },
      error: () => { sub.failed = true; failed++; },
      complete: () => {},
    });
  });
}
for (let i = 0; i < subscribers; i += connectConcurrency) {
  const batch = [];
  for (let j = i; j < Math.min(subscribers, i + connectConcurrency); j++) batch.push(open(j));
  subs.push(...await Promise.all(batch));
}
const connected = subs.filter((s) => !s.closed).length;
log(`connected ${connected}/${subscribers}`);
await delay(settleMs);
const afterConnecting = await memory();
if (process.env.HOLD_MS) {
  log(`holding ${connected} idle subscribers for ${process.env.HOLD_MS} ms (to profile the server)`);
  await delay(Number(process.env.HOLD_MS));
}

/** One approval in `family`; resolves with every subscriber's wait (ms from the request's send) or null if missed. */
async function measure(family) {
  const members = subs.filter((s) => s.family === family && !s.closed);
  const seen = members.map((s) => s.events.length);
  const { t0, roundTripMs } = await approve(family, advisorToken(family));
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && members.some((s, i) => s.events.length === seen[i] && !s.failed)) await delay(5);
  return { roundTripMs, waits: members.map((s, i) => (s.events.length > seen[i] ? s.events[seen[i]] - t0 : null)) };
}

// Warm-up: every family once (first events pay JIT and pool growth), then the measured round. Thousands of sockets
// connected at once leave their objects in the young generations, and the GC's next collections of them copy them
// into gen2: one-off pauses of 100-165 ms on 2 cores (a GC trace showed a gen1 collection promoting 73 MB 10 s after
// the sockets connected, and a background gen2 collection whose initial mark of what had been promoted took 125 ms),
// which would land in whichever round runs then. So the warm-up goes on, up to WARM_UP_ROUNDS rounds, until every
// instance has run two gen1 collections since the sockets connected (the first moves what was in gen1 to gen2, the
// second what was still in gen0) and then a gen2 collection; the rounds taken, whether that happened and the warm-up's
// own latencies are reported.
const warmUpRounds = Number(process.env.WARM_UP_ROUNDS ?? 20);
const warmUp = [];
let warmUpRoundsTaken = 0;
let promotedAfterConnecting = false;
// Per instance: its gen2 count once the two gen1 collections had run (undefined until then).
const gen2WhenPromoted = afterConnecting.olderCollections.map(() => undefined);
while (warmUpRoundsTaken < warmUpRounds && !promotedAfterConnecting) {
  for (const family of families0) for (const x of (await measure(family)).waits) if (x !== null) warmUp.push(x);
  warmUpRoundsTaken++;
  const now = (await memory()).olderCollections;
  // The runtime counts a gen2 collection as a gen1 one too; a background gen2 collection promotes nothing from gen1.
  now.forEach(({ gen1, gen2 }, i) => {
    const then = afterConnecting.olderCollections[i];
    if (gen2WhenPromoted[i] === undefined && gen1 - gen2 >= then.gen1 - then.gen2 + 2) gen2WhenPromoted[i] = gen2;
  });
  promotedAfterConnecting = now.every(({ gen2 }, i) => gen2WhenPromoted[i] !== undefined && gen2 > gen2WhenPromoted[i]);
}
log(`warm-up: ${warmUpRoundsTaken} round(s), two gen1 collections since connecting and a gen2 after them: ${promotedAfterConnecting}`);
const afterWarmUp = await memory();
const waits = [];
const loaded = [];
let missed = 0;
for (const family of families0) {
  const { roundTripMs, waits: w } = await measure(family);
  loaded.push(roundTripMs);
  for (const x of w) (x === null ? missed++ : waits.push(x));
}
const afterEvents = await memory();
if (process.env.HOLD_AFTER_MS) {
  log(`holding ${connected} subscribers after the measured round for ${process.env.HOLD_AFTER_MS} ms (to profile the server)`);
  await delay(Number(process.env.HOLD_AFTER_MS));
}
for (const sub of subs) sub.client.dispose();

const perSubscriber = (a, b, key) => Math.round((b[key] - a[key]) / Math.max(1, connected));
const result = {
  instances: metricsUrls.length,
  via: wsUrls,
  subscribers, connected, failedStreams: failed, families: families0.length,
  eventLatencyMs: { ...summary(waits), missed, what: 'from sending approveTask to the subscriber receiving leaderboardUpdated' },
  approvalRoundTripMs: { idle: summary(idle), underLoad: summary(loaded) },
  warmUp: { rounds: warmUpRoundsTaken, promotedSinceConnecting: promotedAfterConnecting, eventLatencyMs: summary(warmUp) },
  memory: {
    before, afterConnecting, afterWarmUp, afterEvents,
    workingSetPerIdleSubscriberBytes: perSubscriber(before, afterConnecting, 'workingSet'),
    gcHeapPerIdleSubscriberBytes: perSubscriber(before, afterConnecting, 'gcHeap'),
    workingSetPerSubscriberAfterEventsBytes: perSubscriber(before, afterEvents, 'workingSet'),
  },
};
console.log(JSON.stringify(result, null, 2));
process.exit(connected === subscribers && missed === 0 && failed === 0 ? 0 : 1);
