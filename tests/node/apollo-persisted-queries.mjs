// Apollo Client's real PersistedQueryLink against a running server, as a frontend team sets it up.
// Usage: node tests/node/apollo-persisted-queries.mjs <graphql endpoint> automatic|trusted
//   automatic: sha256 from node:crypto and GET for hashed queries; the same query twice: the first is not known
//              (PersistedQueryNotFound, the link sends it with its hash by POST), the second runs by hash alone over GET.
//   trusted:   ids from the committed manifest schema/persisted-documents.json by operation name (what
//              generatePersistedQueryIdsFromManifest does): Me runs by id; a query not in the manifest is refused.
// Prints one JSON line: { results, requests } (each request: method, whether it carried the query and a hash, status).
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';

const [endpoint, mode] = process.argv.slice(2);
const origin = new URL(endpoint).origin;

const suffix = Math.random().toString(36).slice(2, 10);
const registered = await fetch(`${origin}/api/v1/auth/register`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({
    username: `apq-${suffix}`, email: `apq-${suffix}@example.test`, password: 'apq-password-1',
    fullName: 'Persisted Queries', familyName: `APQ ${suffix}`,
  }),
});
if (!registered.ok) {
  console.log(JSON.stringify({ error: `register answered ${registered.status}: ${await registered.text()}` }));
  process.exit(1);
}
const { accessToken } = await registered.json();

const requests = [];
async function recordingFetch(uri, options) {
  const url = new URL(uri);
  const sent = options.method === 'GET'
    ? { query: url.searchParams.get('query'), extensions: JSON.parse(url.searchParams.get('extensions') ?? 'null') }
    : JSON.parse(options.body);
  const response = await fetch(uri, options);
  requests.push({
    method: options.method,
    query: typeof sent.query === 'string',
    hash: typeof sent.extensions?.persistedQuery?.sha256Hash === 'string',
    status: response.status,
  });
  return response;
}

const manifest = JSON.parse(readFileSync('schema/persisted-documents.json', 'utf8'));
const persisted = mode === 'trusted'
  ? new PersistedQueryLink({
    generateHash: (document) => {
      const name = document.definitions.find((d) => d.kind === 'OperationDefinition')?.name?.value;
      return manifest.operations.find((operation) => operation.name === name)?.id
        ?? createHash('sha256').update(`not in the manifest: ${name}`).digest('hex');
    },
  })
  : new PersistedQueryLink({
    sha256: (text) => createHash('sha256').update(text).digest('hex'),
    useGETForHashedQueries: true,
  });
const client = new ApolloClient({
  cache: new InMemoryCache(),
  link: persisted.concat(new HttpLink({
    uri: endpoint, fetch: recordingFetch, headers: { authorization: `Bearer ${accessToken}` },
  })),
});

const results = [];
async function run(query) {
  try {
    const { data, error } = await client.query({ query, fetchPolicy: 'network-only' });
    results.push({ data, error: error?.message ?? null, codes: error?.errors?.map((e) => e.extensions?.code) ?? [] });
  } catch (error) {
    results.push({ data: null, error: error.message, codes: error.errors?.map((e) => e.extensions?.code) ?? [] });
  }
}

if (mode === 'trusted') {
  await run(gql(readFileSync('schema/operations/Me.graphql', 'utf8')));
  await run(gql`query NotTrusted { me { id fullName } }`);
} else {
  const query = gql`query PersistedMe { me { id fullName family { id name } } }`;
  await run(query);
  await run(query);
}

console.log(JSON.stringify({ results, requests }));
