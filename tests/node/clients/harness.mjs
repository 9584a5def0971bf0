// What every client scenario shares: its arguments, the committed operations, waiting with a deadline, and the
// verdict the xunit suite reads (the last stdout line: {"ok": true, ...} or {"ok": false, "error": "..."}).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The text of schema/operations/<name>.graphql, sent verbatim as frontend teams do. */
export const operation = (name) => readFileSync(join(repositoryRoot, 'schema', 'operations', `${name}.graphql`), 'utf8');

/** Fails with `message` unless `condition` holds; `details` go into the verdict. */
export function check(condition, message, details) {
  if (!condition) {
    throw Object.assign(new Error(message), { details });
  }
}

/**
 * Follows an observable's values. `until(predicate, what, ms)` resolves with the first value (seen already or later)
 * that satisfies the predicate, and fails at the deadline listing every value seen.
 */
export function follow(observable) {
  const seen = [];
  const waiters = new Set();
  let failure = null;
  const notify = () => {
    for (const waiter of waiters) waiter();
  };
  const subscription = observable.subscribe({
    next(value) {
      seen.push(value);
      notify();
    },
    error(error) {
      failure = error;
      notify();
    },
  });
  return {
    seen,
    unsubscribe: () => subscription.unsubscribe(),
    until(predicate, what, ms = 20000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(Object.assign(new Error(`no value ${what} within ${ms} ms`), { details: seen }));
        }, ms);
        function look() {
          if (failure) {
            clearTimeout(timer);
            waiters.delete(look);
            reject(failure);
            return;
          }
          const match = seen.find(predicate);
          if (match !== undefined) {
            clearTimeout(timer);
            waiters.delete(look);
            resolve(match);
          }
        }
        waiters.add(look);
        look();
      });
    },
  };
}

/** Runs `scenarios[process.argv[2]]` with the JSON object in process.argv[3]; prints the verdict and sets the exit code. */
export async function run(scenarios) {
  const [name, json] = process.argv.slice(2);
  // A client library that throws outside the scenario's promises (urql aborting a stream it did not expect) is a
  // failed scenario too, reported as one.
  process.on('uncaughtException', (error) => {
    process.stdout.write(JSON.stringify({ ok: false, error: `uncaught: ${error?.stack ?? error}` }) + '\n');
    process.exit(1);
  });
  const timer = setTimeout(() => {
    process.stdout.write(JSON.stringify({ ok: false, error: `scenario ${name} did not finish within 90 s` }) + '\n');
    process.exit(1);
  }, 90000);
  try {
    const scenario = scenarios[name];
    check(scenario, `unknown scenario ${name}; known: ${Object.keys(scenarios).join(', ')}`);
    const result = await scenario(JSON.parse(json ?? '{}'));
    process.stdout.write(JSON.stringify({ ok: true, ...result }) + '\n');
    process.exitCode = 0;
  } catch (error) {
    process.stdout.write(JSON.stringify({ ok: false, error: String(error?.stack ?? error), details: error?.details ?? null }) + '\n');
    process.exitCode = 1;
  } finally {
    clearTimeout(timer);
  }
  // Sockets and keep-alive connections of the clients must not keep the process alive once the verdict is out.
  setTimeout(() => process.exit(), 100).unref();
}
