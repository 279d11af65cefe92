// Polling /api/performance/stats (and /health) and drawing it with Chart.js, which the page loads
// before this module as the global `Chart`.

import { $, api, session } from './api.js';

const POINTS = 60; // two minutes of history
const charts = {};
let previous = null; // the previous stats answer, for rates

export function showPollError(e) {
  $('updated').textContent = 'error: ' + e.message;
}

export async function poll() {
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

/** Forgets the history and the charts, for the next login. */
export function resetCharts() {
  previous = null;
  Object.values(charts).forEach((c) => c.destroy());
  Object.keys(charts).forEach((k) => delete charts[k]);
}
