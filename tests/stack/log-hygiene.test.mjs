// No credentials in the logs: after the conformance suite has run through the stack (hundreds of tokens
// and passwords), the service logs in LOG_DIR hold no JWT, no Authorization header and none of the
// credentials this test itself sends. Run last by scripts/conformance.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const API = (process.env.CONDUIT_URL || 'http://127.0.0.1:8080/api').replace(/\/+$/, '');
const LOG_DIR = process.env.LOG_DIR;
const JWT = /eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]+/;

const call = (method, path, body, token) => fetch(`${API}${path}`, {
  method,
  headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
  body: body && JSON.stringify(body),
});

test('service logs carry no tokens, Authorization headers or passwords', { skip: !LOG_DIR && 'LOG_DIR not set' }, async () => {
  const name = `hygiene${Date.now()}`;
  const password = `pw-${name}-Secret!`;
  const registered = await call('POST', '/users', { user: { username: name, email: `${name}@conduit.test`, password } });
  assert.equal(registered.status, 201);
  const { user } = await registered.json();
  await call('POST', '/users/login', { user: { email: `${name}@conduit.test`, password: `${password}-wrong` } });
  await call('GET', '/user', undefined, user.token);
  await call('PUT', '/user', { user: { password: `${password}-2` } }, user.token);
  await call('GET', '/articles/feed', undefined, user.token);
  await call('GET', '/user', undefined, `${user.token}x`);

  const logs = readdirSync(LOG_DIR).filter((f) => f.endsWith('.log'));
  assert.ok(logs.length >= 2, `expected service logs in ${LOG_DIR}`);
  let lines = 0;
  for (const file of logs) {
    const text = readFileSync(join(LOG_DIR, file), 'utf8');
    lines += text.split('\n').length;
    assert.ok(!JWT.test(text), `${file} contains a JWT: ${text.match(JWT)?.[0].slice(0, 40)}…`);
    assert.ok(!text.includes(password), `${file} contains a password`);
    assert.ok(!/authorization:\s*(token|bearer)/i.test(text), `${file} contains an Authorization header`);
  }
  assert.ok(lines > 50, `the logs are suspiciously short (${lines} lines): is access logging on?`);
});
