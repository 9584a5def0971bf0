// GraphQL Code Generator driven by the repository's own .graphqlrc.json (extensions.codegen), run in a temporary
// copy of the config and schema/ so its output stays out of the repository, then `tsc --noEmit` over that output.
// Proves that every committed operation generates, that the TypeScript compiles, and that Apollo's possibleTypes
// list every interface and union of the schema.
//
// Usage: node tests/node/clients/codegen.mjs generate
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSchema, isAbstractType, parse } from 'graphql';
import ts from 'typescript';
import { check, repositoryRoot, run } from './harness.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, 'node_modules', '.bin', name);

function exec(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  const output = `${result.stdout}\n${result.stderr}`;
  check(result.status === 0, `${command.split('/').pop()} ${args.join(' ')} exited with ${result.status}`, output);
  return output;
}

async function generate() {
  const config = JSON.parse(readFileSync(join(repositoryRoot, '.graphqlrc.json'), 'utf8'));
  const targets = Object.keys(config.extensions?.codegen?.generates ?? {});
  check(targets.length > 0, '.graphqlrc.json has no extensions.codegen.generates');

  const work = mkdtempSync(join(tmpdir(), 'kdfamily-codegen-'));
  try {
    cpSync(join(repositoryRoot, '.graphqlrc.json'), join(work, '.graphqlrc.json'));
    cpSync(join(repositoryRoot, 'schema'), join(work, 'schema'), { recursive: true, filter: (source) => !source.includes('__generated__') });
    symlinkSync(join(here, 'node_modules'), join(work, 'node_modules'), 'dir');

    // No --config: the CLI finds .graphqlrc.json as it would in a frontend team's checkout.
    const log = exec(bin('graphql-codegen'), [], work);
    for (const target of targets) {
      check(existsSync(join(work, target)), `codegen wrote nothing to ${target}`, log);
    }

    writeFileSync(join(work, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        strict: true, noEmit: true, target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler',
        verbatimModuleSyntax: true, skipLibCheck: false, types: [],
      },
      include: targets.map((target) => (target.endsWith('/') ? `${target}**/*.ts` : target)),
    }));
    exec(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json'], work);

    // Every operation of schema/operations has its typed document.
    const generatedDir = targets.find((target) => target.endsWith('/'));
    const generated = readFileSync(join(work, generatedDir, 'graphql.ts'), 'utf8');
    const operations = readdirSync(join(repositoryRoot, 'schema', 'operations'))
      .filter((file) => file.endsWith('.graphql'))
      .flatMap((file) => parse(readFileSync(join(repositoryRoot, 'schema', 'operations', file), 'utf8')).definitions)
      .filter((definition) => definition.kind === 'OperationDefinition')
      .map((definition) => definition.name.value);
    const missing = operations.filter((name) => !generated.includes(`export const ${name}Document =`));
    check(missing.length === 0, 'operations without a generated document', missing);

    // possibleTypes: every interface and union with all its members.
    const possibleTypesFile = targets.find((target) => !target.endsWith('/'));
    const source = readFileSync(join(work, possibleTypesFile), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(work, 'possible-types.mjs'), outputText);
    const { possibleTypes } = (await import(pathToFileURL(join(work, 'possible-types.mjs')).href)).default;
    const schema = buildSchema(readFileSync(join(repositoryRoot, 'schema', 'schema.graphql'), 'utf8'));
    const abstract = Object.values(schema.getTypeMap()).filter((type) => isAbstractType(type) && !type.name.startsWith('__'));
    const wrong = abstract
      .filter((type) => JSON.stringify([...(possibleTypes?.[type.name] ?? [])].sort())
        !== JSON.stringify(schema.getPossibleTypes(type).map((member) => member.name).sort()))
      .map((type) => type.name);
    check(wrong.length === 0, 'possibleTypes missing or wrong for', { wrong, possibleTypes });
    return { operations: operations.length, abstractTypes: abstract.length, targets };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await run({ generate });
