// Validates the operations frontend teams use against the committed schema, the way their tooling does:
// reads .graphqlrc.json (schema + documents), builds the schema from the SDL with graphql-js, then parses and
// validates every document. Each document must stand alone (tests send the file verbatim), and every operation
// must be named, with names unique across all documents, and every field whose type has an `id` must select it
// (require-id-selections.mjs).
//
// Usage (from the repository root): node tests/node/validate-operations.mjs [path/to/.graphqlrc.json]
// Prints one JSON object on stdout; exits 0 when everything is valid, 1 when anything is not, 2 on a crash.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { buildSchema, parse, validate, specifiedRules, Kind, GraphQLError } from 'graphql';
import { RequireIdSelectionsRule } from './require-id-selections.mjs';

const configPath = resolve(process.argv[2] ?? '.graphqlrc.json');
const root = dirname(configPath);
const toPosix = (p) => p.split(sep).join('/');

// A small glob: `**` matches any number of directories, `*` and `?` stay within one path segment.
function globToRegExp(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') {
      source += '[^/]*';
    } else if (c === '?') {
      source += '[^/]';
    } else {
      source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : walk(full);
    return entry.isFile() ? [full] : [];
  });
}

function expand(pattern) {
  // Walk only below the pattern's literal leading directories.
  const segments = pattern.split('/');
  const literal = [];
  while (segments.length > 1 && !/[*?[\]{}]/.test(segments[0])) literal.push(segments.shift());
  const base = join(root, ...literal);
  const regex = globToRegExp(pattern);
  let files;
  try {
    files = walk(base);
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
  return files.map((f) => toPosix(relative(root, f))).filter((f) => regex.test(f));
}

const asList = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const describe = (error) => ({
  message: error.message,
  locations: (error.locations ?? []).map(({ line, column }) => ({ line, column })),
});

try {
  const config = JSON.parse(readFileSync(configPath, 'utf8'));
  const schemaFiles = asList(config.schema);
  const documentPatterns = asList(config.documents);
  const endpoint = config.extensions?.endpoints?.default?.url ?? config.extensions?.endpoints?.default ?? null;
  const problems = [];
  if (schemaFiles.length !== 1) problems.push({ file: configPath, message: `expected exactly one schema file, got ${schemaFiles.length}` });
  if (documentPatterns.length === 0) problems.push({ file: configPath, message: 'no documents configured' });

  const schemaFile = schemaFiles[0];
  const schema = schemaFile ? buildSchema(readFileSync(join(root, schemaFile), 'utf8')) : null;

  const files = [...new Set(documentPatterns.flatMap(expand))].sort();
  if (documentPatterns.length > 0 && files.length === 0) {
    problems.push({ file: configPath, message: `documents ${JSON.stringify(config.documents)} match no files` });
  }

  const definedIn = new Map(); // "operation Foo" / "fragment Bar" -> files
  const documents = files.map((file) => {
    const result = { file, operations: [], errors: [] };
    let document;
    try {
      document = parse(readFileSync(join(root, file), 'utf8'));
    } catch (error) {
      if (!(error instanceof GraphQLError)) throw error;
      result.errors.push(describe(error));
      return result;
    }

    for (const definition of document.definitions) {
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        if (!definition.name) {
          result.errors.push({ message: `anonymous ${definition.operation}: every operation needs a name`, locations: [] });
          continue;
        }
        result.operations.push({ name: definition.name.value, type: definition.operation });
      }
      if (definition.kind === Kind.OPERATION_DEFINITION || definition.kind === Kind.FRAGMENT_DEFINITION) {
        const key = `${definition.kind === Kind.FRAGMENT_DEFINITION ? 'fragment' : 'operation'} ${definition.name.value}`;
        definedIn.set(key, [...(definedIn.get(key) ?? []), file]);
      }
    }

    if (schema) result.errors.push(...validate(schema, document, [...specifiedRules, RequireIdSelectionsRule]).map(describe));
    return result;
  });

  const duplicates = [...definedIn.entries()]
    .filter(([, where]) => where.length > 1)
    .map(([name, where]) => ({ name, files: where }));

  const report = {
    config: relative(process.cwd(), configPath).startsWith('..') ? configPath : toPosix(relative(process.cwd(), configPath)),
    schema: schemaFile ?? null,
    documents: documentPatterns,
    endpoint,
    problems,
    files: documents,
    duplicates,
  };
  const ok = problems.length === 0 && duplicates.length === 0 && documents.every((d) => d.errors.length === 0);
  process.stdout.write(JSON.stringify({ ok, ...report }, null, 2) + '\n');
  process.exitCode = ok ? 0 : 1;
} catch (error) {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 2;
}
