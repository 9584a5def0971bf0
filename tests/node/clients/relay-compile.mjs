// relay-compiler over schema/schema.graphql and the Relay-style sources in relay/src (fragments, @connection on
// Family.tasks, @refetchable), compiled in a temporary copy so nothing is written into the repository. The compiler
// refuses a schema that breaks Relay's conventions: Node/node(id), connection shape, argument types.
//
// Usage: node tests/node/clients/relay-compile.mjs compile
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, repositoryRoot, run } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));

async function compile() {
  const work = mkdtempSync(join(tmpdir(), 'kdfamily-relay-'));
  try {
    cpSync(join(here, 'relay', 'src'), join(work, 'src'), { recursive: true });
    // relay/relay.config.json as it is, but with the schema's absolute path, since the copy lives elsewhere.
    const config = JSON.parse(readFileSync(join(here, 'relay', 'relay.config.json'), 'utf8'));
    writeFileSync(join(work, 'relay.config.json'), JSON.stringify({ ...config, schema: join(repositoryRoot, 'schema', 'schema.graphql') }));
    const compiler = spawnSync(join(here, 'node_modules', '.bin', 'relay-compiler'), [], { cwd: work, encoding: 'utf8' });
    const output = `${compiler.stdout}\n${compiler.stderr}`;
    check(compiler.status === 0, `relay-compiler exited with ${compiler.status}`, output);
    const artifacts = readdirSync(join(work, 'src', '__generated__')).sort();
    const expected = [
      'DashboardApproveMutation.graphql.js', 'DashboardQuery.graphql.js', 'DashboardTaskUpdatedSubscription.graphql.js',
      'MemberCardRefetchQuery.graphql.js', 'MemberCard_user.graphql.js', 'TaskListPaginationQuery.graphql.js',
      'TaskList_family.graphql.js', 'TaskRow_task.graphql.js',
    ];
    check(JSON.stringify(artifacts) === JSON.stringify(expected), 'relay-compiler did not write the expected artifacts', artifacts);
    return { artifacts };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await run({ compile });
