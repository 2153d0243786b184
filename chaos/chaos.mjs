// make chaos: fault scenarios against the running stack (loopback only; every loop bounded in count and time).
//
// Each scenario runs a steady mixed write+read load through the gateway, records every request's outcome
// and every acknowledged write, injects a fault, recovers, then verifies that every acknowledged write is
// still there exactly once. It exits non-zero when any promise is broken.
//
//   STACK=dev node chaos/chaos.mjs            (scripts/stack.sh must have started that stack)
//   CHAOS_ONLY=postgres node chaos/chaos.mjs  (one scenario by key, or login-timing)
import { execFile } from 'node:child_process';
import { stack as stackPorts } from '../scripts/stacks.mjs';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

const exec = promisify(execFile);
const ROOT = new URL('..', import.meta.url).pathname;
const STACK = process.env.STACK || 'dev';
// Ports from scripts/stacks.json; health lives on each process's management interface.
const { ports: PORTS, management: MANAGEMENT_PORTS, url } = stackPorts(STACK);
const API = `${url('gateway')}/api`;
const NO_RESPONSE_MS = 10_000;
const WORKERS = Number(process.env.CHAOS_WORKERS || 6);
const RUN_ID = Date.now().toString(36);

// ------------------------------------------------------------------------------------------------
// HTTP with outcome accounting

async function call(stats, method, path, { token, json } = {}) {
  const headers = {};
  if (token) headers.authorization = `Token ${token}`;
  if (json !== undefined) headers['content-type'] = 'application/json';
  const at = Date.now();
  let outcome;
  let data;
  try {
    const res = await fetch(API + path, {
      method, headers, body: json === undefined ? undefined : JSON.stringify(json),
      signal: AbortSignal.timeout(NO_RESPONSE_MS),
    });
    const text = await res.text();
    outcome = res.status;
    try { data = text ? JSON.parse(text) : undefined; } catch { data = undefined; }
  } catch (err) {
    outcome = err.name === 'TimeoutError' ? 'no-response' : 'conn-error';
  }
  if (stats) stats.record(outcome, at, `${method} ${path.split('?')[0]}`);
  return { status: typeof outcome === 'number' ? outcome : 0, outcome, data };
}

class Stats {
  constructor(name) {
    this.name = name;
    this.sent = 0;
    this.outcomes = new Map();
    this.timeline = [];
    this.acked = { users: [], articles: [], comments: [], favorites: [], follows: [] };
    this.faultAt = null;
    this.violations = [];
  }

  record(outcome, at, label) {
    this.sent += 1;
    this.outcomes.set(outcome, (this.outcomes.get(outcome) ?? 0) + 1);
    this.timeline.push([at, typeof outcome === 'number' && outcome < 400, `${label} → ${outcome}`]);
  }

  /** The last failure after the fault, for the report: what still failed, and when. */
  lastFailure() {
    const failures = this.timeline.filter(([at, ok]) => at >= this.faultAt && !ok);
    const last = failures.reduce((a, b) => (b[0] > (a?.[0] ?? 0) ? b : a), null);
    return last && `${last[2]} at +${((last[0] - this.faultAt) / 1000).toFixed(1)} s`;
  }

  count(predicate) {
    let n = 0;
    for (const [outcome, c] of this.outcomes) if (predicate(outcome)) n += c;
    return n;
  }

  /** Milliseconds from the fault to the first success after the last failure (0 when nothing failed). */
  recoveryMs() {
    const after = this.timeline.filter(([at]) => at >= this.faultAt).sort((a, b) => a[0] - b[0]);
    const lastFailure = after.findLastIndex(([, ok]) => !ok);
    if (lastFailure === -1) return 0;
    const firstSuccess = after.slice(lastFailure + 1).find(([, ok]) => ok);
    return firstSuccess ? firstSuccess[0] - this.faultAt : null;
  }

  violate(message) {
    this.violations.push(message);
  }
}

