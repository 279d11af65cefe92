// Warden performance dashboard: logs in through the API like any client, polls
// /api/performance/stats every 2 s and draws it with Chart.js (bundled, no CDN).
'use strict';

(() => {
  const POLL_MS = 2000;
  const POINTS = 60; // two minutes of history
  const $ = (id) => document.getElementById(id);

  // The session lives in this tab only: a reload asks for the password again.
  const session = { access: null, refresh: null, tenant: null, tenants: [], user: null };
  let timer = null;
  let previous = null; // the previous stats answer, for rates
  const charts = {};

  // ---------- API ----------

  async function api(method, path, body, retried) {
    const headers = { Accept: 'application/json' };
    if (session.access) headers.Authorization = 'Bearer ' + session.access;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    if (res.status === 401 && session.refresh && !retried) {
      if (await refresh()) return api(method, path, body, true);
    }
    const text = await res.text();
    const data = text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null;
    if (!res.ok) {
      const err = new Error((data && (data.detail || data.title)) || res.status + ' ' + res.statusText);
      err.status = res.status;
      throw err;
    }
    return data;
  }

  async function refresh() {
    try {
      const res = await fetch('/api/auth/refresh', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ refreshToken: session.refresh }),
      });
      if (!res.ok) return false;
      const t = await res.json();
      session.access = t.accessToken;
      session.refresh = t.refreshToken;
      return true;
    } catch (e) {
      return false;
    }
  }

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
    previous = null;
    Object.values(charts).forEach((c) => c.destroy());
    Object.keys(charts).forEach((k) => delete charts[k]);
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

  // ---------- polling and drawing ----------

  function showPollError(e) {
    $('updated').textContent = 'error: ' + e.message;
  }

  async function poll() {
    const stats = await api('GET', '/api/performance/stats');
    const health = await fetch('/health', { cache: 'no-store' })
      .then((r) => r.json())
      .catch(() => null);
    draw(stats, health);
    previous = { stats, at: performance.now() };
  }

  function op(stats, name) {
    return stats.operations.find((o) => o.operation === name);
  }

  function tier(operation, name) {
    return (operation && operation.tiers.find((t) => t.tier === name)) || null;
  }

  const fmt = {
    int: (n) => Math.round(n).toLocaleString('en'),
    ms: (n) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2)),
    pct: (r) => (r === null || r === undefined ? '–' : (r * 100).toFixed(1) + ' %'),
  };

  function css(name) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  }

  function lineChart(id, series, options = {}) {
    const ctx = $(id);
    return new Chart(ctx, {
      type: 'line',
      data: {
        labels: [],
        datasets: series.map((s) => ({
          label: s.label,
          data: [],
          borderColor: css(s.color),
          backgroundColor: css(s.color),
          borderWidth: 2,
          pointRadius: 0,
          tension: 0.25,
        })),
      },
      options: baseOptions(options),
    });
  }

  function barChart(id, series) {
    return new Chart($(id), {
      type: 'bar',
      data: {
        labels: [],
        datasets: series.map((s) => ({
          label: s.label,
          data: [],
          backgroundColor: css(s.color),
          borderRadius: 4,
        })),
      },
      options: baseOptions({}),
    });
  }

  function baseOptions(extra) {
    const text = css('--muted');
    const grid = css('--grid');
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { labels: { color: text, boxWidth: 12 } } },
      scales: {
        x: { ticks: { color: text, maxTicksLimit: 6 }, grid: { color: grid } },
        y: {
          beginAtZero: true,
          suggestedMax: extra.max,
          max: extra.hardMax,
          ticks: { color: text },
          grid: { color: grid },
        },
      },
    };
  }

  function ensureCharts() {
    if (charts.rate) return;
    charts.rate = lineChart('chart-rate', [
      { label: 'checks/s', color: '--c1' },
      { label: 'batch checks/s', color: '--c2' },
    ]);
    charts.hits = lineChart(
      'chart-hits',
      [
        { label: 'L1 %', color: '--c1' },
        { label: 'L2 %', color: '--c2' },
        { label: 'overall %', color: '--c3' },
      ],
      { hardMax: 100 },
    );
    charts.latency = lineChart('chart-latency', [
      { label: 'p50', color: '--c1' },
      { label: 'p95', color: '--c2' },
      { label: 'p99', color: '--c3' },
    ]);
    charts.revocation = barChart('chart-revocation', [
      { label: 'p50', color: '--c1' },
      { label: 'p99', color: '--c3' },
    ]);
    charts.refusals = barChart('chart-refusals', [{ label: 'refused', color: '--c2' }]);
  }

  function push(chart, label, values) {
    chart.data.labels.push(label);
    values.forEach((v, i) => chart.data.datasets[i].data.push(v));
    if (chart.data.labels.length > POINTS) {
      chart.data.labels.shift();
      chart.data.datasets.forEach((d) => d.data.shift());
    }
    chart.update('none');
  }

  function delta(now, before, pick) {
    if (!before) return 0;
    return Math.max(0, pick(now) - pick(before));
  }

  function draw(stats, health) {
    ensureCharts();
    const label = new Date().toLocaleTimeString('en-GB');
    const check = op(stats, 'check');
    const batch = op(stats, 'batch check');
    const load = op(stats, 'permission load');
    const before = previous && previous.stats;
    const seconds = previous ? (performance.now() - previous.at) / 1000 : 0;

    const checkRate = seconds ? delta(check, before && op(before, 'check'), (o) => o.totalRequests) / seconds : 0;
    const batchRate = seconds ? delta(batch, before && op(before, 'batch check'), (o) => o.totalRequests) / seconds : 0;
    push(charts.rate, label, [checkRate, batchRate]);

    // Hit ratios over the last interval: keys a tier answered over the keys that reached it.
    const ratio = (name) => {
      const now = tier(load, name);
      const was = before && tier(op(before, 'permission load'), name);
      if (!now) return null;
      const keys = now.keys - (was ? was.keys : 0);
      const hits = now.hits - (was ? was.hits : 0);
      return keys > 0 ? (100 * hits) / keys : null;
    };
    const overall = (() => {
      const first = load && load.tiers[0];
      if (!first) return null;
      const was = before && op(before, 'permission load');
      const keys = first.keys - (was && was.tiers[0] ? was.tiers[0].keys : 0);
      const misses = load.misses - (was ? was.misses : 0);
      return keys > 0 ? (100 * (keys - misses)) / keys : null;
    })();
    push(charts.hits, label, [ratio('l1'), ratio('l2'), overall]);

    push(charts.latency, label, [check.recent.p50Ms, check.recent.p95Ms, check.recent.p99Ms]);

    charts.revocation.data.labels = stats.revocationLatency.map((r) => r.changeType);
    charts.revocation.data.datasets[0].data = stats.revocationLatency.map((r) => r.p50Ms);
    charts.revocation.data.datasets[1].data = stats.revocationLatency.map((r) => r.p99Ms);
    charts.revocation.update('none');

    const classes = Object.keys(stats.rateLimitRefusals).sort();
    charts.refusals.data.labels = classes;
    charts.refusals.data.datasets[0].data = classes.map((c) => stats.rateLimitRefusals[c]);
    charts.refusals.update('none');

    $('kpi-rate').textContent = fmt.int(checkRate + batchRate);
    $('kpi-hit').textContent = fmt.pct(load ? load.cacheHitRatio : null);
    $('kpi-p99').textContent = check.recent.count ? fmt.ms(check.recent.p99Ms) + ' ms' : '–';
    $('kpi-total').textContent = fmt.int(check.totalRequests + batch.totalRequests);
    badge('kpi-breaker', stats.circuitBreaker.state);
    badge('kpi-health', health ? health.status : 'unknown');
    $('since').textContent = new Date(stats.since).toLocaleString('en-GB');
    $('updated').textContent = new Date().toLocaleTimeString('en-GB');

    rows('busy-tenants', stats.busiestTenants, (b) => [cell(name(b.tenantId), 'id'), cell(fmt.int(b.checks), 'num')]);
    rows('busy-users', stats.busiestUsers, (b) => [
      cell(b.userId, 'id'),
      cell(name(b.tenantId), 'id'),
      cell(fmt.int(b.checks), 'num'),
    ]);
    rows('operations-body', stats.operations, (o) => [
      cell(o.operation),
      cell(fmt.int(o.totalRequests), 'num'),
      cell(fmt.pct(o.cacheHitRatio), 'num'),
      cell(o.l1Hits === null ? '–' : fmt.int(o.l1Hits), 'num'),
      cell(o.l2Hits === null ? '–' : fmt.int(o.l2Hits), 'num'),
      cell(o.misses === null ? '–' : fmt.int(o.misses), 'num'),
      cell(fmt.ms(o.avgMs), 'num'),
      cell(fmt.ms(o.p50Ms), 'num'),
      cell(fmt.ms(o.p95Ms), 'num'),
      cell(fmt.ms(o.p99Ms), 'num'),
      cell(fmt.ms(o.maxMs), 'num'),
    ]);
  }

  function name(tenantId) {
    const t = [session.tenant, ...session.tenants].find((x) => x && x.id === tenantId);
    return t ? t.slug : tenantId;
  }

  function badge(id, state) {
    const el = $(id);
    el.textContent = String(state).toLowerCase().replace('_', '-');
    el.className = 'value badge ' + String(state).toLowerCase();
  }

  function cell(text, cls) {
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    return td;
  }

  function rows(id, items, cells) {
    const body = $(id);
    body.replaceChildren(
      ...items.map((item) => {
        const tr = document.createElement('tr');
        tr.append(...cells(item));
        return tr;
      }),
    );
    if (items.length === 0) {
      const tr = document.createElement('tr');
      const td = cell('nothing yet', 'muted');
      td.colSpan = 11;
      tr.append(td);
      body.append(tr);
    }
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
})();
