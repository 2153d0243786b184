// Fuzz stage (issue 13): hostile requests for every public operation of the gateway's OpenAPI document,
// sent through the gateway and directly to the service that owns the path, without and with a valid
// token. Every response must be below 500; every 4xx must be application/json in the contract's error
// shape; no body may carry Java class names, SQL or stack frames. Afterwards every health root must
// answer /q/health/ready 200 and GET /api/articles?author=<real user> must still answer 200 with that
// user's article (no circuit breaker opened by the caller's input).
//
//   node tests/stack/fuzz.mjs      (exit 0: no failure; 1: failures, listed; 2: could not set up)
//
// Env: FUZZ_GATEWAY_URL, FUZZ_USERS_URL, FUZZ_POSTS_URL (public roots), FUZZ_HEALTH_URLS (comma-separated
// management roots), FUZZ_CONCURRENCY (default 8), FUZZ_TIMEOUT_MS (per request, default 15000),
// FUZZ_DEADLINE_S (requests not sent by then count as failures, default 100),
// FUZZ_REPORT (optional file: every failing request as JSON).
// Plain Node 20, no dependencies; requests go over raw sockets (./fuzz-http.mjs) so that NUL, dot
// segments, broken percent-encoding and duplicate headers reach the servers unchanged.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { rawRequest } from './fuzz-http.mjs';
import { DEEP_OBJECTS, STRINGS, WRONG_TYPES } from './fuzz-corpus.mjs';

const strip = (u) => u.replace(/\/+$/, '');
const GATEWAY = strip(process.env.FUZZ_GATEWAY_URL || 'http://127.0.0.1:8080');
const SERVICES = {
  users: strip(process.env.FUZZ_USERS_URL || 'http://127.0.0.1:8081'),
  posts: strip(process.env.FUZZ_POSTS_URL || 'http://127.0.0.1:8082'),
};
const HEALTH = (process.env.FUZZ_HEALTH_URLS || 'http://127.0.0.1:9000,http://127.0.0.1:9001,http://127.0.0.1:9002')
  .split(',').map((s) => strip(s.trim())).filter(Boolean);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY || 8);
const TIMEOUT_MS = Number(process.env.FUZZ_TIMEOUT_MS || 15_000);
const DEADLINE_MS = Number(process.env.FUZZ_DEADLINE_S || 100) * 1000; // for the requests, from the start
const MAX_LISTED = 50;
const SENTINEL_EVERY = 150;
const ONE_MIB = 1024 * 1024;
const RUN = randomBytes(4).toString('hex');
let serial = 0;
const unique = (prefix) => `${prefix}${RUN}${(serial++).toString(36)}`;

/** Which service serves a public path besides the gateway (registration and login exist only at the gateway). */
function owner(path) {
  if (/^\/api\/users(\/|$)/.test(path)) return undefined;
  if (/^\/api\/(user|profiles)(\/|$)/.test(path)) return 'users';
  if (/^\/api\/(articles|tags)(\/|$)/.test(path)) return 'posts';
  return undefined;
}

// ------------------------------------------------------------------------------------------------
// Checks applied to every response

