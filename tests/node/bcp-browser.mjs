// Opens Banana Cake Pop in headless Chromium the way a developer would (GET <base>/graphql with a browser's
// Accept header, then "Create Document") and waits until the IDE introspects the schema over POST /graphql.
// Any request leaving the server's origin is blocked and reported, so a pass also proves the IDE works offline.
// Content-Security-Policy violations (the page's `securitypolicyviolation` events and Chromium's "Refused to …"
// console errors) are collected, so a pass with the page's CSP header present proves the IDE works under it.
// Prints one JSON verdict line: { ok, pageUrl, pageHeaders, cspViolations, introspection: { status, hasSchema, typeCount }, ... }.
// Usage: node bcp-browser.mjs http://127.0.0.1:PORT
import { chromium } from 'playwright-core';

const base = process.argv[2];
if (!base) {
  console.error('usage: node bcp-browser.mjs <server base url>');
  process.exit(2);
}

const origin = new URL(base).origin;
const endpoint = new URL('/graphql', origin).href;
const timeoutMs = Number(process.env.BCP_TIMEOUT_MS ?? 90_000);
const verdict = { ok: false, pageUrl: null, title: null, configFetched: false, introspection: null, blockedRequests: [], pageErrors: [], pageHeaders: null, cspViolations: [] };

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

  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error('CSP violation: ' + JSON.stringify({
      directive: e.effectiveDirective, blockedURI: e.blockedURI, sourceFile: e.sourceFile, line: e.lineNumber, sample: e.sample,
    })));
  });

  const page = await context.newPage();
  page.on('pageerror', (error) => verdict.pageErrors.push(String(error)));
  page.on('console', (message) => {
    const text = message.text();
    if (text.startsWith('CSP violation: ') || text.includes('Content Security Policy')) {
      verdict.cspViolations.push(text);
    }
  });
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
  introspected.catch(() => {}); // awaited below; a failure before that is reported by the catch

  const document = await page.goto(endpoint, { waitUntil: 'load', timeout: timeoutMs });
  verdict.pageUrl = page.url();
  verdict.pageHeaders = await document.allHeaders();
  // A fresh IDE shows its start screen; opening a document connects it to the endpoint, which introspects.
  await page.getByRole('button', { name: 'Create Document' }).click({ timeout: timeoutMs });
  await introspected;
  // Type into the request editor too (Monaco's completion and validation), then give late violations time to show.
  const requestEditor = page.getByRole('textbox', { name: /^Editor content/ }).first();
  await requestEditor.focus();
  await page.keyboard.type('{ __typ');
  await page.waitForTimeout(2000);
  verdict.title = await page.title();
  verdict.ok = true;
} catch (error) {
  verdict.error = String(error);
} finally {
  await browser.close();
}

console.log(JSON.stringify(verdict));
