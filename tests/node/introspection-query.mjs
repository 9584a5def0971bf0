// Prints the full introspection query IDEs such as Banana Cake Pop send (descriptions and schema description on;
// the options this server does not implement -- isRepeatable, specifiedByURL, deprecated input values -- off),
// as one JSON line: { query }.
import { getIntrospectionQuery } from 'graphql';

const query = getIntrospectionQuery({
  descriptions: true,
  schemaDescription: true,
});
console.log(JSON.stringify({ query }));
