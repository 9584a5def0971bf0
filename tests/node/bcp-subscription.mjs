// Runs a subscription in Banana Cake Pop the way a developer would, in headless Chromium, offline:
// open <base>/graphql, "Create Document", type `subscription { leaderboardUpdated(familyId: …) { … } }` into the
// request editor, set the document's connection to Authorization type "Bearer" with the token (Connection Settings →
// Authorization), press Run, and wait for the first event in the IDE's response pane.
// The IDE's own WebSockets are watched over the DevTools protocol (handshake headers and every frame), so the verdict
// shows which subprotocol it negotiated, what its connection_init carried and the `next` message it received.
// Prints {"event":"subscribed"} once the IDE has sent its `subscribe` message (the caller then causes an event),
// and a JSON verdict as the last line: { ok, subscription: { protocol, … }, event, ide: { responseText }, … }.
// Usage: node bcp-subscription.mjs http://127.0.0.1:PORT <accessToken> <familyId> [timeoutMs]
import { chromium } from 'playwright-core';

const [base, accessToken, familyId, timeoutArg] = process.argv.slice(2);
if (!base || !accessToken || !familyId) {
  console.error('usage: node bcp-subscription.mjs <server base url> <access token> <family id> [timeout ms]');
  process.exit(2);
}

const origin = new URL(base).origin;
const endpoint = new URL('/graphql', origin).href;
const timeoutMs = Number(timeoutArg ?? 90_000);
const query = `subscription { leaderboardUpdated(familyId: ${JSON.stringify(familyId)}) { rank points user { fullName } } }`;

const verdict = {
  ok: false,
  pageUrl: null,
  subscription: null,
  event: null,
  ide: null,
  sockets: [],
  blockedRequests: [],
  pageErrors: [],
};

/** Every WebSocket the page opens, keyed by the DevTools request id. */
const sockets = new Map();
const socket = (requestId) => {
  if (!sockets.has(requestId)) {
    sockets.set(requestId, { url: null, offeredProtocols: null, status: null, protocol: null, init: null, sent: [], received: [], closed: false });
  }
  return sockets.get(requestId);
};
const header = (headers, name) => Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === name)?.[1] ?? null;
const parse = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return { unparsable: String(text).slice(0, 200) };
  }
};

