// A cross-site HTML form post of a GraphQL multipart upload, in headless Chromium: what a malicious page can make a
// visitor's browser send without any CORS preflight. The page is served from http://localhost:<port> (another site
// than the API at 127.0.0.1), auto-fills the form the way an attacker's script would, and submits it.
// node cross-site-form-upload.mjs <api base url> <task global id>
// Prints {"status", "code", "contentType", "origin", "preflightHeader", "body"} of the API's answer.
import http from 'node:http';
import { chromium } from 'playwright-core';

const [apiBase, taskId] = process.argv.slice(2);
const operations = JSON.stringify({
  query: 'mutation($input: AddTaskAttachmentInput!) { addTaskAttachment(input: $input) { file { id } } }',
  variables: { input: { taskId, file: null } },
});
const escape = (text) => text.replaceAll('&', '&amp;').replaceAll('"', '&quot;');
const page = `<!doctype html><form id="f" method="POST" enctype="multipart/form-data" action="${new URL('/graphql', apiBase).href}">
<input type="hidden" name="operations" value="${escape(operations)}">
<input type="hidden" name="map" value="${escape(JSON.stringify({ 0: ['variables.input.file'] }))}">
<input type="file" name="0"></form>`;
const server = http.createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(page);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const attacker = `http://localhost:${server.address().port}/`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const tab = await (await browser.newContext()).newPage();
  await tab.goto(attacker);
  await tab.setInputFiles('input[name="0"]', { name: 'proof.jpg', mimeType: 'image/jpeg', buffer: Buffer.from([0xFF, 0xD8, 0xFF, 0xD9]) });
  const [response] = await Promise.all([
    tab.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST', { timeout: 30_000 }),
    tab.evaluate(() => document.getElementById('f').submit()),
  ]);
  const headers = await response.request().allHeaders();
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }

  console.log(JSON.stringify({
    status: response.status(),
    code: body?.errors?.[0]?.extensions?.code ?? null,
    contentType: headers['content-type'] ?? null,
    origin: headers.origin ?? null,
    preflightHeader: headers['graphql-preflight'] ?? headers['apollo-require-preflight'] ?? null,
    body,
  }));
} finally {
  await browser.close();
  server.close();
}
