// Introspects a running server with graphql-js' full introspection query, every option of the current spec on, and
// prints the schema the client rebuilds from it next to the committed SDL, both sorted and printed by graphql-js:
// one JSON line { errors, client, committed }.
// Usage: node tests/node/introspection-spec.mjs <endpoint> <sdl file>
import { readFileSync } from 'node:fs';
import {
  buildClientSchema, buildSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema,
} from 'graphql';

const [endpoint, sdlFile] = process.argv.slice(2);
const query = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
  oneOf: true,
});
const response = await fetch(endpoint, {
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
  body: JSON.stringify({ query }),
});
const result = await response.json();
if (result.errors || !result.data) {
  console.log(JSON.stringify({ status: response.status, errors: result.errors ?? 'no data' }));
  process.exit(1);
}

const print = (schema) => printSchema(lexicographicSortSchema(schema));
console.log(JSON.stringify({
  status: response.status,
  client: print(buildClientSchema(result.data)),
  committed: print(buildSchema(readFileSync(sdlFile, 'utf8'))),
  directives: result.data.__schema.directives.map((d) => ({ name: d.name, isRepeatable: d.isRepeatable })),
}));