// ------------------------------------------------------------------------------------------------
// Fixtures and load

let serial = 0;
const unique = (prefix) => `${prefix}${RUN_ID}${(serial += 1)}`;

async function registerUntilDone() {
  const username = unique('chaos');
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const res = await call(null, 'POST', '/users', {
      json: { user: { username, email: `${username}@chaos.test`, password: `pw-${username}` } },
    });
    if (res.status === 201) return { username, token: res.data.user.token };
    if (res.status === 422) break; // taken by an earlier attempt whose answer was lost: not ours to reuse
    await sleep(500);
  }
  throw new Error(`could not register ${username}`);
}

const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** One operation of the mix, answering its response; acknowledged writes are remembered for the verification. */
async function operation(stats, users) {
  const me = pick(users);
  const articles = stats.acked.articles;
  const roll = Math.random();
  let res = { status: 200 };
  if (roll < 0.22) {
    const title = unique('Chaos article ');
    res = await call(stats, 'POST', '/articles', {
      token: me.token, json: { article: { title, description: 'chaos', body: `body of ${title}`, tagList: ['chaos'] } },
    });
    if (res.status === 201) articles.push({ slug: res.data.article.slug, title, author: me });
  } else if (roll < 0.36 && articles.length) {
    const article = pick(articles);
    const body = unique('comment ');
    res = await call(stats, 'POST', `/articles/${article.slug}/comments`, { token: me.token, json: { comment: { body } } });
    if (res.status === 200) stats.acked.comments.push({ slug: article.slug, id: res.data.comment.id, body });
  } else if (roll < 0.46 && articles.length) {
    const article = pick(articles);
    res = await call(stats, 'POST', `/articles/${article.slug}/favorite`, { token: me.token });
    if (res.status === 200) stats.acked.favorites.push({ slug: article.slug, fan: me });
  } else if (roll < 0.54) {
    const star = pick(users.filter((u) => u !== me));
    res = await call(stats, 'POST', `/profiles/${star.username}/follow`, { token: me.token });
    if (res.status === 200) stats.acked.follows.push({ fan: me, star: star.username });
  } else if (roll < 0.56) {
    const username = unique('late');
    res = await call(stats, 'POST', '/users', {
      json: { user: { username, email: `${username}@chaos.test`, password: `pw-${username}` } },
    });
    if (res.status === 201) stats.acked.users.push(username);
  } else if (roll < 0.66) {
    res = await call(stats, 'GET', '/articles/feed?limit=10', { token: me.token });
  } else if (roll < 0.78 && articles.length) {
    res = await call(stats, 'GET', `/articles/${pick(articles).slug}`, { token: me.token });
  } else if (roll < 0.86) {
    res = await call(stats, 'GET', '/user', { token: me.token });
  } else {
    res = await call(stats, 'GET', '/articles?tag=chaos&limit=20');
  }
  return res;
}

function startLoad(stats, users, maxSeconds) {
  let running = true;
  const deadline = Date.now() + maxSeconds * 1000;
  // A steady load, as from real clients: about ten operations a second per worker, and a short back-off
  // after a failure instead of a retry storm that would starve the restarting JVM of CPU.
  const worker = async () => {
    while (running && Date.now() < deadline) {
      const res = await operation(stats, users);
      await sleep(res.status > 0 && res.status < 400 ? 100 : 250);
    }
  };
  const workers = Array.from({ length: WORKERS }, worker);
  return async () => {
    running = false;
    await Promise.all(workers);
  };
}

// ------------------------------------------------------------------------------------------------
// Fault injection

const stack = (...args) => exec('bash', [`${ROOT}scripts/stack.sh`, ...args], { env: { ...process.env, STACK }, timeout: 180_000 });
const postgres = (action) => exec('bash', ['-c', `pg_ctlcluster $(pg_lsclusters -h | awk 'NR==1 {print $1, $2}') ${action}`], { timeout: 60_000 });

