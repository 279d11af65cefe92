// The client against a real Warden (started by TypeScriptClientTest on fresh PostgreSQL and Redis).
// Everything, set-up included, goes through WardenClient; a recording fetch shows what went out.
//
// Environment: WARDEN_URL (the instance), WARDEN_ADMIN_EMAIL and WARDEN_ADMIN_PASSWORD (a system
// administrator).
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import {
  WardenClient,
  WardenForbiddenError,
  WardenUnauthorizedError,
  WardenValidationError,
} from '../dist/index.js';

const BASE = required('WARDEN_URL');
const ADMIN = { email: required('WARDEN_ADMIN_EMAIL'), password: required('WARDEN_ADMIN_PASSWORD') };
const PASSWORD = 'client-test-' + randomBytes(8).toString('hex');
const RUN = 'c' + randomBytes(4).toString('hex');
const PERMISSION = `${RUN}.publish`;

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(name + ' is not set; TypeScriptClientTest sets it');
  return value;
}

/** A client whose requests are recorded: [{method, path, headers}] */
function recorded() {
  const requests = [];
  const client = new WardenClient({
    baseUrl: BASE,
    reconnectDelayMs: 200,
    fetch: (url, init = {}) => {
      requests.push({
        method: init.method ?? 'GET',
        path: new URL(url).pathname,
        headers: new Headers(init.headers),
      });
      return fetch(url, init);
    },
  });
  return { client, requests };
}

/** Resolves when `predicate(state)` holds after a change the client reports. */
function until(client, predicate) {
  return new Promise((resolve) => {
    const stop = client.onChange((state) => {
      if (predicate(state)) {
        stop();
        resolve(state);
      }
    });
  });
}

let operator; // the system administrator, tenant-less
let tenant;
let alice; // the tenant's administrator (built-in role admin)
let bob; // a member whom alice gives a role holding PERMISSION
let publisher; // that role

before(async () => {
  operator = new WardenClient({ baseUrl: BASE });
  const login = await operator.login(ADMIN.email, ADMIN.password);
  assert.equal(login.tenant, null, 'the operator belongs to no tenant');
  await operator.send('POST', '/api/admin/permissions', { name: PERMISSION, description: 'test' });
  tenant = await operator.send('POST', '/api/admin/tenants', { slug: RUN, name: 'Client ' + RUN });
  const user = (name) =>
    operator.send('POST', '/api/admin/users', {
      email: `${name}-${RUN}@client.warden.test`,
      password: PASSWORD,
      displayName: name,
    });
  alice = await user('alice');
  bob = await user('bob');
  await operator.send('POST', `/api/admin/tenants/${tenant.id}/members`, {
    userId: alice.id,
    roles: ['admin'],
  });
  await operator.send('POST', `/api/admin/tenants/${tenant.id}/members`, { userId: bob.id });
  const admin = new WardenClient({ baseUrl: BASE });
  await admin.login(alice.email, PASSWORD);
  publisher = await admin.send('POST', '/api/roles', { name: 'publisher', permissions: [PERMISSION] });
  await admin.send('POST', `/api/roles/${publisher.id}/users/${bob.id}`);
});

test('login selects the only tenant; selectTenant scopes a tenant-less token', async () => {
  const client = new WardenClient({ baseUrl: BASE });
  const login = await client.login(bob.email, PASSWORD);
  assert.equal(login.tenant?.id, tenant.id);
  assert.deepEqual(login.user, { id: bob.id, email: bob.email, displayName: 'bob' });

  const op = new WardenClient({ baseUrl: BASE });
  await op.login(ADMIN.email, ADMIN.password);
  await assert.rejects(op.me(), WardenForbiddenError, '/api/me needs a tenant-scoped token');
  const selected = await op.selectTenant(tenant.id);
  assert.equal(selected.tenant.id, tenant.id);
  assert.equal(op.session.accessToken, selected.accessToken);
  assert.equal(op.session.refreshToken, selected.refreshToken);
  const me = await op.me();
  assert.equal(me.tenant.id, tenant.id);
});

test('refresh rotates; concurrent refreshes share one request; the old token is dead', async () => {
  const { client, requests } = recorded();
  await client.login(bob.email, PASSWORD);
  const old = client.session;
  const [a, b, c] = await Promise.all([client.refresh(), client.refresh(), client.refresh()]);
  assert.equal(requests.filter((r) => r.path === '/api/auth/refresh').length, 1);
  assert.equal(a, b);
  assert.equal(b, c);
  assert.notEqual(a.refreshToken, old.refreshToken);
  assert.deepEqual(client.session, { accessToken: a.accessToken, refreshToken: a.refreshToken });
  assert.equal((await client.me()).user.id, bob.id);

  // Someone replays the old refresh token: a typed 401, and the whole family is revoked.
  const thief = new WardenClient({ baseUrl: BASE, tokens: old });
  const error = await thief.refresh().then(
    () => assert.fail('a reused refresh token was accepted'),
    (e) => e,
  );
  assert.ok(error instanceof WardenUnauthorizedError, String(error));
  assert.equal(error.status, 401);
  assert.equal(thief.signedIn, false, 'a refused refresh signs out');
  await assert.rejects(client.me(), WardenUnauthorizedError, 'the rotated token died with its family');
  assert.equal(client.signedIn, false);
});