/** Resolves with the first frame that satisfies the predicate (checked on every frame the page sends or receives). */
const waiters = [];
const waitForFrame = (description, predicate) => new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}`)), timeoutMs);
  waiters.push({ predicate, resolve: (value) => { clearTimeout(timer); resolve(value); } });
});
const onFrame = (requestId, direction, message) => {
  for (const waiter of [...waiters]) {
    if (waiter.predicate(requestId, direction, message)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve({ requestId, message });
    }
  }
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const context = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1600, height: 1000 } });
  // Offline: anything leaving the server's origin (CDN, telemetry) is blocked and reported.
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

  // The IDE talks to the server from a dedicated worker (graphql-engine), so its sockets are only visible to a
  // DevTools session attached to that worker: attach to every worker of the page, enable Network there, and read
  // the WebSocket events of the page and of its workers alike.
  const devtools = await context.newCDPSession(page);
  const onNetworkEvent = (method, params) => {
    const { requestId } = params;
    switch (method) {
      case 'Network.webSocketCreated':
        socket(requestId).url = params.url;
        break;
      case 'Network.webSocketWillSendHandshakeRequest':
        socket(requestId).offeredProtocols = header(params.request.headers, 'sec-websocket-protocol');
        break;
      case 'Network.webSocketHandshakeResponseReceived':
        socket(requestId).status = params.response.status;
        socket(requestId).protocol = header(params.response.headers, 'sec-websocket-protocol');
        break;
      case 'Network.webSocketClosed':
        socket(requestId).closed = true;
        break;
      case 'Network.webSocketFrameSent': {
        const message = parse(params.response.payloadData);
        const s = socket(requestId);
        s.sent.push(message.type ?? '?');
        if (message.type === 'connection_init') {
          // What the IDE authenticates with, without echoing the token.
          const payload = message.payload ?? {};
          const authorization = header(payload, 'authorization');
          s.init = {
            payloadKeys: Object.keys(payload),
            authorization: authorization === null ? 'missing' : authorization === `Bearer ${accessToken}` ? 'Bearer <the token>' : 'other value',
          };
        }
        onFrame(requestId, 'sent', message);
        break;
      }
      case 'Network.webSocketFrameReceived': {
        const message = parse(params.response.payloadData);
        socket(requestId).received.push(message.type ?? '?');
        onFrame(requestId, 'received', message);
        break;
      }
      default:
        break;
    }
  };
  for (const method of ['Network.webSocketCreated', 'Network.webSocketWillSendHandshakeRequest', 'Network.webSocketHandshakeResponseReceived',
    'Network.webSocketClosed', 'Network.webSocketFrameSent', 'Network.webSocketFrameReceived']) {
    devtools.on(method, (params) => onNetworkEvent(method, params));
  }

  let commandId = 0;
  const sendToWorker = (sessionId, method) =>
    devtools.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: ++commandId, method }) }).catch(() => {});
  devtools.on('Target.attachedToTarget', async ({ sessionId }) => {
    await sendToWorker(sessionId, 'Network.enable');
    await sendToWorker(sessionId, 'Runtime.runIfWaitingForDebugger');
  });
  devtools.on('Target.receivedMessageFromTarget', ({ message }) => {
    const { method, params } = JSON.parse(message);
    if (method?.startsWith('Network.webSocket')) {
      onNetworkEvent(method, params);
    }
  });
  await devtools.send('Network.enable');
  // Workers wait until their Network domain is on, so no socket is opened unobserved.
  await devtools.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: true, flatten: false });

  await page.goto(endpoint, { waitUntil: 'load', timeout: timeoutMs });
  verdict.pageUrl = page.url();
  await page.getByRole('button', { name: 'Create Document' }).click({ timeout: timeoutMs });
  await page.getByText('Schema available').waitFor({ timeout: timeoutMs });

  // The request editor is the document's first Monaco editor; insertText types without the editor's auto-closing.
  const requestEditor = page.getByRole('textbox', { name: /^Editor content/ }).first();
  await requestEditor.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(query);

  // Connection Settings → Authorization → Bearer: the IDE sends it as the Authorization header of its HTTP requests
  // and inside the connection_init payload of its WebSockets.
  await page.getByRole('button', { name: 'Connection Settings' }).click({ timeout: timeoutMs });
  await page.getByRole('tab', { name: 'Authorization' }).click({ timeout: timeoutMs });
  await page.locator('select#auth-flow').selectOption('bearer');
  await page.locator('input#token').fill(accessToken);
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('button', { name: 'Apply' }).waitFor({ state: 'detached', timeout: timeoutMs });

  // The IDE parses the editor's text after a pause in typing; until the Builder lists the operation, Run would
  // send the previous (empty) document.
  await page.getByText('Subscription', { exact: true }).waitFor({ timeout: timeoutMs });
  const subscribed = waitForFrame('the IDE to send a subscribe message',
    (_, direction, message) => direction === 'sent' && ['subscribe', 'start'].includes(message.type) && message.payload?.query === query);
  await page.getByRole('button', { name: /^Run Operation/ }).click({ timeout: timeoutMs });
  const subscribe = await subscribed;
  const s = sockets.get(subscribe.requestId);
  verdict.subscription = {
    url: s.url,
    offeredProtocols: s.offeredProtocols,
    status: s.status,
    protocol: s.protocol,
    init: s.init,
    operationId: subscribe.message.id,
    messageType: subscribe.message.type,
  };

  const firstEvent = waitForFrame('the first event of the subscription',
    (requestId, direction, message) => requestId === subscribe.requestId && direction === 'received' && message.id === subscribe.message.id
      && ['next', 'data', 'error', 'complete'].includes(message.type));
  console.log(JSON.stringify({ event: 'subscribed', protocol: s.protocol, operationId: subscribe.message.id }));

  const event = (await firstEvent).message;
  verdict.event = { type: event.type, payload: event.payload };
  const standings = event.type === 'next' ? event.payload?.data?.leaderboardUpdated : null;
  if (!Array.isArray(standings) || standings.length === 0) {
    throw new Error(`the first message for the subscription was not a next with standings: ${JSON.stringify(event)}`);
  }

  // The IDE shows the event in its response pane (a read-only Monaco editor next to the "Response" heading).
  const top = standings[0];
  const expected = [`"fullName": ${JSON.stringify(top.user.fullName)}`, `"points": ${top.points}`];
  // Returns the pane's text once it contains every wanted string (so with [] it just reads the pane).
  const responseShowing = (wanted) => {
    const heading = [...document.querySelectorAll('*')].find((e) => e.childElementCount === 0 && e.textContent.trim() === 'Response');
    for (let panel = heading; panel; panel = panel.parentElement) {
      const lines = panel.querySelector('.monaco-editor .view-lines');
      if (lines) {
        const text = lines.innerText.replace(/\u00a0/g, ' ');
        return wanted.every((w) => text.includes(w)) ? text : null;
      }
    }
    return null;
  };
  const shown = await page.waitForFunction(responseShowing, expected, { timeout: timeoutMs, polling: 100 })
    .then((handle) => handle.jsonValue(), () => null);
  verdict.ide = { responseText: shown ?? await page.evaluate(responseShowing, []), showsEvent: shown !== null };
  verdict.ok = verdict.ide.showsEvent && verdict.blockedRequests.length === 0;
} catch (error) {
  verdict.error = String(error);
} finally {
  verdict.sockets = [...sockets.values()];
  await browser.close();
}

console.log(JSON.stringify(verdict));
