// Prints the full introspection query IDEs such as Banana Cake Pop send (descriptions and schema description on,
// the newer options off; introspection-spec.mjs asks for all of them), as one JSON line: { query }.
import { getIntrospectionQuery } from 'graphql';

const query = getIntrospectionQuery({
  descriptions: true,
  schemaDescription: true,
});
console.log(JSON.stringify({ query }));
