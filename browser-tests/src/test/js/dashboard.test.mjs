// The dashboard (/dashboard) in Debian's Chromium, driven by playwright-core, against a real Warden
// that DashboardBrowserTest started on PostgreSQL and Redis with two demo tenants. Every step goes
// through the page as a person would (typing, clicking); the traffic it shows comes from the API.
//
// Environment (set by DashboardBrowserTest):
//   WARDEN_URL            the started instance, e.g. http://127.0.0.1:41234
//   WARDEN_ADMIN_EMAIL    a system administrator, and WARDEN_ADMIN_PASSWORD
//   WARDEN_DEMO_PASSWORD  the password of every demo user (demo-<t>-<n>@demo.warden.local)
//   WARDEN_RATE_API       the instance's WARDEN_RATE_API_PER_MINUTE
//   WARDEN_CHROMIUM       the browser (default /usr/bin/chromium); nothing is downloaded
//   WARDEN_SCREENSHOTS    where the screenshots go (created)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { call, required } from './warden-api.mjs';

const BASE = required('WARDEN_URL');
const ADMIN = { email: required('WARDEN_ADMIN_EMAIL'), password: required('WARDEN_ADMIN_PASSWORD') };
const DEMO_PASSWORD = required('WARDEN_DEMO_PASSWORD');
const API_LIMIT = Number(required('WARDEN_RATE_API'));
const SHOTS = required('WARDEN_SCREENSHOTS');
const TENANT_ADMIN = demo(1, 1); // the seed makes user 1 of each demo tenant its admin
// Generous: the build machine may be shared and loaded many times over; nothing here is timed.
const TIMEOUT_MS = 120_000;
const WAIT = { timeout: TIMEOUT_MS };

let browser;
let operator; // a system administrator's token, for reading the statistics beside the page

function demo(tenant, user) {
  return `demo-${tenant}-${user}@demo.warden.local`;
}

// ---------- the API, for traffic and for checking what the page shows ----------

function api(method, path, token, body) {
  return call(BASE, method, path, token, body);
}

async function login(email, password = DEMO_PASSWORD) {
  const r = await api('POST', '/api/auth/login', null, { email, password });
  assert.equal(r.status, 200, `login of ${email}: ${JSON.stringify(r.body)}`);
  return r.body; // accessToken, user, tenant (auto-selected: every demo user has one tenant)
}

async function stats() {
  const r = await api('GET', '/api/performance/stats', operator);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body;
}

function operation(s, name) {
  return s.operations.find((o) => o.operation === name);
}

async function check(token, permission) {
  const r = await api('POST', '/api/authz/check', token, { permission });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.allowed;
}

// ---------- the page ----------

// A fresh context (its own storage, as a new browser profile would have) that lets the page reach
// nothing but Warden: a chart library from a CDN would be refused here and fail the test.
async function openDashboard({ colorScheme = 'light', viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ colorScheme, viewport, deviceScaleFactor: 1 });
  context.setDefaultTimeout(TIMEOUT_MS);
  context.setDefaultNavigationTimeout(TIMEOUT_MS);
  const problems = [];
  await context.route(
    (url) => url.origin !== BASE,
    (route) => {
      problems.push('request outside Warden: ' + route.request().url());
      return route.abort();
    },
  );
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push('script error: ' + e.message));
  page.on('console', (m) => {
    // A refused login logs its 401 as a console error; anything the CSP refuses is a problem.
    if (m.type() === 'error' && /Content Security Policy|Refused to/i.test(m.text())) {
      problems.push('console: ' + m.text());
    }
  });
  const response = await page.goto(BASE + '/dashboard');
  assert.equal(response.status(), 200);
  assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self'/);
  return { context, page, problems };
}

async function logInOnPage(page, email, password) {
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#login-button');
}

async function loggedIn(page, email) {
  await page.locator('#dashboard-view').waitFor({ state: 'visible', ...WAIT });
  assert.match(await page.textContent('#who'), new RegExp(email.replace(/[.]/g, '\\.')));
  // Two polls: the first gives totals, the second the first rates.
  await page.waitForFunction(() => document.getElementById('chart-rate') && window.Chart &&
    Chart.getChart(document.getElementById('chart-rate'))?.data.labels.length >= 2, null, WAIT);
}

