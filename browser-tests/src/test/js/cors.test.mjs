// CORS from a real browser (issue #14): a page served from a second origin calls Warden with
// fetch() and an Authorization header, so Chromium sends a real preflight first. The page's origin
// is listed in WARDEN_CORS_ORIGINS; the same page reached through another host name is a different
// origin, not listed, and Chromium must refuse it the answer.
//
// Environment (set by CorsBrowserTest):
//   WARDEN_URL            the started instance, e.g. http://127.0.0.1:41234
//   WARDEN_ADMIN_EMAIL    a system administrator, and WARDEN_ADMIN_PASSWORD
//   WARDEN_PAGE_PORT      the port this test serves the page on; http://127.0.0.1:<port> is listed,
//                         http://localhost:<port> is not
//   WARDEN_CHROMIUM       the browser (default /usr/bin/chromium); nothing is downloaded
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { chromium } from 'playwright-core';
import { required } from './warden-api.mjs';

const BASE = required('WARDEN_URL');
const ADMIN = { email: required('WARDEN_ADMIN_EMAIL'), password: required('WARDEN_ADMIN_PASSWORD') };
const PAGE_PORT = Number(required('WARDEN_PAGE_PORT'));
const LISTED = `http://127.0.0.1:${PAGE_PORT}`;
const UNLISTED = `http://localhost:${PAGE_PORT}`;
const WAIT = { timeout: 120_000 };

let browser;
let server;
let token;

/** The single-page app's page: nothing but a title; the test runs its fetch() calls in it. */
function servePage() {
  return new Promise((resolve) => {
    const s = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><html><head><title>spa</title></head><body>spa</body></html>');
    });
    s.listen(PAGE_PORT, '0.0.0.0', () => resolve(s));
  });
}

/** Opens the page from `origin` and runs `calls` in it (a function of warden's URL and token). */
async function inPage(origin, calls, arg) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(origin + '/', WAIT);
    return await page.evaluate(calls, { base: BASE, token, ...arg });
  } finally {
    await context.close();
  }
}

before(async () => {
  server = await servePage();
  const res = await fetch(BASE + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  assert.equal(res.status, 200);
  token = (await res.json()).accessToken;
  browser = await chromium.launch({
    executablePath: process.env.WARDEN_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

test('a listed origin calls the API with a token after a real preflight and reads the exposed headers', async () => {
  const seen = await inPage(LISTED, async ({ base, token, name }) => {
    const created = await fetch(base + '/api/admin/permissions', {
      method: 'POST',
      headers: {
        authorization: 'Bearer ' + token,
        'content-type': 'application/json',
        'x-request-id': 'browser-cors-1',
      },
      body: JSON.stringify({ name, description: 'made by a page on another origin' }),
    });
    const revision = created.headers.get('warden-revision');
    const sessions = await fetch(base + '/api/auth/sessions', {
      headers: { authorization: 'Bearer ' + token, 'warden-min-revision': revision },
    });
    return {
      status: created.status,
      revision,
      requestId: created.headers.get('x-request-id'),
      limit: created.headers.get('ratelimit-limit'),
      sessionsStatus: sessions.status,
      sessions: (await sessions.json()).length,
    };
  }, { name: 'browser.cors_' + Date.now() });

  assert.equal(seen.status, 201, JSON.stringify(seen));
  assert.match(seen.revision ?? '', /^\d+$/, 'Warden-Revision is exposed to the page');
  assert.equal(seen.requestId, 'browser-cors-1', 'X-Request-Id is exposed to the page');
  assert.match(seen.limit ?? '', /^\d+$/, 'RateLimit-Limit is exposed to the page');
  assert.equal(seen.sessionsStatus, 200);
  assert.ok(seen.sessions >= 1);
});

test('an unlisted origin gets nothing: the browser refuses its page the answer', async () => {
  const seen = await inPage(UNLISTED, async ({ base, token }) => {
    try {
      const res = await fetch(base + '/api/auth/sessions', {
        headers: { authorization: 'Bearer ' + token },
      });
      return { answered: true, status: res.status };
    } catch (e) {
      return { answered: false, error: String(e) };
    }
  });
  assert.equal(seen.answered, false, JSON.stringify(seen));
  assert.match(seen.error, /Failed to fetch|TypeError/);
});

test('a listed origin may not send a header outside the contract', async () => {
  const seen = await inPage(LISTED, async ({ base, token }) => {
    try {
      await fetch(base + '/api/auth/sessions', {
        headers: { authorization: 'Bearer ' + token, 'x-forwarded-for': '10.0.0.1' },
      });
      return { answered: true };
    } catch (e) {
      return { answered: false, error: String(e) };
    }
  });
  assert.equal(seen.answered, false, JSON.stringify(seen));
});
