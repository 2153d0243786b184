// The restore drill (issue 20): a backup is only a backup once it has been restored. Against the running
// packaged stack (STACK=test in make test, through the gateway):
//   1. writes users, follows, articles with tags (one body full of awkward bytes), favorites and comments;
//   2. records what the API shows: every article and its comments (as a reader who favorites), the lists by
//      author, tag and favoriter, the feed, the tag list (counters), articlesCount, the profiles' follow state, the
//      users themselves;
//   3. backs up with scripts/backup.sh create (into a scratch directory);
//   4. writes more and deletes some: a new user, a new article with a new tag, an unfollow, an unfavorite, a
//      deleted article (with its comments and favorites), a deleted comment, a changed bio and password;
//   5. checks that restore without FORCE=1 refuses and changes nothing, then restores with FORCE=1 (which stops
//      the services, restores, checks the manifest and the cross-database ids, and starts the services again);
//   6. expects through the API exactly the state of step 2, the body byte for byte, the new user unknown, and
//      login with the password of the backup working (the newer one refused).
// Prints one summary line with counts and times. Exits 1 on the first difference.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { stack } from '../../scripts/stacks.mjs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = new URL('../..', import.meta.url).pathname;
const STACK = process.env.STACK || 'test';
const API = process.env.CONDUIT_URL || `${stack(STACK).url('gateway')}/api`;
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const PASSWORD = (who) => `drill-${who}-${run}-password`;
// CRLF and LF, a tab, backslashes, quotes, a lone "\.", combining and astral characters, trailing spaces.
const BODY = `# Backup drill ${run}\r\nLine two\twith a tab, a backslash \\ and "quotes" and 'apostrophes'.\n`
  + '\\.\nCOPY-ish line: \\N is not null\n'
  + 'ünïcödé, 日本語, e\u0301 (combining), 🎉🐘 (astral), zero\u200bwidth\n\n```\ncode {}\n```\n   ';