async function readiness(service) {
  try {
    // Longer than the pool's 3 s acquisition timeout: with PostgreSQL down the database check takes that long.
    const res = await fetch(`http://127.0.0.1:${MANAGEMENT_PORTS[service]}/q/health/ready`, { signal: AbortSignal.timeout(5000) });
    return res.status;
  } catch {
    return 0;
  }
}

/** SIGTERM, watching readiness: it must report DOWN (503) before the listener closes. */
async function gracefulStop(stats, service) {
  const stopping = stack('kill', service, 'TERM');
  const seen = [];
  const until = Date.now() + 15_000;
  while (Date.now() < until) {
    const status = await readiness(service);
    seen.push(status);
    if (status === 0) break;
    await sleep(100);
  }
  await stopping;
  const firstDown = seen.indexOf(503);
  const closed = seen.indexOf(0);
  if (firstDown === -1 || (closed !== -1 && firstDown > closed)) {
    stats.violate(`${service}: readiness never reported DOWN before the listener closed (saw ${[...new Set(seen)]})`);
  }
}

const scenarios = [
  {
    key: 'kill-users', name: 'kill -9 users-service',
    inject: async () => { await stack('kill', 'users-service', 'KILL'); await sleep(2000); await stack('start', 'users-service'); },
  },
  {
    key: 'kill-posts', name: 'kill -9 posts-service',
    inject: async () => { await stack('kill', 'posts-service', 'KILL'); await sleep(2000); await stack('start', 'posts-service'); },
  },
  {
    key: 'sigterm', name: 'SIGTERM each service',
    inject: async (stats) => {
      for (const service of ['users-service', 'posts-service', 'gateway']) {
        await gracefulStop(stats, service);
        await stack('start', service);
        await sleep(1500);
      }
    },
  },
  {
    key: 'postgres', name: 'PostgreSQL down 10 s',
    inject: async (stats) => {
      const pids = await servicePids();
      await postgres('stop -m fast');
      await sleep(3000);
      const during = await readiness('users-service');
      if (during !== 503) stats.violate(`users-service readiness was ${during} with PostgreSQL down, expected 503`);
      await sleep(7000);
      await postgres('start');
      const until = Date.now() + 60_000;
      while (Date.now() < until && (await readiness('users-service') !== 200 || await readiness('posts-service') !== 200)) await sleep(250);
      if (JSON.stringify(await servicePids()) !== JSON.stringify(pids)) stats.violate('a service restarted during the PostgreSQL outage');
    },
  },
  {
    key: 'gateway', name: 'gateway restarted',
    inject: async (stats, users) => {
      await stack('kill', 'gateway', 'TERM');
      await stack('start', 'gateway');
      for (const user of users) {
        const res = await call(null, 'GET', '/user', { token: user.token });
        if (res.status !== 200) stats.violate(`a token issued before the restart answered ${res.outcome}`);
      }
      const httpErrors = stats.count((o) => typeof o === 'number' && o >= 500);
      if (httpErrors > 0) stats.violate(`${httpErrors} HTTP 5xx answers: clients should only see connection errors`);
    },
  },
];

async function servicePids() {
  const { stdout } = await stack('status');
  return stdout.trim();
}

// ------------------------------------------------------------------------------------------------
// Verification: every acknowledged write is there, exactly once

/**
 * A verification read: a 5xx or a connection error means "cannot tell yet" (a service may still be
 * warming up), so it is retried for up to 30 s; only a real answer counts as found or missing.
 */
async function check(path, opts) {
  let res;
  for (let attempt = 0; attempt < 30; attempt += 1) {
    res = await call(null, 'GET', path, opts);
    if (res.status > 0 && res.status < 500) return res;
    await sleep(1000);
  }
  return res;
}

async function inBatches(items, size, fn) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