function chartData(page, id) {
  return page.evaluate((canvasId) => {
    const chart = Chart.getChart(document.getElementById(canvasId));
    return { labels: chart.data.labels, datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })) };
  }, id);
}

// Everything a person would see cut off or pushed sideways: a page wider than the window, or a
// table, chart or control sticking out of its card (tables inside a .scroll box may scroll).
function layoutProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    const width = document.documentElement.scrollWidth;
    if (width > window.innerWidth) problems.push(`the page is ${width}px wide in a ${window.innerWidth}px window`);
    for (const card of document.querySelectorAll('.card, .kpi')) {
      if (card.offsetParent === null) continue; // hidden
      const box = card.getBoundingClientRect();
      for (const el of card.querySelectorAll('table, canvas, button, input, select, progress')) {
        if (el.offsetParent === null || el.closest('.scroll')) continue;
        const r = el.getBoundingClientRect();
        if (r.right > box.right + 1 || r.left < box.left - 1) {
          const title = card.querySelector('h2, figcaption')?.textContent ?? card.className;
          problems.push(`a ${el.tagName.toLowerCase()} sticks out of the card "${title}"`);
        }
      }
    }
    return problems;
  });
}

// Runs a test's steps on a page of its own; a failure leaves a screenshot of what the page showed.
async function onPage(name, options, steps) {
  const opened = await openDashboard(options);
  try {
    await steps(opened);
    assert.deepEqual(opened.problems, []);
  } catch (e) {
    await shot(opened.page, `failed-${name}.png`, { fullPage: true }).catch(() => {});
    throw e;
  } finally {
    await opened.context.close();
  }
}

function number(text) {
  return Number(String(text).replace(/[^0-9.]/g, ''));
}

async function shot(page, name, options = {}) {
  await page.screenshot({ path: join(SHOTS, name), ...options });
}

// ---------- the tests (they run in this order and share the instance) ----------

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  operator = (await login(ADMIN.email, ADMIN.password)).accessToken;
  browser = await chromium.launch({
    executablePath: process.env.WARDEN_CHROMIUM || '/usr/bin/chromium',
    headless: true, // Playwright adds --headless and a fresh --user-data-dir of its own
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
});

test('a wrong password stays on the login form with a message', () =>
  onPage('login', {}, async ({ page }) => {
    await logInOnPage(page, TENANT_ADMIN, 'not-the-password');
    await page.locator('#login-error').filter({ hasText: 'Wrong e-mail or password.' }).waitFor(WAIT);
    assert.equal(await page.isHidden('#dashboard-view'), true);
    await shot(page, 'login-refused.png');
  }));

