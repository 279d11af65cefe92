// The client's pure parts, without a server: the event-stream parser, wildcard grants and the
// problem+json mapping (a 429's Retry-After in particular, which the live test cannot provoke
// without starving its own requests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EventParser,
  grants,
  WardenError,
  WardenRateLimitedError,
  WardenUnavailableError,
  WardenValidationError,
} from '../dist/index.js';
import { problemOf } from '../dist/errors.js';

function parse(chunks) {
  const events = [];
  const parser = new EventParser({ onEvent: (name, data) => events.push([name, data]) });
  for (const chunk of chunks) parser.push(chunk);
  return events;
}

test('the parser dispatches events split anywhere, skips heartbeats and joins data lines', () => {
  const text =
    ': heartbeat\n\nevent: permissions-changed\ndata: {"revision":7,"tenantId":"t"}\n\n' +
    'event: session-ended\r\ndata: {}\r\n\r\ndata: a\ndata: b\n\n: heartbeat\n\nevent: x\n\n';
  const expected = [
    ['permissions-changed', '{"revision":7,"tenantId":"t"}'],
    ['session-ended', '{}'],
    ['message', 'a\nb'],
  ];
  assert.deepEqual(parse([text]), expected);
  assert.deepEqual(parse([...text]), expected, 'one character at a time, \\r\\n split in two');
  assert.deepEqual(parse(['event: session-ended\ndata: {}\n']), [], 'not dispatched before the blank line');
});

test('wildcards grant themselves and names below them, nothing beside them', () => {
  const set = new Set(['reports.*', 'analytics:*', 'users.view']);
  assert.ok(grants(set, 'users.view'));
  assert.ok(!grants(set, 'users.manage'));
  assert.ok(grants(set, 'reports.*'));
  assert.ok(grants(set, 'reports.read'));
  assert.ok(grants(set, 'analytics:read:org'));
  assert.ok(!grants(set, 'reports'));
  assert.ok(!grants(set, 'reports:read'), 'the separator is part of the prefix');
  assert.ok(!grants(set, 'reportsx.read'));
  assert.ok(!grants(new Set(), 'users.view'));
});

test('problem+json becomes the typed exception of its status, with Retry-After', async () => {
  const problem = (status, body, headers = {}) =>
    problemOf(
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/problem+json', ...headers },
      }),
    );
  const limited = await problem(
    429,
    { type: 'about:blank', title: 'Too Many Requests', status: 429, detail: 'api limit' },
    { 'retry-after': '17', 'x-request-id': 'r-1' },
  );
  assert.ok(limited instanceof WardenRateLimitedError);
  assert.ok(limited instanceof WardenError);
  assert.equal(limited.retryAfter, 17);
  assert.equal(limited.requestId, 'r-1');
  assert.equal(limited.detail, 'api limit');

  const invalid = await problem(400, {
    type: 'about:blank',
    title: 'Bad Request',
    status: 400,
    detail: 'invalid',
    errors: [{ field: 'permission', message: 'required' }],
  });
  assert.ok(invalid instanceof WardenValidationError);
  assert.deepEqual(invalid.errors, [{ field: 'permission', message: 'required' }]);
  assert.equal(invalid.retryAfter, null);

  const html = await problemOf(new Response('<html>proxy down</html>', { status: 503 }));
  assert.ok(html instanceof WardenUnavailableError, 'a body that is not JSON still maps by status');
  assert.equal(html.status, 503);
  const teapot = await problemOf(new Response('', { status: 418 }));
  assert.equal(teapot.constructor, WardenError);
});