async function verify(stats) {
  const missing = [];
  let duplicates = 0;
  const { articles, comments, favorites, follows, users } = stats.acked;

  await inBatches(articles, 8, async ({ slug, title }) => {
    const res = await check(`/articles/${slug}`);
    if (res.status !== 200 || res.data.article.title !== title) missing.push(`article ${slug} (${res.outcome})`);
  });
  const authors = [...new Set(articles.map((a) => a.author))];
  await inBatches(authors, 4, async (author) => {
    const titles = new Map();
    for (let offset = 0; offset < 10_000; offset += 100) {
      const res = await check(`/articles?author=${encodeURIComponent(author.username)}&limit=100&offset=${offset}`);
      if (res.status !== 200) { missing.push(`articles of ${author.username} (${res.outcome})`); return; }
      for (const a of res.data.articles) titles.set(a.title, (titles.get(a.title) ?? 0) + 1);
      if (res.data.articles.length < 100) break;
    }
    for (const n of titles.values()) if (n > 1) duplicates += n - 1;
  });
  const slugs = [...new Set(comments.map((c) => c.slug))];
  await inBatches(slugs, 8, async (slug) => {
    const res = await check(`/articles/${slug}/comments`);
    if (res.status !== 200) { missing.push(`comments of ${slug} (${res.outcome})`); return; }
    const ids = new Set(res.data.comments.map((c) => c.id));
    for (const c of comments.filter((x) => x.slug === slug)) if (!ids.has(c.id)) missing.push(`comment ${c.id}`);
    const bodies = new Map();
    for (const c of res.data.comments) bodies.set(c.body, (bodies.get(c.body) ?? 0) + 1);
    for (const n of bodies.values()) if (n > 1) duplicates += n - 1;
  });
  await inBatches(favorites, 8, async ({ slug, fan }) => {
    const res = await check(`/articles/${slug}`, { token: fan.token });
    if (res.status !== 200 || res.data.article.favorited !== true) missing.push(`favorite of ${slug}`);
  });
  await inBatches(follows, 8, async ({ fan, star }) => {
    const res = await check(`/profiles/${star}`, { token: fan.token });
    if (res.status !== 200 || res.data.profile.following !== true) missing.push(`follow of ${star}`);
  });
  await inBatches(users, 8, async (username) => {
    const res = await check(`/profiles/${username}`);
    if (res.status !== 200) missing.push(`user ${username}`);
  });
  return { missing, duplicates };
}

// ------------------------------------------------------------------------------------------------

async function runScenario(scenario, users) {
  const stats = new Stats(scenario.name);
  const stop = startLoad(stats, users, 240);
  await sleep(4000);
  stats.faultAt = Date.now();
  try {
    await scenario.inject(stats, users);
  } catch (err) {
    stats.violate(`fault injection failed: ${err.message}`);
  }
  stats.injectedMs = Date.now() - stats.faultAt;
  await sleep(5000);
  await stop();
  const { missing, duplicates } = await verify(stats);
  const acked = Object.values(stats.acked).reduce((n, list) => n + list.length, 0);
  const noResponse = stats.count((o) => o === 'no-response');
  const fiveHundreds = stats.count((o) => o === 500);
  const recovery = stats.recoveryMs();
  if (noResponse > 0) stats.violate(`${noResponse} requests got no response within ${NO_RESPONSE_MS / 1000} s`);
  if (missing.length > 0) stats.violate(`${missing.length} acknowledged writes missing: ${missing.slice(0, 5).join(', ')}`);
  if (duplicates > 0) stats.violate(`${duplicates} duplicates`);
  if (fiveHundreds > 0) stats.violate(`${fiveHundreds} answers were 500`);
  if (recovery === null) stats.violate('never recovered');
  return { stats, acked, missing: missing.length, duplicates, noResponse, recovery };
}

function errorSummary(stats) {
  return [...stats.outcomes].filter(([o]) => !(typeof o === 'number' && o < 400))
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
    .map(([o, n]) => `${o}×${n}`).join(' ') || '-';
}

