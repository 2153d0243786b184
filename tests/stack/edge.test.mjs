// The public edge of the packaged stack started by scripts/stack.sh: health, metrics and OpenAPI only on
// each process's management port (public port + 920, loopback), 404 JSON for /q/* on every public port,
// users-service's /internal refusing callers without the internal token, and users-service and
// posts-service (and every management port) unreachable on the machine's non-loopback addresses.
// Runs against the started stack STACK (test in make test; ports from scripts/stacks.json) with INTERNAL_TOKEN_FILE,
// both set by scripts/conformance.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';

import { MANAGEMENT_OFFSET, stack } from '../../scripts/stacks.mjs';

const PROCESSES = stack(process.env.STACK || 'dev').ports;
const TOKEN_FILE = process.env.INTERNAL_TOKEN_FILE || new URL('../../.dev-keys/internal-token', import.meta.url).pathname;
const TOKEN_HEADER = 'X-Conduit-Internal-Token';

async function get(port, path, headers = {}, host = '127.0.0.1') {
  const res = await fetch(`http://${host}:${port}${path}`, { headers, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return { status: res.status, type: res.headers.get('content-type') || '', text, json };
}

/** The contract's error shape: {"errors": {"<key>": ["<message>", ...]}, ...}. */
function assertErrorShape(res, where) {
  assert.match(res.type, /^application\/json/, `${where}: Content-Type ${res.type}`);
  assert.ok(res.json && typeof res.json.errors === 'object' && !Array.isArray(res.json.errors), `${where}: ${res.text.slice(0, 200)}`);
  for (const [key, messages] of Object.entries(res.json.errors)) {
    assert.ok(Array.isArray(messages) && messages.every((m) => typeof m === 'string'), `${where}: errors.${key}`);
  }
}

for (const [name, port] of Object.entries(PROCESSES)) {
  test(`${name}: the public port ${port} answers 404 JSON for /q/*`, async () => {
    for (const path of ['/q/health', '/q/health/ready', '/q/health/live', '/q/metrics', '/q/openapi', '/q/openapi?format=json']) {
      const res = await get(port, path);
      assert.equal(res.status, 404, `GET :${port}${path} answered ${res.status}`);
      assertErrorShape(res, `GET :${port}${path}`);
    }
  });

  test(`${name}: the management port ${port + MANAGEMENT_OFFSET} answers health and metrics`, async () => {
    const management = port + MANAGEMENT_OFFSET;
    for (const probe of ['ready', 'live', 'started']) {
      const res = await get(management, `/q/health/${probe}`);
      assert.equal(res.status, 200, `GET :${management}/q/health/${probe} answered ${res.status} ${res.text.slice(0, 200)}`);
      assert.equal(res.json?.status, 'UP');
    }
    const metrics = await get(management, '/q/metrics');
    assert.equal(metrics.status, 200);
    assert.match(metrics.text, /^jvm_memory_used_bytes/m);
    if (name !== 'gateway') {
      const openapi = await get(management, '/q/openapi?format=json');
      assert.equal(openapi.status, 200);
      assert.ok(Object.keys(openapi.json?.paths ?? {}).some((p) => p.startsWith('/api/')), 'no /api path in its OpenAPI document');
    }
  });
}

test('users-service /internal answers 401 JSON without the internal token, and serves the right one', async () => {
  const users = PROCESSES['users-service'];
  const path = '/internal/profiles?ids=1';
  for (const headers of [{}, { [TOKEN_HEADER]: '' }, { [TOKEN_HEADER]: 'not-the-token' }]) {
    const res = await get(users, path, headers);
    assert.equal(res.status, 401, `GET :${users}${path} with ${JSON.stringify(headers)} answered ${res.status} ${res.text.slice(0, 200)}`);
    assertErrorShape(res, `GET :${users}${path}`);
    assert.deepEqual(res.json.errors, { caller: ['is not allowed'] });
  }
  // The check can fail: with the token the stack was started with, the same call is served.
  const token = readFileSync(TOKEN_FILE, 'utf8').trim();
  const served = await get(users, path, { [TOKEN_HEADER]: token });
  assert.equal(served.status, 200, `with the internal token: ${served.status} ${served.text.slice(0, 200)}`);
});

/** Whether a TCP connection to host:port opens within a few seconds. */
function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

const external = Object.values(networkInterfaces()).flat()
  .filter((a) => a && !a.internal && (a.family === 'IPv4' || a.family === 4 || (!a.address.startsWith('fe80') && !a.scopeid)))
  .map((a) => a.address);

test('only the gateway\'s public port is reachable on the machine\'s other addresses', {
  skip: external.length === 0 && 'this machine has no non-loopback address',
}, async () => {
  for (const address of external) {
    // The check can fail: the gateway listens on every interface, so this address does reach this machine.
    assert.equal(await reachable(address, PROCESSES.gateway), true, `the gateway is not reachable on ${address}:${PROCESSES.gateway}`);
    const closed = [PROCESSES['users-service'], PROCESSES['posts-service'],
      ...Object.values(PROCESSES).map((p) => p + MANAGEMENT_OFFSET)];
    for (const port of closed) {
      assert.equal(await reachable(address, port), false, `port ${port} is reachable on ${address}`);
    }
  }
});
