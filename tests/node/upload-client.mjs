// A plain GraphQL multipart request (graphql-multipart-request-spec) from Node's fetch and FormData, the way a web
// or React Native client sends one without a GraphQL library.
// node upload-client.mjs <url> <token> <operations.json path> <file path> <file name> [--no-preflight]
// Prints {"status": N, "body": <the JSON answer>}.
import { readFile } from 'node:fs/promises';

const [url, token, operationsPath, filePath, fileName, ...flags] = process.argv.slice(2);
const form = new FormData();
form.append('operations', await readFile(operationsPath, 'utf8'));
form.append('map', JSON.stringify({ 0: ['variables.input.file'] }));
// The declared type is deliberately generic: the server must judge the bytes, not this.
form.append('0', new Blob([await readFile(filePath)], { type: 'application/octet-stream' }), fileName);

const headers = { authorization: `Bearer ${token}` };
if (!flags.includes('--no-preflight')) {
  headers['GraphQL-Preflight'] = '1';
}

const response = await fetch(url, { method: 'POST', headers, body: form });
const text = await response.text();
let body;
try {
  body = JSON.parse(text);
} catch {
  body = text;
}

console.log(JSON.stringify({ status: response.status, body }));