/**
 * A wrong password for a known email and any password for an unknown one must cost the same (no user
 * enumeration by timing). Known-email samples alternate with a good login, which resets the throttle.
 */
async function loginTiming() {
  const user = await registerUntilDone();
  const email = `${user.username}@chaos.test`;
  const timed = async (body) => {
    const started = performance.now();
    const res = await call(null, 'POST', '/users/login', { json: { user: body } });
    return [performance.now() - started, res.status];
  };
  const known = [];
  const unknown = [];
  for (let i = 0; i < 15; i += 1) {
    const [ms, status] = await timed({ email, password: 'wrong password' });
    if (status === 401) known.push(ms);
    await timed({ email, password: `pw-${user.username}` });
    const [ums, ustatus] = await timed({ email: `nobody-${unique('x')}@chaos.test`, password: 'wrong password' });
    if (ustatus === 401) unknown.push(ums);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [k, u] = [median(known), median(unknown)];
  console.log(`\n== login timing: median ${k.toFixed(1)} ms for a wrong password of a known email, `
    + `${u.toFixed(1)} ms for an unknown email (${known.length} and ${unknown.length} samples)`);
  const ratio = Math.max(k, u) / Math.min(k, u);
  return ratio > 1.5 ? [`login timing differs by ${ratio.toFixed(2)}x between known and unknown emails`] : [];
}

async function main() {
  const gatewayUp = await readiness('gateway');
  if (gatewayUp !== 200) throw new Error(`the ${STACK} stack is not up on port ${PORTS.gateway} (make up first)`);
  const only = process.env.CHAOS_ONLY;
  const chosen = scenarios.filter((s) => !only || s.key === only);
  const rows = [];
  for (const scenario of chosen) {
    const users = [];
    for (let i = 0; i < 6; i += 1) users.push(await registerUntilDone());
    console.log(`\n== ${scenario.name}`);
    const result = await runScenario(scenario, users);
    rows.push(result);
    const { stats } = result;
    console.log(`   sent ${stats.sent}, 2xx ${stats.count((o) => typeof o === 'number' && o < 300)}, errors ${errorSummary(stats)}`);
    console.log(`   acknowledged writes ${result.acked}, missing ${result.missing}, duplicates ${result.duplicates}, `
      + `no response ${result.noResponse}, recovery ${result.recovery === null ? 'never' : `${(result.recovery / 1000).toFixed(1)} s`}`);
    console.log(`   fault and recovery actions took ${(stats.injectedMs / 1000).toFixed(1)} s; last failure: ${stats.lastFailure() ?? 'none'}`);
    for (const v of stats.violations) console.log(`   VIOLATION: ${v}`);
  }

  const header = ['scenario', 'sent', '2xx', 'errors', 'no-resp', 'acked', 'missing', 'dups', 'recovery', 'verdict'];
  const table = rows.map(({ stats, acked, missing, duplicates, noResponse, recovery }) => [
    stats.name, stats.sent, stats.count((o) => typeof o === 'number' && o < 300), errorSummary(stats), noResponse,
    acked, missing, duplicates, recovery === null ? 'never' : `${(recovery / 1000).toFixed(1)} s`,
    stats.violations.length ? 'FAIL' : 'ok',
  ].map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  if (rows.length) {
    console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
    for (const row of table) console.log(line(row));
  }
  const timing = !only || only === 'login-timing';
  const timingViolations = timing ? await loginTiming() : [];
  for (const v of timingViolations) console.log(`   VIOLATION: ${v}`);
  const failed = rows.filter((r) => r.stats.violations.length).length + (timingViolations.length ? 1 : 0);
  const total = rows.length + (timing ? 1 : 0);
  console.log(`\n${total - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main().catch((err) => {
  console.error(`chaos: ${err.message}`);
  process.exit(2);
});