const LEAKS = [
  [/\b(?:java|jakarta|javax|org|io|com)\.[a-z]+\.[A-Za-z.]+/, 'Java class name'],
  [/Exception|Throwable/, 'exception name'],
  [/\tat |\bat [\w$]+(?:\.[\w$<>]+)+\(|\.java:\d*/, 'stack frame'],
  [/SELECT [\w*., "()]+ FROM|INSERT INTO|syntax error at|violates [\w -]*constraint|SQLSTATE|duplicate key value|PSQLException|JDBC/, 'SQL'],
];

function isErrorShape(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    return false;
  }
  const errors = data?.errors;
  if (!errors || typeof errors !== 'object' || Array.isArray(errors)) return false;
  const entries = Object.entries(errors);
  return entries.length > 0 && entries.every(([, v]) => Array.isArray(v) && v.length > 0
    && v.every((m) => typeof m === 'string' && m.length > 0));
}

/** Every reason this response breaks the contract (empty when it is fine). */
function problems(c, res) {
  if (res.error && !res.status) return [res.error];
  const out = [];
  if (res.error) out.push(res.error);
  if (res.status >= 500) out.push('status >= 500');
  if (c.codecLevel && res.status === 400 && !res.body) {
    // Refused by the HTTP codec before any application code runs (Quarkus offers no hook there): a bare 400
    // is the one answer allowed for such a request.
  } else if (res.status >= 400) {
    const type = res.headers['content-type'] || '';
    if (!res.body) out.push(`${res.status} with an empty body${type ? '' : ' and no Content-Type'}`);
    else if (!isErrorShape(res.body)) out.push(`${res.status} body is not {"errors":{"k":["msg"]}}`);
    if ((res.body || type) && !/^application\/json\b/i.test(type)) out.push(`${res.status} without Content-Type application/json (${type || 'none'})`);
  }
  for (const [pattern, what] of LEAKS) if (pattern.test(res.body || '')) out.push(`body leaks ${what}`);
  if (c.expectStatus && res.status !== c.expectStatus) out.push(`expected ${c.expectStatus} (${c.expectWhy})`);
  else if (c.expectSlug && !(res.body || '').includes(`"slug":"${c.expectSlug}"`)) out.push(`article ${c.expectSlug} missing`);
  if (c.wellFormed && res.status === 400) out.push('400 for well-formed JSON (a wrong type or value is 422 on its field)');
  return out;
}

// ------------------------------------------------------------------------------------------------
// OpenAPI document: operations, parameters, request body slots

function resolve(doc, node, seen = 0) {
  if (!node || typeof node !== 'object' || !node.$ref || seen > 20) return node;
  const parts = node.$ref.replace(/^#\//, '').split('/').map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  return resolve(doc, parts.reduce((n, p) => n?.[p], doc), seen + 1);
}

/** Flattens a schema into the slots the fuzzer replaces: [{path:['user','email'], type:'string'|'array'|'object'}]. */
function bodySlots(doc, schema, path = [], depth = 0, out = []) {
  schema = resolve(doc, schema);
  if (!schema || depth > 6) return out;
  if (schema.allOf) {
    const merged = { type: 'object', properties: {} };
    for (const part of schema.allOf) Object.assign(merged.properties, resolve(doc, part)?.properties || {});
    return bodySlots(doc, merged, path, depth, out);
  }
  if (schema.oneOf || schema.anyOf) return bodySlots(doc, (schema.oneOf || schema.anyOf)[0], path, depth, out);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'string') out.push({ path, type: 'string' });
  else if (type === 'array') {
    out.push({ path, type: 'array' });
    const items = resolve(doc, schema.items);
    if (items?.type === 'string') out.push({ path: [...path, 0], type: 'string' });
  } else if (type === 'object' || schema.properties) {
    if (path.length > 0) out.push({ path, type: 'object' });
    for (const [name, prop] of Object.entries(schema.properties || {})) bodySlots(doc, prop, [...path, name], depth + 1, out);
  }
  return out;
}

function operations(doc) {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const method of ['get', 'post', 'put', 'delete', 'patch']) {
      const op = item[method];
      if (!op) continue;
      const params = [...(item.parameters || []), ...(op.parameters || [])].map((p) => resolve(doc, p));
      const body = resolve(doc, op.requestBody);
      const schema = body?.content?.['application/json']?.schema || Object.values(body?.content || {})[0]?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: params.filter((p) => p.in === 'query').map((p) => p.name),
        slots: schema ? bodySlots(doc, schema) : [],
        secured: (op.security ?? doc.security ?? []).some((s) => Object.keys(s).length > 0),
      });
    }
  }
  return ops;
}

// ------------------------------------------------------------------------------------------------
// Fixtures: three fresh users, baseline articles and a comment, created through the gateway

async function api(method, path, body, token) {
  const res = await fetch(`${GATEWAY}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Token ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  let data;
  try {
    data = JSON.parse(text);
  } catch { /* not JSON */ }
  return { status: res.status, text, data };
}

async function must(what, promise, status) {
  const res = await promise;
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${res.text.slice(0, 200)}`);
  return res.data;
}

async function signUp(label) {
  const username = unique(`fuzz${label}`);
  const password = `Fuzz-${RUN}-secret`;
  const email = `${username}@fuzz.test`;
  const { user } = await must(`POST /api/users (${label})`, api('POST', '/api/users', { user: { username, email, password } }), 201);
  return { username, email, password, token: user.token };
}

const newArticle = (token, title) => must(`POST /api/articles (${title})`,
  api('POST', '/api/articles', { article: { title: `${title} ${RUN}`, description: 'fuzz baseline', body: 'fuzz baseline body', tagList: ['fuzz'] } }, token),
  201).then((d) => d.article.slug);

