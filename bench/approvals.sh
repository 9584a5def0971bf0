#!/usr/bin/env bash
# approveTask under sustained load (issue 9, goal 3), in one command: the peers' PostgreSQL cluster with KD Family's
# bench data (../shared/peers: 200 families × 8 members), every open task made COMPLETED and every advisor able to sign
# in, then bench/approvals.mjs approves for DURATION_S seconds (30) with CONCURRENCY workers (64) across all
# families after a warm-up of the same load (until the service's JIT settles: see approvals.mjs), and the ledger's
# invariants are checked afterwards. Writes bench/results/<date>-approvals.md.
# KEEP_RUNNING=1 leaves the cluster and the service up afterwards (to profile).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
peers="$(cd "${PEERS_DIR:-../shared/peers}" && pwd)"
results="${RESULTS_FILE:-$repo/bench/results/$(date -u +%F)-approvals.md}"
psql_bench=(psql -h 127.0.0.1 -p 55433 -U postgres -d kdfamily_bench -v ON_ERROR_STOP=1 -qAt)
work="$(mktemp -d)"
trap '[ -n "${KEEP_RUNNING:-}" ] || { "$peers/ours.sh" --stop; "$peers/pg.sh" stop; } >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

"$peers/pg.sh" start
(cd "$peers" && [ -d node_modules ] || npm ci --no-audit --no-fund)
# ours.sh publishes into one fixed folder, and publish copies a file only when it is newer than the copy there: the
# build of an older checkout (a worktree at an earlier commit) would leave the newer build's binaries running, and
# the other way round. Start from an empty folder.
rm -rf "${KD_PEERS_RUN:-$(dirname "$(mktemp -u)")/kd-peers-run}/ours-out"
# The warm-up reads the service's JIT time from /metrics, which answers only with the metrics key.
export METRICS_KEY="bench-metrics-key-0123456789-abcdefghijklmn"
env GraphQL__Limits__CostPerMinute=1000000000 Metrics__ApiKey="$METRICS_KEY" ${EXTRA_ENV:-} "$peers/ours.sh" "$repo"

# Every open task becomes COMPLETED work of a member who is not the family's advisor; every advisor gets the
# throwaway account's password (ours.sh registered it), so the bench can sign them in.
"${psql_bench[@]}" <<'SQL'
UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE username = 'bench_tmp')
WHERE username LIKE 'bench\_f%\_u0';
UPDATE tasks t
SET status = 'Completed',
    assigned_to_id = CASE WHEN t.assigned_to_id IS NULL OR t.assigned_to_id = adv.id THEN kid.id ELSE t.assigned_to_id END,
    started_at = coalesce(t.started_at, now() - interval '2 hours'), completed_at = now() - interval '1 hour',
    actual_minutes = coalesce(t.actual_minutes, 15), rejected_at = NULL, rejection_reason = NULL
FROM users adv, users kid
WHERE adv.family_id = t.family_id AND adv.username LIKE 'bench\_f%\_u0'
  AND kid.family_id = t.family_id AND kid.username LIKE 'bench\_f%\_u2'
  AND t.status IN ('Pending', 'InProgress', 'Completed', 'Rejected') AND t.deleted_at IS NULL;
-- Twice as many again (66,000 in all), so the warm-up and the measured 30 s never run out of work to approve.
INSERT INTO tasks (id, family_id, title, description, status, priority, assigned_to_id, created_by_id, points, difficulty_level,
                   due_date, estimated_minutes, actual_minutes, started_at, completed_at, created_at, updated_at)
SELECT gen_random_uuid(), family_id, title, description, status, priority, assigned_to_id, created_by_id, points, difficulty_level,
       due_date, estimated_minutes, actual_minutes, started_at, completed_at, now(), now()
FROM tasks, generate_series(1, 2) WHERE status = 'Completed' AND deleted_at IS NULL;
ANALYZE;
SQL
"${psql_bench[@]}" -c "
  SELECT t.id || '|' || adv.username FROM tasks t JOIN users adv ON adv.family_id = t.family_id AND adv.username LIKE 'bench\_f%\_u0'
  WHERE t.status = 'Completed' AND t.deleted_at IS NULL AND t.family_id IN (SELECT family_id FROM users WHERE username LIKE 'bench\_f%')
  ORDER BY row_number() OVER (PARTITION BY t.family_id ORDER BY t.id), t.family_id" >"$work/tasks.txt"
started="$("${psql_bench[@]}" -c "SELECT now()")"

(cd bench && [ -d node_modules ] || npm ci --no-audit --no-fund >/dev/null)
run="$(TASKS_FILE="$work/tasks.txt" BENCH_URL=http://127.0.0.1:5092 node bench/approvals.mjs)"

# The ledger afterwards: every balance_after is the running sum of its member's rows; every task approved during the
# run has exactly one 'task' row; no idempotency key twice; no task approved without its row.
invariants="$("${psql_bench[@]}" -F ' ' <<SQL
SELECT 'approved during the run', count(*) FROM tasks WHERE status = 'Approved' AND approved_at >= '$started';
SELECT 'ledger rows written during the run', count(*) FROM points_history WHERE created_at >= '$started';
SELECT 'rows whose balance_after is not the running sum', count(*) FROM (
  SELECT balance_after, sum(delta) OVER (PARTITION BY user_id ORDER BY sequence) AS running FROM points_history) x
  WHERE balance_after <> running;
SELECT 'approved tasks without exactly one task row', count(*) FROM tasks t
  WHERE t.status = 'Approved' AND t.approved_at >= '$started'
    AND (SELECT count(*) FROM points_history h WHERE h.task_id = t.id AND h.bonus_type = 'task') <> 1;
SELECT 'idempotency keys used twice', count(*) FROM (
  SELECT idempotency_key FROM points_history GROUP BY idempotency_key HAVING count(*) > 1) d;
SQL
)"

{
  echo "# approveTask under load, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "\`bench/approvals.sh\` at $(git -C "$repo" rev-parse --short HEAD): $(nproc) cores; client, server and PostgreSQL on one machine."
  echo "Each approval writes the task, its ledger row(s), achievement progress, a notification and an audit row, and"
  echo "publishes its events, in one transaction."
  echo
  echo '```json'
  echo "$run"
  echo '```'
  echo
  echo "Ledger checks after the run (all counts of problems must be 0):"
  echo
  echo '```'
  echo "$invariants"
  echo '```'
} >"$results"
cat "$results"
echo "$invariants" | awk '/running sum|exactly one|twice/ && $NF != 0 { bad = 1 } END { exit bad }'
