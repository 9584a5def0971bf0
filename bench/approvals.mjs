// approveTask throughput (issue 9, goal 3): CONCURRENCY workers approve COMPLETED tasks of many families for
// DURATION_S seconds (after WARMUP_S seconds of uncounted load) against a running KD Family (BENCH_URL), each as its family's advisor, and report approvals per
// second, latency percentiles and refusals by code. Input: TASKS_FILE, lines "taskUuid|advisorLogin", interleaved
// across families (approve.sh writes it). Output: one JSON object on stdout.
import { readFileSync } from 'node:fs';

const url = process.env.BENCH_URL ?? 'http://127.0.0.1:5092';
const concurrency = Number(process.env.CONCURRENCY ?? 64);
const durationMs = Number(process.env.DURATION_S ?? 30) * 1000;
const password = process.env.BENCH_PASSWORD ?? 'bench-password-1';
const lines = readFileSync(process.env.TASKS_FILE, 'utf8').trim().split('\n').map((l) => l.split('|'));

const globalId = (type, uuid) => Buffer.from(`${type}:${uuid.replaceAll('-', '')}`).toString('base64url');
const mutation = `mutation Approve($taskId: ID!) {
  approveTask(input: { taskId: $taskId }) { task { id status } errors { __typename ... on Error { code message } } }
}`;

async function login(name) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: name, password }),
  });
  if (!response.ok) throw new Error(`login ${name}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

const advisors = [...new Set(lines.map(([, advisor]) => advisor))];
const tokens = new Map();
for (let i = 0; i < advisors.length; i += 8) {
  await Promise.all(advisors.slice(i, i + 8).map(async (a) => tokens.set(a, await login(a))));
}

let next = 0;

// Warm-up: WARMUP_S (10) seconds of the same load, not counted, so the measured run sees the JIT-compiled service
// (right after start it runs unoptimized code; the dashboard bench warms its targets the same way).
const warmupMs = Number(process.env.WARMUP_S ?? 10) * 1000;
async function warm(until) {
  while (performance.now() < until && next < lines.length) {
    const [uuid, advisor] = lines[next++];
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(advisor)}` },
      body: JSON.stringify({ query: mutation, variables: { taskId: globalId('Task', uuid) } }),
    }).then((r) => r.arrayBuffer());
  }
}
const warmUntil = performance.now() + warmupMs;
await Promise.all(Array.from({ length: concurrency }, () => warm(warmUntil)));
const warmedUp = next;

const latencies = [];
const refusals = {};
const perSecond = [];
let approved = 0;
const start = performance.now();
const deadline = start + durationMs;

async function worker() {
  while (performance.now() < deadline && next < lines.length) {
    const [uuid, advisor] = lines[next++];
    const t0 = performance.now();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.get(advisor)}` },
      body: JSON.stringify({ query: mutation, variables: { taskId: globalId('Task', uuid) } }),
    });
    const body = await response.json();
    const t1 = performance.now();
    latencies.push(t1 - t0);
    const payload = body.data?.approveTask;
    if (response.ok && payload?.task?.status === 'APPROVED' && (payload.errors ?? []).length === 0) {
      approved++;
      const second = Math.floor((t1 - start) / 1000);
      perSecond[second] = (perSecond[second] ?? 0) + 1;
    } else {
      const code = payload?.errors?.[0]?.code ?? body.errors?.[0]?.extensions?.code ?? `HTTP_${response.status}`;
      refusals[code] = (refusals[code] ?? 0) + 1;
    }
  }
}

await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - start) / 1000;
latencies.sort((a, b) => a - b);
const pct = (p) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] * 10) / 10;
const full = Array.from({ length: Math.max(1, Math.floor(elapsed)) }, (_, i) => perSecond[i] ?? 0);
console.log(JSON.stringify({
  concurrency, warmUpSeconds: warmupMs / 1000, approvedInWarmUp: warmedUp, seconds: Math.round(elapsed * 10) / 10, families: advisors.length, tasksAvailable: lines.length,
  approved, approvalsPerSecond: Math.round(approved / elapsed), slowestSecond: Math.min(...full), fastestSecond: Math.max(...full),
  latencyMs: { p50: pct(0.5), p90: pct(0.9), p99: pct(0.99), max: pct(1) }, refusals,
}));