async function fixtures() {
  const [u, v, w] = [await signUp('u'), await signUp('v'), await signUp('w')];
  const article = await newArticle(u.token, 'Fuzz baseline');
  const disposable = await newArticle(w.token, 'Fuzz disposable');
  const editable = await newArticle(w.token, 'Fuzz editable');
  // U's comment sits on W's article: DELETE …/comments/.. resolves (dot segments) to DELETE of that
  // article, which must then be someone else's.
  const commented = await newArticle(w.token, 'Fuzz commented');
  const { comment } = await must('POST comment', api('POST', `/api/articles/${commented}/comments`, { comment: { body: 'fuzz comment' } }, u.token), 200);
  return { u, v, w, article, disposable, editable, commented, commentId: String(comment.id) };
}

// ------------------------------------------------------------------------------------------------
// Cases

/**
 * The actor and baseline values of one operation, chosen so that fuzzing can neither rename the user
 * whose article is checked at the end nor bury that article under others: U owns the baseline article
 * and comment and nothing else; W absorbs PUT /api/user and owns every article that POST, PUT and
 * DELETE /api/articles create, retitle or delete; V is the profile looked at and followed and the
 * account logged in to.
 */
function baseline(op, fx) {
  const articleWrite = /^\/api\/articles(\/\{slug\})?$/.test(op.path) && op.method !== 'GET';
  const token = (op.method === 'PUT' && op.path === '/api/user') || articleWrite ? fx.w.token : fx.u.token;
  const slug = op.path === '/api/articles/{slug}' && op.method === 'DELETE' ? fx.disposable
    : op.path === '/api/articles/{slug}' && op.method === 'PUT' ? fx.editable
      : op.pathParams.includes('id') ? fx.commented : fx.article;
  const pathValue = { username: fx.v.username, slug, id: fx.commentId };
  const login = op.path === '/api/users/login';
  const field = (name) => {
    const unique1 = unique('fz');
    switch (name) {
      case 'username': return unique1;
      case 'email': return login ? fx.v.email : `${unique1}@fuzz.test`;
      case 'password': return login ? fx.v.password : `Fuzz-${RUN}-secret`;
      case 'image': return 'https://example.com/fuzz.png';
      case 'title': return `Fuzz ${unique1}`;
      case 'tagList': return ['fuzz'];
      default: return `fuzz ${name}`;
    }
  };
  return { token, pathValue, field };
}

const SENTINEL = '\u0001FUZZ\u0001';

/**
 * The JSON body of op with the slot at `slotPath` replaced by the raw JSON text `raw` (undefined: the
 * plain baseline). POSTs carry every field; PUTs (partial updates) only the fuzzed one, so that a valid
 * value changes nothing else (no new password to hash, no new title, hence no new slug, by accident).
 */
function jsonBody(op, base, slotPath, raw) {
  const partial = op.method === 'PUT';
  const root = {};
  for (const slot of op.slots) {
    if (slot.type === 'object' || typeof slot.path.at(-1) === 'number') continue;
    const name = slot.path.at(-1);
    const keep = !partial || (slotPath ? slotPath.length > 1 && slotPath[1] === name
      : ['bio', 'description', 'body'].includes(name));
    if (!keep) continue;
    let node = root;
    for (const key of slot.path.slice(0, -1)) node = node[key] ??= {};
    node[name] = base.field(name);
  }
  if (partial && !slotPath && Object.keys(root).length === 0 && op.slots[0]) root[op.slots[0].path[0]] = {};
  if (slotPath) {
    let node = root;
    for (const key of slotPath.slice(0, -1)) node = node[key] ??= typeof key === 'number' ? [] : {};
    node[slotPath.at(-1)] = SENTINEL;
  }
  let text = JSON.stringify(root);
  if (slotPath) text = text.replace(JSON.stringify(SENTINEL), () => raw);
  return Buffer.from(text, 'utf8');
}

function urlOf(op, base, overrides = {}, query = '') {
  let path = op.path;
  for (const name of op.pathParams) {
    path = path.replace(`{${name}}`, () => overrides[name] ?? encodeURIComponent(base.pathValue[name] ?? 'x'));
  }
  return path + query;
}

