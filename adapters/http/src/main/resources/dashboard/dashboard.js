// Warden performance dashboard: logs in through the API like any client, polls
// /api/performance/stats every 2 s and draws it with Chart.js (bundled, no CDN).
// This module is the login and the cache controls; ./api.js holds the session and the calls,
// ./charts.js the polling and drawing.

import { $, api, session } from './api.js';
import { poll, resetCharts, showPollError } from './charts.js';

const POLL_MS = 2000;
let timer = null;

// ---------- login ----------

let pendingLogin = null; // a tenant-less login waiting for the tenant choice

async function onLogin(event) {
  event.preventDefault();
  $('login-error').textContent = '';
  $('login-button').disabled = true;
  try {
    if (pendingLogin && !$('tenant-choice').hidden) {
      await chooseTenant($('login-tenant').value);
    } else {
      const r = await api('POST', '/api/auth/login', {
        email: $('email').value,
        password: $('password').value,
      });
      session.access = r.accessToken;
      session.refresh = r.refreshToken;
      session.user = r.user;
      session.tenants = r.tenants || [];
      session.tenant = r.tenant;
      if (!r.tenant && session.tenants.length > 0) {
        // Several tenants: the statistics may need one (metrics.view is held in a tenant).
        pendingLogin = r;
        const select = $('login-tenant');
        select.replaceChildren(new Option('— none (system administrator) —', ''));
        session.tenants.forEach((t) => select.add(new Option(t.name + ' (' + t.slug + ')', t.id)));
        $('tenant-choice').hidden = false;
        $('login-button').textContent = 'Continue';
        return;
      }
    }
    await start();
  } catch (e) {
    $('login-error').textContent = e.status === 401 ? 'Wrong e-mail or password.' : e.message;
  } finally {
    $('login-button').disabled = false;
  }
}

async function chooseTenant(tenantId) {
  if (!tenantId) return;
  const t = await api('POST', '/api/auth/select-tenant', { tenantId });
  session.access = t.accessToken;
  session.refresh = t.refreshToken;
  session.tenant = t.tenant;
}

async function start() {
  await poll(); // fails here, on the login form, when the account may not read the statistics
  pendingLogin = null;
  $('login-view').hidden = true;
  $('dashboard-view').hidden = false;
  $('session').hidden = false;
  $('who').textContent =
    session.user.email + (session.tenant ? ' · ' + session.tenant.name : ' · no tenant');
  fillTenantChoice();
  timer = setInterval(() => poll().catch(showPollError), POLL_MS);
}

function logout() {
  clearInterval(timer);
  if (session.access) api('POST', '/api/auth/logout').catch(() => {});
  Object.assign(session, { access: null, refresh: null, tenant: null, tenants: [], user: null });
  resetCharts();
  $('dashboard-view').hidden = true;
  $('session').hidden = true;
  $('login-view').hidden = false;
  $('tenant-choice').hidden = true;
  $('login-button').textContent = 'Log in';
  $('password').value = '';
}

function fillTenantChoice() {
  const select = $('cache-tenant');
  select.replaceChildren();
  const tenants = session.tenant
    ? [session.tenant, ...session.tenants.filter((t) => t.id !== session.tenant.id)]
    : session.tenants;
  tenants.forEach((t) => select.add(new Option(t.name + ' (' + t.slug + ')', t.id)));
}
// ---------- cache controls ----------

function chosenTenant() {
  return $('cache-tenant-id').value.trim() || $('cache-tenant').value;
}

function busy(on) {
  $('warm').disabled = on;
  $('flush').disabled = on;
}

async function warm() {
  const tenantId = chosenTenant();
  if (!tenantId) return;
  busy(true);
  const bar = $('warm-progress');
  bar.hidden = false;
  bar.value = 0;
  bar.max = 1;
  $('cache-status').textContent = 'Warming…';
  try {
    const { jobId } = await api('POST', '/api/performance/cache/warm/' + encodeURIComponent(tenantId));
    for (;;) {
      const job = await api('GET', '/api/performance/cache/jobs/' + encodeURIComponent(jobId));
      bar.max = Math.max(1, job.total);
      bar.value = job.done;
      $('cache-status').textContent = 'Warming: ' + job.done + ' / ' + job.total + ' members';
      if (job.state !== 'running') {
        $('cache-status').textContent =
          job.state === 'done' ? 'Warmed ' + job.done + ' of ' + job.total + ' members.' : 'Warming failed.';
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  } catch (e) {
    $('cache-status').textContent = 'Could not warm: ' + e.message;
  } finally {
    busy(false);
  }
}

async function flush() {
  const tenantId = chosenTenant();
  if (!tenantId) return;
  busy(true);
  try {
    await api('DELETE', '/api/performance/cache/tenant/' + encodeURIComponent(tenantId));
    $('warm-progress').hidden = true;
    $('cache-status').textContent = 'Flushed the tenant from every tier.';
  } catch (e) {
    $('cache-status').textContent = 'Could not flush: ' + e.message;
  } finally {
    busy(false);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', onLogin);
  $('logout').addEventListener('click', logout);
  $('warm').addEventListener('click', warm);
  $('flush').addEventListener('click', flush);
});
