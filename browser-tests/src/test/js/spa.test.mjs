// The example app (/examples/spa/) in Debian's Chromium against a real Warden that
// ExampleSpaBrowserTest started. Two browser contexts: the tenant's administrator revokes the
// member's role in hers; the member's button disappears in his without a reload. The delay from the
// click to the button's disappearance is printed and written to WARDEN_SPA_DELAY_FILE.
//
// Environment: WARDEN_URL, WARDEN_ADMIN_EMAIL / WARDEN_ADMIN_PASSWORD (a system administrator),
// WARDEN_CHROMIUM, WARDEN_SPA_DELAY_FILE.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { call, required } from './warden-api.mjs';

const BASE = required('WARDEN_URL');
const TIMEOUT_MS = 120_000; // a guard for a loaded machine; nothing is asserted about time
const WAIT = { timeout: TIMEOUT_MS };
const RUN = 's' + randomBytes(4).toString('hex');
const PASSWORD = 'spa-test-' + randomBytes(8).toString('hex');

/** Calls Warden and fails unless it answers 2xx; the answer's JSON body. */
async function api(method, path, token, body) {
  const r = await call(BASE, method, path, token, body);
  assert.ok(r.status >= 200 && r.status < 300, `${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

let browser;
let alice; // the tenant's administrator
let bob; // a member holding the role "viewer" (users.view)

before(async () => {
  const op = await api('POST', '/api/auth/login', null, {
    email: required('WARDEN_ADMIN_EMAIL'),
    password: required('WARDEN_ADMIN_PASSWORD'),
  });
  const token = op.accessToken;
  const tenant = await api('POST', '/api/admin/tenants', token, { slug: RUN, name: 'SPA ' + RUN });
  const user = (name) =>
    api('POST', '/api/admin/users', token, {
      email: `${name}-${RUN}@spa.warden.test`,
      password: PASSWORD,
      displayName: name,
    });
  alice = await user('alice');
  bob = await user('bob');
  await api('POST', `/api/admin/tenants/${tenant.id}/members`, token, { userId: alice.id, roles: ['admin'] });
  await api('POST', `/api/admin/tenants/${tenant.id}/members`, token, { userId: bob.id });
  const admin = (await api('POST', '/api/auth/login', null, { email: alice.email, password: PASSWORD }))
    .accessToken;
  const viewer = await api('POST', '/api/roles', admin, { name: 'viewer', permissions: ['users.view'] });
  await api('POST', `/api/roles/${viewer.id}/users/${bob.id}`, admin);
  browser = await chromium.launch({
    executablePath: required('WARDEN_CHROMIUM'),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

after(async () => {
  await browser?.close();
});

async function signIn(user) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  page.on('console', (m) => m.type() === 'error' && errors.push('console: ' + m.text()));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(BASE + '/examples/spa/');
  await page.fill('#email', user.email);
  await page.fill('#password', PASSWORD);
  await page.click('#sign-in');
  await page.waitForSelector('#app:not([hidden])', WAIT);
  await page.waitForFunction(() => document.getElementById('status').textContent.startsWith('Live'), null, WAIT);
  return { page, errors };
}

test("the admin revokes the member's role; his button disappears without a reload", async () => {
  const member = await signIn(bob);
  const admin = await signIn(alice);
  const view = member.page.locator('#view-members');
  assert.equal(await view.isVisible(), true, 'bob holds users.view through viewer');
  assert.equal(await member.page.locator('#edit-roles').isVisible(), false);
  assert.equal(await member.page.locator('#admin').isVisible(), false);
  assert.equal(await admin.page.locator('#edit-roles').isVisible(), true);

  const revoke = admin.page.locator(`button[data-member="${bob.email}"][data-role="viewer"]`);
  await revoke.waitFor(WAIT);
  let navigations = 0;
  member.page.on('framenavigated', () => navigations++);
  const clicked = Date.now();
  await revoke.click();
  await view.waitFor({ state: 'hidden', timeout: TIMEOUT_MS });
  const delayMs = Date.now() - clicked;

  assert.equal(navigations, 0, 'no reload');
  assert.equal(await member.page.locator('#no-controls').isVisible(), true);
  assert.ok(Number(await member.page.evaluate(() => document.body.dataset.revision)) > 0);
  console.log(`SPA live revoke: the button disappeared ${delayMs} ms after the admin's click`);
  writeFileSync(required('WARDEN_SPA_DELAY_FILE'), JSON.stringify({ delayMs, at: new Date().toISOString() }) + '\n');
  assert.deepEqual(member.errors, []);
  assert.deepEqual(admin.errors, []);
});
