// Opens Banana Cake Pop in headless Chromium the way a developer would (GET <base>/graphql with a browser's
// Accept header, then "Create Document") and waits until the IDE introspects the schema over POST /graphql.
// Any request leaving the server's origin is blocked and reported, so a pass also proves the IDE works offline.
// Prints one JSON verdict line: { ok, pageUrl, introspection: { status, hasSchema, typeCount }, ... }.
// Usage: node bcp-browser.mjs http://127.0.0.1:PORT
import { chromium } from 'playwright-core';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bcp-browser.mjs <server base url>');
  process.exit(2);
}

const origin = new URL(base).origin;
const endpoint = new URL('/graphql', origin).href;
const timeoutMs = 90_000;
const verdict = { ok: false, pageUrl: null, title: null, configFetched: false, introspection: null, blockedRequests: [], pageErrors: [] };

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('data:') || url.startsWith('blob:')) {
      return route.continue();
    }
    verdict.blockedRequests.push(url);
    return route.abort();
  });

  const page = await context.newPage();
  page.on('pageerror', (error) => verdict.pageErrors.push(String(error)));
  page.on('response', (response) => {
    if (response.url().startsWith(origin + '/graphql/bcp-config.json') && response.ok()) {
      verdict.configFetched = true;
    }
  });

  const introspected = page.waitForResponse(async (response) => {
    const request = response.request();
    if (request.method() !== 'POST' || response.url() !== endpoint || !(request.postData() ?? '').includes('__schema')) {
      return false;
    }
    const body = await response.json().catch(() => null);
    verdict.introspection = {
      status: response.status(),
      hasSchema: Boolean(body?.data?.__schema),
      typeCount: body?.data?.__schema?.types?.length ?? 0,
      errors: body?.errors ?? null,
    };
    return verdict.introspection.status === 200 && verdict.introspection.hasSchema;
  }, { timeout: timeoutMs });

  await page.goto(endpoint, { waitUntil: 'load', timeout: timeoutMs });
  verdict.pageUrl = page.url();
  // A fresh IDE shows its start screen; opening a document connects it to the endpoint, which introspects.
  await page.getByRole('button', { name: 'Create Document' }).click({ timeout: timeoutMs });
  await introspected;
  verdict.title = await page.title();
  verdict.ok = true;
} catch (error) {
  verdict.error = String(error);
} finally {
  await browser.close();
}

console.log(JSON.stringify(verdict));