test('a 401 on an expired or dead access token is refreshed once and retried', async () => {
  const client = new WardenClient({ baseUrl: BASE });
  await client.login(bob.email, PASSWORD);
  const live = client.session;
  const resumed = new WardenClient({
    baseUrl: BASE,
    tokens: { accessToken: 'not-a-token', refreshToken: live.refreshToken },
  });
  assert.equal((await resumed.check(PERMISSION)).allowed, true);
  assert.notEqual(resumed.session.refreshToken, live.refreshToken, 'refreshed and rotated');
  assert.notEqual(resumed.session.accessToken, 'not-a-token');
});

test('problem+json answers become typed exceptions', async () => {
  const client = new WardenClient({ baseUrl: BASE });
  const wrong = await client.login(bob.email, 'wrong-password-123').catch((e) => e);
  assert.ok(wrong instanceof WardenUnauthorizedError, String(wrong));
  assert.equal(typeof wrong.title, 'string');
  assert.ok(wrong.requestId, 'X-Request-Id is kept');

  await client.login(bob.email, PASSWORD);
  const forbidden = await client.send('POST', '/api/roles', { name: 'x', permissions: [] }).catch((e) => e);
  assert.ok(forbidden instanceof WardenForbiddenError, String(forbidden));
  assert.equal(forbidden.status, 403);
  assert.ok(forbidden.detail.length > 0);

  const invalid = await client.send('POST', '/api/authz/check', { permission: 42 }).catch((e) => e);
  assert.ok(invalid instanceof WardenValidationError, String(invalid));
  assert.equal(invalid.status, 400);
});

test('can() follows the event stream: a revoke flips it, with the revision round-tripped', async () => {
  const { client, requests } = recorded();
  await client.login(bob.email, PASSWORD);
  const me = await client.watch();
  assert.ok(me.permissions.includes(PERMISSION));
  assert.equal(client.can(PERMISSION), true);
  assert.equal(client.can('roles.edit'), false);
  assert.equal(client.can(PERMISSION + '.more'), false);
  assert.equal((await client.check(PERMISSION)).allowed, true);
  const batch = await client.checkBatch([{ permission: PERMISSION }, { permission: 'roles.edit' }]);
  assert.deepEqual(
    batch.results.map((r) => r.allowed),
    [true, false],
  );
  assert.equal((await client.explain(PERMISSION)).grantedBy[0].roleId, publisher.id);

  const admin = recorded();
  await admin.client.login(alice.email, PASSWORD);
  const revoked = until(client, (s) => !s.permissions.has(PERMISSION));
  await admin.client.send('DELETE', `/api/roles/${publisher.id}/users/${bob.id}`);
  const state = await revoked;
  assert.equal(client.can(PERMISSION), false);
  assert.equal(state.signedIn, true);

  // The event carried the change's revision; the client sent it back on its next /api/me.
  assert.ok(client.revision > 0, 'permissions-changed carried a revision');
  const reread = requests.filter((r) => r.path === '/api/me').at(-1);
  assert.equal(reread.headers.get('warden-min-revision'), String(client.revision));
  // The change's answer carried Warden-Revision: the admin's own reads carry it on.
  assert.equal(admin.client.revision, client.revision, 'one number for one change');
  await admin.client.check('roles.edit');
  const sent = admin.requests.at(-1);
  assert.equal(sent.headers.get('warden-min-revision'), String(admin.client.revision));

  const granted = until(client, (s) => s.permissions.has(PERMISSION));
  await admin.client.send('POST', `/api/roles/${publisher.id}/users/${bob.id}`);
  await granted;
  assert.equal(client.can(PERMISSION), true);
  client.unwatch();
});

test('session-ended signs the client out', async () => {
  const client = new WardenClient({ baseUrl: BASE, reconnectDelayMs: 200 });
  await client.login(bob.email, PASSWORD);
  await client.watch();
  assert.equal(client.can(PERMISSION), true);
  const out = until(client, (s) => !s.signedIn);
  const other = new WardenClient({ baseUrl: BASE });
  await other.login(bob.email, PASSWORD);
  await other.send('POST', '/api/auth/logout-all');
  await out;
  assert.equal(client.signedIn, false);
  assert.equal(client.can(PERMISSION), false, 'nothing is granted once signed out');
  await assert.rejects(client.me(), WardenUnauthorizedError);
});