test('the tenant admin logs in on the page, and traffic shows in the numbers and charts', () =>
  onPage('traffic', {}, async ({ page }) => {
    await logInOnPage(page, TENANT_ADMIN, DEMO_PASSWORD);
    await loggedIn(page, TENANT_ADMIN);
    assert.equal(await page.textContent('#kpi-breaker'), 'closed'); // Redis is configured and up
    assert.match(await page.textContent('#kpi-health'), /^(up|degraded)$/);
    const totalBefore = number(await page.textContent('#kpi-total'));

    // Traffic: eight users of two tenants check permissions, one batch check each.
    const users = [...[2, 3, 4, 5, 6].map((n) => demo(1, n)), ...[1, 2, 3].map((n) => demo(2, n))];
    const sessions = await Promise.all(users.map((u) => login(u)));
    const perUser = 12;
    await Promise.all(
      sessions.map(async (s) => {
        for (let i = 0; i < perUser; i++) {
          await check(s.accessToken, i % 2 ? 'users.view' : 'roles.edit');
        }
        const batch = await api('POST', '/api/authz/check-batch', s.accessToken, {
          checks: [{ permission: 'users.view' }, { permission: 'roles.view' }],
        });
        assert.equal(batch.status, 200, JSON.stringify(batch.body));
      }),
    );
    const generated = sessions.length * (perUser + 1);

    // An RBAC change, so that the revocation latency has something to show: the tenant admin
    // gives user 2 the editor role and takes it back.
    const admin = await login(TENANT_ADMIN);
    const roles = await api('GET', '/api/roles', admin.accessToken);
    const editor = roles.body.find((r) => r.name === 'editor');
    const user2 = sessions[0].user.id;
    assert.equal((await api('POST', `/api/roles/${editor.id}/users/${user2}`, admin.accessToken)).status, 204);
    assert.equal((await api('DELETE', `/api/roles/${editor.id}/users/${user2}`, admin.accessToken)).status, 204);

    // One user goes past the api rate limit: the refusals chart counts the 429s.
    const greedy = sessions[1].accessToken;
    let refused = 0;
    for (let i = 0; i < 3 * API_LIMIT && refused < 5; i++) {
      if ((await api('GET', '/api/me', greedy)).status === 429) refused++;
    }
    assert.equal(refused, 5, `expected 429s past ${API_LIMIT} requests a minute`);

    // The page shows it within a few polls, without a reload.
    await page.waitForFunction(
      (atLeast) => Number(document.getElementById('kpi-total').textContent.replace(/[^0-9]/g, '')) >= atLeast,
      totalBefore + generated,
      WAIT,
    );
    await page.waitForFunction(
      (refusedAtLeast) => {
        const data = (id) => Chart.getChart(document.getElementById(id)).data;
        const refusals = data('chart-refusals');
        const max = (id, i) => Math.max(0, ...data(id).datasets[i].data.filter((v) => v !== null));
        return (
          max('chart-rate', 0) > 0 &&
          max('chart-latency', 2) > 0 &&
          data('chart-hits').datasets[0].data.some((v) => v !== null && v > 0) &&
          data('chart-revocation').labels.length > 0 &&
          // Every class has a series from the start (at 0): wait for the 429s, not the label.
          refusals.datasets[0].data[refusals.labels.indexOf('api')] >= refusedAtLeast
        );
      },
      refused,
      WAIT,
    );
    const refusals = await chartData(page, 'chart-refusals');
    assert.ok(refusals.datasets[0].data[refusals.labels.indexOf('api')] >= refused);
    const revocation = await chartData(page, 'chart-revocation');
    assert.ok(revocation.labels.includes('role.assigned'), 'revoked kinds: ' + revocation.labels);
    assert.ok(revocation.datasets[1].data.every((ms) => ms >= 0));
    assert.ok(number(await page.textContent('#kpi-p99')) > 0);
    assert.match(await page.textContent('#kpi-hit'), /^\d+(\.\d)? %$/);

    // The busiest tenants name the tenants by slug where the page knows them (its own tenant).
    await page.locator('#busy-tenants td', { hasText: 'demo-1' }).first().waitFor(WAIT);
    assert.ok((await page.locator('#busy-users tr').count()) >= users.length);
    const checkRow = page.locator('#operations-body tr', { has: page.locator('td:text-is("check")') });
    assert.ok(number(await checkRow.locator('td').nth(1).textContent()) >= totalBefore + sessions.length * perUser);

    await shot(page, 'dashboard-light.png', { fullPage: true });

    // The README's picture: the first screen while checks are still coming in.
    let stop = false;
    const steady = Promise.all(
      sessions.slice(0, 4).map(async (s) => {
        while (!stop) await check(s.accessToken, 'users.view');
      }),
    );
    try {
      await page.waitForFunction(() => Number(document.getElementById('kpi-rate').textContent) > 0, null, WAIT);
      await shot(page, 'dashboard.png');
    } finally {
      stop = true;
      await steady;
    }
    assert.deepEqual(await layoutProblems(page), []);
  }));