async function call(method, path, { body, token, ok = [200] } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Token ${token}`;
  const res = await fetch(`${API}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!ok.includes(res.status)) {
    throw new assert.AssertionError({ message: `${method} ${path} answered ${res.status}: ${text.slice(0, 300)}` });
  }
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** scripts/backup.sh, asynchronously: a blocked event loop would keep sockets the restarted gateway closed in fetch's pool. */
function shell(args, env = {}) {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(join(ROOT, 'scripts/backup.sh'), args, {
      env: { ...process.env, STACK, ...env }, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

const users = {};
async function register(who) {
  const username = `drill_${who}_${run}`;
  const email = `${username}@drill.test`;
  const { json } = await call('POST', '/users', { body: { user: { username, email, password: PASSWORD(who) } }, ok: [201] });
  users[who] = { username, email, token: json.user.token };
}

const articles = {};
async function write(who, key, title, tagList, body = `Body of ${title}`) {
  const { json } = await call('POST', '/articles', {
    token: users[who].token, ok: [201],
    body: { article: { title: `${title} ${run}`, description: `About ${title}`, body, tagList } },
  });
  articles[key] = json.article.slug;
}

const tags = (names) => names.map((n) => `drill${n}${run}`);
const slugs = () => Object.values(articles);
const q = encodeURIComponent;

/** What the API shows of everything the drill wrote, as a reader (carol) and anonymously. */
async function snapshot(names = ['alice', 'bob', 'carol'], slugList = slugs()) {
  const reader = users.carol.token;
  const s = {
    tags: (await call('GET', '/tags')).json.tags,
    total: (await call('GET', '/articles?limit=1')).json.articlesCount,
    feed: (await call('GET', '/articles/feed?limit=100', { token: users.alice.token })).json,
    articles: {}, comments: {}, byAuthor: {}, favoritedBy: {}, byTag: {}, profiles: {}, me: {},
  };
  for (const slug of slugList) {
    s.articles[slug] = (await call('GET', `/articles/${q(slug)}`, { token: reader, ok: [200, 404] })).json;
    s.comments[slug] = (await call('GET', `/articles/${q(slug)}/comments`, { ok: [200, 404] })).json;
  }
  for (const who of names) {
    const u = users[who];
    s.byAuthor[who] = (await call('GET', `/articles?author=${q(u.username)}&limit=100`, { token: reader })).json;
    s.favoritedBy[who] = (await call('GET', `/articles?favorited=${q(u.username)}&limit=100`)).json;
    s.profiles[who] = (await call('GET', `/profiles/${q(u.username)}`, { token: users.alice.token })).json;
    s.me[who] = (await call('GET', '/user', { token: u.token })).json.user;
    delete s.me[who].token; // a fresh token on every call
  }
  for (const tag of tags(['a', 'b', 'c'])) {
    s.byTag[tag] = (await call('GET', `/articles?tag=${q(tag)}&limit=100`)).json;
  }
  return s;
}

const scratch = mkdtempSync(join(tmpdir(), 'conduit-drill-'));
try {
  const wrote = Date.now();
  for (const who of ['alice', 'bob', 'carol']) await register(who);
  await call('POST', `/profiles/${q(users.bob.username)}/follow`, { token: users.alice.token });
  await call('POST', `/profiles/${q(users.alice.username)}/follow`, { token: users.carol.token });
  await write('bob', 'awkward', 'Awkward bytes', tags(['a', 'b']), BODY);
  await write('bob', 'doomed', 'Doomed', tags(['a', 'c']));
  await write('bob', 'plain', 'Plain', tags(['b']));
  await write('alice', 'alices', 'Alices', tags(['a']));
  for (const [who, key] of [['alice', 'awkward'], ['carol', 'awkward'], ['carol', 'doomed'], ['carol', 'alices'], ['bob', 'alices']]) {
    await call('POST', `/articles/${q(articles[key])}/favorite`, { token: users[who].token });
  }
  const comments = [];
  for (const [who, key, text] of [['alice', 'awkward', 'First!'], ['carol', 'awkward', 'Second, with ünïcödé'],
    ['alice', 'doomed', 'Will vanish with its article'], ['bob', 'alices', 'Nice one']]) {
    comments.push((await call('POST', `/articles/${q(articles[key])}/comments`, { token: users[who].token,
      body: { comment: { body: text } } })).json.comment);
  }
  const before = await snapshot();
  assert.equal(before.articles[articles.awkward].article.body, BODY, 'the body as written, before the backup');
  assert.equal(before.articles[articles.awkward].article.favoritesCount, 2);
  assert.equal(before.profiles.bob.profile.following, true);
  const writeSeconds = (Date.now() - wrote) / 1000;

  const backup = await shell(['create'], { BACKUP_DIR: scratch });
  assert.equal(backup.status, 0, `scripts/backup.sh create failed:\n${backup.stderr}`);
  const archive = backup.stdout.trim().split('\n').pop();
  const archiveBytes = statSync(archive).size;

  // More writes, and deletions, after the backup.
  await register('dave');
  await write('bob', 'later', 'Later', tags(['a', 'later']));
  await call('DELETE', `/profiles/${q(users.bob.username)}/follow`, { token: users.alice.token });
  await call('POST', `/profiles/${q(users.bob.username)}/follow`, { token: users.dave.token });
  await call('DELETE', `/articles/${q(articles.awkward)}/favorite`, { token: users.carol.token });
  await call('POST', `/articles/${q(articles.plain)}/favorite`, { token: users.dave.token });
  await call('DELETE', `/articles/${q(articles.doomed)}`, { token: users.bob.token, ok: [204] });
  await call('DELETE', `/articles/${q(articles.alices)}/comments/${comments[3].id}`, { token: users.bob.token, ok: [204] });
  await call('POST', `/articles/${q(articles.plain)}/comments`, { token: users.alice.token, body: { comment: { body: 'After' } } });
  await call('PUT', `/articles/${q(articles.awkward)}`, { token: users.bob.token, body: { article: { body: 'Overwritten' } } });
  await call('PUT', '/user', { token: users.bob.token, body: { user: { bio: 'changed after the backup', password: PASSWORD('bob-new') } } });
  const changed = await snapshot();
  assert.notDeepEqual(changed, before, 'the writes after the backup changed nothing the drill looks at');

  // Without FORCE=1: refused, nothing touched.
  const refused = await shell(['restore', archive], { FORCE: '' });
  assert.notEqual(refused.status, 0, 'restore without FORCE=1 must refuse');
  assert.match(refused.stderr, /refusing/);
  await call('GET', `/profiles/${q(users.dave.username)}`);

  const restore = await shell(['restore', archive], { FORCE: '1' });
  assert.equal(restore.status, 0, `scripts/backup.sh restore failed:\n${restore.stderr}`);

  // Freshly started JVMs on a busy machine may answer the first cross-service calls with a JSON 503 (posts-service
  // timing out on users-service's profiles): wait, with a generous deadline, until a list with authors answers.
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await call('GET', `/articles?author=${q(users.bob.username)}`, { token: users.carol.token, ok: [200, 502, 503, 504] });
    if (res.status === 200) break;
    if (Date.now() > deadline) throw new assert.AssertionError({ message: `the restored stack still answers ${res.status} after 90 s` });
    await new Promise((r) => { setTimeout(r, 500); });
  }

  // Exactly the backed-up state, through the API.
  const after = await snapshot(['alice', 'bob', 'carol'], [...slugs()]);
  const restoredBody = after.articles[articles.awkward]?.article?.body;
  assert.ok(restoredBody !== undefined && Buffer.from(restoredBody, 'utf8').equals(Buffer.from(BODY, 'utf8')),
    `the article body is not byte for byte the one backed up: ${JSON.stringify(restoredBody)?.slice(0, 200)}`);
  assert.equal(after.articles[articles.later].errors !== undefined, true, 'the article written after the backup is gone (404)');
  delete after.articles[articles.later];
  delete after.comments[articles.later];
  assert.deepEqual(after, before);
  await call('GET', `/profiles/${q(users.dave.username)}`, { ok: [404] });
  await call('POST', '/users/login', { body: { user: { email: users.dave.email, password: PASSWORD('dave') } }, ok: [401] });
  await call('POST', '/users/login', { body: { user: { email: users.bob.email, password: PASSWORD('bob-new') } }, ok: [401] });
  const login = await call('POST', '/users/login', { body: { user: { email: users.bob.email, password: PASSWORD('bob') } } });
  const me = await call('GET', '/user', { token: login.json.user.token });
  assert.equal(me.json.user.username, users.bob.username);
  assert.equal(me.json.user.bio, null, 'the bio of the backup');
  // And the services take writes again.
  await call('POST', `/articles/${q(articles.plain)}/favorite`, { token: login.json.user.token });

  const restoreLine = restore.stderr.split('\n').find((l) => l.includes('Restore of STACK')) || '';
  const phases = /\((stop .*)\)/.exec(restoreLine)?.[1] ?? '';
  console.log(`restore drill: backed up 3 users, 2 follows, ${Object.keys(before.articles).length} articles, `
    + `${new Set(Object.values(before.articles).flatMap((a) => a.article.tagList)).size} tags, 5 favorites, `
    + `${comments.length} comments (wrote them in ${writeSeconds.toFixed(1)} s); backup ${backup.seconds.toFixed(1)} s, `
    + `${(archiveBytes / 1024).toFixed(0)} KiB archive of the whole ${STACK} stack; after 11 more writes and deletes, restore `
    + `${restore.seconds.toFixed(1)} s (${phases}); the API shows exactly the backed-up state (${before.tags.length} tags, `
    + `${before.total} articles in all) and bob logs in with his old password`);
} catch (e) {
  console.error(`\x1b[31mrestore drill FAILED: ${e.message}${e.cause ? ` (${e.cause.message ?? e.cause})` : ""}\n${e.stack}\x1b[0m`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
