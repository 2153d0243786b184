// The gateway's combined OpenAPI document (GET /api/openapi) lists every public endpoint of the contract
// and no /internal path. Runs against the started stack: CONDUIT_URL and CONTRACT_MD are set by
// scripts/conformance.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const API = (process.env.CONDUIT_URL || 'http://127.0.0.1:8080/api').replace(/\/+$/, '');
const CONTRACT = process.env.CONTRACT_MD || new URL('../../../shared/api/CONTRACT.md', import.meta.url).pathname;

/**
 * Every "| n | `METHOD /path` |" row of the contract's endpoint table (numbered 1 to 19; the status-code
 * table's "| 201 | `POST /users`" rows are not endpoints), as [method, "/api/path"].
 */
function contractEndpoints() {
  const rows = readFileSync(CONTRACT, 'utf8').matchAll(/^\|\s*\d{1,2}\s*\|\s*`(GET|POST|PUT|DELETE) ([^`]+)`/gm);
  return [...rows].map(([, method, path]) => [method.toLowerCase(), `/api${path}`]);
}

test('the contract lists the 19 Conduit endpoints', () => {
  assert.equal(contractEndpoints().length, 19);
});

test('GET /api/openapi documents every public endpoint and no internal one', async () => {
  const res = await fetch(`${API}/openapi`);
  assert.equal(res.status, 200);
  const doc = await res.json();
  assert.equal(doc['x-unavailable'], undefined, `services missing from the document: ${doc['x-unavailable']}`);
  const missing = contractEndpoints().filter(([method, path]) => !doc.paths?.[path]?.[method]);
  assert.deepEqual(missing, [], 'endpoints of the contract missing from /api/openapi');
  const internal = Object.keys(doc.paths).filter((p) => p.includes('/internal'));
  assert.deepEqual(internal, [], 'internal paths must not be published');
});