function buildCases(ops, fx) {
  const cases = [];
  const authVariants = (base) => [['no token', undefined], ['token', base.token]];
  const add = (op, c) => {
    const targets = [['gateway', GATEWAY]];
    const svc = owner(op.path);
    if (svc) targets.push([svc, SERVICES[svc]]);
    for (const [via, origin] of targets) {
      cases.push({ ...c, op, via, origin });
    }
  };
  const jsonHeaders = (token) => [['Accept', 'application/json'], ...(token ? [['Authorization', `Token ${token}`]] : [])];

  for (const op of ops) {
    const base = baseline(op, fx);
    const hasBody = op.slots.length > 0;
    const plainBody = hasBody ? jsonBody(op, base) : undefined;
    const withBody = (token, body = plainBody, type = 'application/json') => ({
      headers: [...jsonHeaders(token), ...(body ? [['Content-Type', type]] : [])],
      body,
    });

    for (const [auth, token] of authVariants(base)) {
      // Path parameters
      for (const name of op.pathParams) {
        for (const v of STRINGS) {
          add(op, { slot: `path ${name}`, value: v.name, auth, method: op.method, target: urlOf(op, base, { [name]: v.url }), ...withBody(token) });
        }
      }
      // Query parameters (one at a time, the others absent)
      for (const name of op.queryParams) {
        for (const v of STRINGS) {
          add(op, { slot: `query ${name}`, value: v.name, auth, method: op.method, target: urlOf(op, base, {}, `?${name}=${v.url}`), ...withBody(token) });
        }
      }
      // JSON body fields: strings get the string corpus and wrong types; arrays and objects wrong types
      for (const slot of op.slots) {
        const values = [
          ...(slot.type === 'string' ? STRINGS.filter((v) => v.json !== undefined).map((v) => ({ name: v.name, raw: JSON.stringify(v.json) })) : []),
          ...WRONG_TYPES[slot.type],
        ];
        const label = slot.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('').slice(1);
        for (const v of values) {
          const c = { slot: `body ${label}`, value: v.name, auth, method: op.method, target: urlOf(op, base),
            ...withBody(token, jsonBody(op, base, slot.path, v.raw)), wellFormed: !v.parserLimit };
          if (token && op.method === 'PUT' && op.pathParams.includes('slug') && slot.path.at(-1) === 'title') {
            c.freshArticle = token; // may retitle: fuzz a new article each time, not the shared one
          }
          add(op, c);
        }
      }
      // Whole-request oddities sent with and without the token
      const odd = (value, extra) => add(op, { slot: 'request', value, auth, method: op.method, target: urlOf(op, base), ...withBody(token), ...extra });
      odd('malformed JSON body', withBody(token, Buffer.from('{"user": {"email": "a@b.c",,'), 'application/json'));
      odd('empty body with JSON Content-Type', withBody(token, Buffer.alloc(0), 'application/json'));
      odd('invalid UTF-8 in JSON body', withBody(token, Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xed, 0xa0, 0x80, 0xff]), Buffer.from('"}')]), 'application/json'));
      odd('2000 nested objects as body', withBody(token, Buffer.from(DEEP_OBJECTS), 'application/json'));
      if (hasBody) {
        odd('wrong Content-Type (text/plain)', withBody(token, plainBody, 'text/plain'));
        odd('wrong Content-Type (form)', withBody(token, plainBody, 'application/x-www-form-urlencoded'));
      }
      odd('5000-char query string', { target: urlOf(op, base, {}, `?q=${'q'.repeat(5_000)}`) });
      if (hasBody || op.method === 'POST') {
        const big = Buffer.from(`{"x":"${'a'.repeat(ONE_MIB + 16)}"}`);
        odd('chunked body over 1 MiB', { ...withBody(token, big), chunked: true });
        odd('Content-Length body over 1 MiB', withBody(token, big));
      }
    }
    // Header oddities, once each (they are about the token itself)
    const once = (value, headers, extra = {}) => add(op, { slot: 'request', value, auth: 'header', method: op.method, target: urlOf(op, base), headers, body: plainBody, ...extra });
    const ct = plainBody ? [['Content-Type', 'application/json']] : [];
    once('two Authorization headers', [['Accept', 'application/json'], ['Authorization', `Token ${base.token}`], ['Authorization', `Token ${fx.v.token}`], ...ct],
      op.secured ? { expectGateway401: true } : {});
    once('100 KB Authorization header', [['Accept', 'application/json'], ['Authorization', `Token ${'a'.repeat(100 * 1024)}`], ...ct]);
    once('NUL in Authorization header', [['Accept', 'application/json'], ['Authorization', `Token ${base.token.slice(0, 20)}\u0000${base.token.slice(20)}`], ...ct],
      { codecLevel: true });
    once('garbage token', [['Accept', 'application/json'], ['Authorization', 'Token not.a.jwt'], ...ct]);
  }
  for (const c of cases) {
    if (c.expectGateway401 && c.via === 'gateway') {
      c.expectStatus = 401;
      c.expectWhy = 'two Authorization headers are a 401';
    }
  }
  // A normal author query every SENTINEL_EVERY requests: a breaker that hostile input opened shows up
  // while it is open, not only if it happens to still be open at the end.
  const sentinel = {
    op: { method: 'GET', path: '/api/articles' }, via: 'gateway', origin: GATEWAY, slot: 'sentinel', value: 'GET /api/articles?author=<real user>',
    auth: 'no token', method: 'GET', target: `/api/articles?author=${encodeURIComponent(fx.u.username)}`, headers: [['Accept', 'application/json']],
    expectStatus: 200, expectWhy: 'a real author\'s articles; a breaker opened by hostile input?', expectSlug: fx.article,
  };
  const out = [];
  cases.forEach((c, i) => {
    if (i % SENTINEL_EVERY === 0) out.push(sentinel);
    out.push(c);
  });
  out.push(sentinel);
  return out;
}

