// Runs graphql-http's GraphQL-over-HTTP server audits against <url> and prints the results as JSON:
// [{ "id": "22EB", "name": "SHOULD ...", "status": "ok" | "warn" | "error" | "notice", "reason"?: "..." }]
// Usage: node audit-http.mjs http://127.0.0.1:PORT/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit-http.mjs <graphql endpoint url>');
  process.exit(2);
}

const results = await auditServer({ url });
const report = await Promise.all(results.map(async (result) => {
  const entry = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    entry.reason = result.reason;
    if (result.response) {
      const body = await result.response.text().catch(() => '');
      entry.response = { status: result.response.status, contentType: result.response.headers.get('content-type'), body: body.slice(0, 500) };
    }
  }
  return entry;
}));
console.log(JSON.stringify(report));