test('flushing the tenant on the page empties its caches, warming fills them with a progress bar', () =>
  onPage('cache', {}, async ({ page }) => {
    await logInOnPage(page, TENANT_ADMIN, DEMO_PASSWORD);
    await loggedIn(page, TENANT_ADMIN);
    const admin = await login(TENANT_ADMIN);
    assert.equal(await page.inputValue('#cache-tenant'), admin.tenant.id); // the session's tenant
    const member = (await login(demo(1, 7))).accessToken;
    await check(member, 'users.view'); // now cached

    const permissionLoads = async () => operation(await stats(), 'permission load');

    // Flush: the next check of a cached user reads the database again.
    await page.click('#flush');
    await page.locator('#cache-status', { hasText: 'Flushed the tenant from every tier.' }).waitFor(WAIT);
    // The page's own next poll reloads its user's permissions (a miss too): let it pass first.
    for (let polls = 0; polls < 2; polls++) {
      const updated = await page.textContent('#updated');
      await page.waitForFunction((u) => document.getElementById('updated').textContent !== u, updated, WAIT);
    }
    const afterFlush = await permissionLoads();
    await check(member, 'users.view');
    assert.equal((await permissionLoads()).misses, afterFlush.misses + 1, 'a check after the flush reads the database');

    // Warm: the page follows the job; the bar only moves forward and ends full.
    await page.evaluate(() => {
      const bar = document.getElementById('warm-progress');
      window.seenProgress = [];
      window.progressSampler = setInterval(() => {
        if (!bar.hidden) window.seenProgress.push(bar.value);
      }, 10);
    });
    await page.click('#warm');
    const status = page.locator('#cache-status', { hasText: /^Warmed \d+ of \d+ members\.$/ });
    await status.waitFor(WAIT);
    const [, done, total] = (await status.textContent()).match(/^Warmed (\d+) of (\d+) members\.$/).map(Number);
    assert.equal(done, total);
    assert.equal(total, 40, 'the demo tenant has 40 members');
    assert.equal(await page.isVisible('#warm-progress'), true);
    const bar = await page.evaluate(() => {
      clearInterval(window.progressSampler);
      const el = document.getElementById('warm-progress');
      return { value: el.value, max: el.max, seen: window.seenProgress };
    });
    assert.deepEqual([bar.value, bar.max], [total, total]);
    assert.ok(bar.seen.every((v, i) => i === 0 || v >= bar.seen[i - 1]), 'the bar went backwards: ' + bar.seen);
    await page.locator('#cache-title').scrollIntoViewIfNeeded();
    await shot(page, 'cache-controls.png');

    // Every member is cached now: a member never checked before is answered by L1.
    const fresh = (await login(demo(1, 8))).accessToken;
    const before = await permissionLoads();
    await check(fresh, 'users.view');
    const after = await permissionLoads();
    assert.equal(after.misses, before.misses, 'a warmed member is not read from the database');
    assert.ok(after.l1Hits > before.l1Hits);
  }));

test('dark mode: a system administrator without a tenant flushes another tenant by its id', async () => {
  const luminance = (page, property) =>
    page.evaluate((p) => {
      const [r, g, b] = getComputedStyle(document.body)[p].match(/\d+/g).map(Number);
      return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
    }, property);
  await onPage('light', {}, async ({ page }) => {
    assert.ok((await luminance(page, 'backgroundColor')) > 0.8, 'light mode has a light background');
    assert.ok((await luminance(page, 'color')) < 0.3, 'and dark text');
  });
  await onPage('dark', { colorScheme: 'dark' }, async ({ page }) => {
    assert.ok((await luminance(page, 'backgroundColor')) < 0.2, 'dark mode has a dark background');
    assert.ok((await luminance(page, 'color')) > 0.7, 'and light text');
    await logInOnPage(page, ADMIN.email, ADMIN.password);
    await loggedIn(page, ADMIN.email);
    assert.match(await page.textContent('#who'), /no tenant/);

    const other = (await login(demo(2, 1))).tenant;
    assert.equal(other.slug, 'demo-2');
    await page.fill('#cache-tenant-id', other.id);
    await page.click('#flush');
    await page.locator('#cache-status', { hasText: 'Flushed the tenant from every tier.' }).waitFor(WAIT);
    await shot(page, 'dashboard-dark.png', { fullPage: true });
    assert.deepEqual(await layoutProblems(page), []);
  });
});

test('a narrow screen gets one column and no sideways scrolling', () =>
  onPage('narrow', { viewport: { width: 390, height: 844 } }, async ({ page }) => {
    await logInOnPage(page, TENANT_ADMIN, DEMO_PASSWORD);
    await loggedIn(page, TENANT_ADMIN);
    await shot(page, 'dashboard-narrow.png', { fullPage: true });
    const cards = await page.evaluate(() =>
      [...document.querySelectorAll('.grid > .card')].map((c) => Math.round(c.getBoundingClientRect().left)),
    );
    assert.ok(cards.length >= 8);
    assert.equal(new Set(cards).size, 1, 'every card starts at the same x: ' + cards);
    assert.deepEqual(await layoutProblems(page), []);
  }));