// ------------------------------------------------------------------------------------------------
// Running

async function pool(items, limit, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  });
  await Promise.all(workers);
}

function short(s, n) {
  return s.length <= n ? s : `${s.slice(0, n - 20)}…(${s.length} chars)`;
}

async function main() {
  const started = Date.now();
  let doc;
  try {
    const res = await fetch(`${GATEWAY}/api/openapi`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    if (res.status !== 200) throw new Error(`GET ${GATEWAY}/api/openapi answered ${res.status}`);
    doc = await res.json();
  } catch (err) {
    console.error(`fuzz: cannot read the OpenAPI document: ${err.message}`);
    process.exit(2);
  }
  const ops = operations(doc);
  if (ops.length === 0) {
    console.error('fuzz: the OpenAPI document lists no operation');
    process.exit(2);
  }
  let fx;
  try {
    fx = await fixtures();
  } catch (err) {
    console.error(`fuzz: cannot create the baseline users, articles and comment: ${err.message}`);
    process.exit(2);
  }

  const cases = buildCases(ops, fx);
  const statusCounts = new Map();
  const failures = [];
  const created = []; // [slug, token] of articles the fuzzing created or retitled, deleted at the end
  let over500 = 0;
  let unsent = 0;

  await pool(cases, CONCURRENCY, async (c) => {
    if (Date.now() - started > DEADLINE_MS) {
      unsent++;
      return;
    }
    let target = c.target;
    if (c.freshArticle) {
      try {
        const slug = await newArticle(c.freshArticle, 'Fuzz retitle');
        created.push([slug, c.freshArticle]);
        target = target.replace(encodeURIComponent(fx.editable), slug);
      } catch (err) {
        failures.push({ c, status: undefined, reasons: [`setup: ${err.message}`], body: '' });
        return;
      }
    }
    const res = await rawRequest(c.origin, { method: c.method, target, headers: c.headers, body: c.body, chunked: c.chunked, timeoutMs: TIMEOUT_MS });
    const key = res.status ? String(res.status) : 'no-response';
    statusCounts.set(key, (statusCounts.get(key) || 0) + 1);
    if (res.status >= 500) over500++;
    const reasons = problems(c, res);
    if (reasons.length) failures.push({ c, target, status: res.status, reasons, body: res.body || '' });
    if (res.status >= 200 && res.status < 300 && c.op.path.startsWith('/api/articles') && /^(POST|PUT)$/.test(c.method)) {
      try {
        const slug = JSON.parse(res.body)?.article?.slug;
        const token = c.headers.find(([h]) => h === 'Authorization')?.[1]?.slice('Token '.length);
        if (slug && token) created.push([slug, token]);
      } catch { /* not an article */ }
    }
  });

  // Afterwards: the services are healthy and nothing the fuzzing did opened a breaker.
  const after = [];
  for (const root of HEALTH) {
    try {
      const res = await fetch(`${root}/q/health/ready`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (res.status !== 200) after.push(`${root}/q/health/ready answered ${res.status}: ${short(await res.text(), 200)}`);
    } catch (err) {
      after.push(`${root}/q/health/ready: ${err.cause?.code || err.message}`);
    }
  }
  try {
    const res = await api('GET', `/api/articles?author=${encodeURIComponent(fx.u.username)}`);
    const slugs = (res.data?.articles || []).map((a) => a.slug);
    if (res.status !== 200) after.push(`GET /api/articles?author=${fx.u.username} answered ${res.status} (breaker open?): ${short(res.text, 200)}`);
    else if (!slugs.includes(fx.article)) after.push(`GET /api/articles?author=${fx.u.username} lacks ${fx.article}: ${short(res.text, 200)}`);
  } catch (err) {
    after.push(`GET /api/articles?author=${fx.u.username}: ${err.message}`);
  }

  // Tidy up the articles (and with them the comments) so that later stages see a normal global feed.
  const leftovers = [];
  const mine = [[fx.article, fx.u.token], [fx.disposable, fx.w.token], [fx.editable, fx.w.token], [fx.commented, fx.w.token], ...created];
  await pool([...new Map(mine.map((e) => [e[0], e])).values()], CONCURRENCY, async ([slug, token]) => {
    try {
      const res = await api('DELETE', `/api/articles/${encodeURIComponent(slug)}`, undefined, token);
      if (res.status !== 204 && res.status !== 404) leftovers.push(`${slug}: ${res.status}`);
    } catch (err) {
      leftovers.push(`${slug}: ${err.message}`);
    }
  });

  // Report
  const sent = [...statusCounts.values()].reduce((a, b) => a + b, 0);
  const perStatus = [...statusCounts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}=${n}`).join(' ');
  console.log(`fuzz: ${sent} requests, ${perStatus}, ${over500} with status >= 500`);
  console.log(`fuzz: ${ops.length} operations, ${failures.length} failing requests, ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // One line per class of failure (same input, status and reasons), 5xx first, so that 50 lines show
  // every class; each names one request of its class, how many requests and where else it happened.
  const classes = new Map();
  for (const f of failures) {
    const input = f.c.slot === 'request' ? f.c.value : `${f.c.slot.split(' ')[0]} ${f.c.value}`;
    const key = [input, f.status ?? '-', f.reasons.join('; ')].join('|');
    if (!classes.has(key)) classes.set(key, { f, n: 0, vias: new Set(), ops: new Set() });
    const k = classes.get(key);
    k.n++;
    k.vias.add(f.c.via);
    k.ops.add(`${f.c.method} ${f.c.op.path}`);
  }
  const worst = [...classes.values()].sort((a, b) => ((b.f.status ?? 999) >= 500) - ((a.f.status ?? 999) >= 500) || b.n - a.n);
  for (const { f, n, vias, ops: where } of worst.slice(0, MAX_LISTED)) {
    const url = `${f.c.origin}${short(f.target ?? f.c.target, 80)}`;
    const body = JSON.stringify(short(f.body.replace(/\s+/g, ' '), 200));
    const more = n > 1 ? ` [×${n}: ${where.size} operations, via ${[...vias].join('+')}]` : '';
    console.log(`FAIL ${f.c.method} ${url} (${f.c.slot} = ${f.c.value}, ${f.c.auth}) → ${f.status ?? '-'}: ${f.reasons.join('; ')}${more}; body ${body}`);
  }
  if (worst.length > MAX_LISTED) console.log(`… ${worst.length - MAX_LISTED} more classes of failure not listed`);
  if (process.env.FUZZ_REPORT) {
    writeFileSync(process.env.FUZZ_REPORT, JSON.stringify(failures.map((f) => ({
      via: f.c.via, method: f.c.method, operation: f.c.op.path, url: f.c.origin + (f.target ?? f.c.target).slice(0, 300),
      slot: f.c.slot, value: f.c.value, auth: f.c.auth, status: f.status, reasons: f.reasons, body: f.body.slice(0, 500),
    })), null, 1));
    console.log(`fuzz: every failing request written to ${process.env.FUZZ_REPORT}`);
  }
  if (unsent) after.unshift(`${unsent} requests not sent: the run passed its ${DEADLINE_MS / 1000} s deadline`);
  for (const a of after) console.log(`FAIL after fuzzing: ${a}`);
  if (leftovers.length) console.log(`fuzz: note: ${leftovers.length} fuzz articles could not be deleted: ${leftovers.slice(0, 5).join(', ')}`);
  process.exit(failures.length || after.length ? 1 : 0);
}

main().catch((err) => {
  console.error(`fuzz: ${err.stack || err}`);
  process.exit(2);
});
