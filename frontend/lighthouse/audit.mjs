// Lighthouse (mobile and desktop presets) on the web client served by a running stack at LIGHTHOUSE_URL
// (default http://127.0.0.1:18080), in Debian's Chromium (CHROME_PATH, default /usr/bin/chromium).
// Seeds its own data through the API first (a user, hostile and ordinary articles, many tags), prints the table
// page x preset -> performance, accessibility, best practices, SEO, CLS, writes target/lighthouse/results.json,
// and exits 1 when any row misses the goals below.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import puppeteer from 'puppeteer-core';

const BASE = (process.env.LIGHTHOUSE_URL ?? 'http://127.0.0.1:18080').replace(/\/+$/, '');
const CHROME = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const GOALS = { performance: 95, accessibility: 100, 'best-practices': 100, seo: 95, cls: 0.02 };
/** Runs per page and preset; the median (by performance) is reported. */
const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 3));
const OUT = fileURLToPath(new URL('../target/lighthouse/', import.meta.url));

async function call(method, path, body, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Token ${token}`;
  const res = await fetch(`${BASE}/api${path}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : undefined;
}

/** A user, 12 articles (one hostile: long words, a table, code, long URLs) and 60 tags, some 64 characters long. */
async function seed() {
  const stamp = Date.now().toString(36);
  const user = { username: `lighthouse${stamp}`, email: `lighthouse${stamp}@lighthouse.test`, password: 'lighthouse-1' };
  const { user: signedIn } = await call('POST', '/users', { user });
  const token = signedIn.token;
  await call('PUT', '/user', { user: { bio: 'Writes the articles Lighthouse audits.' } }, token);
  const longTag = (i) => `${'t'.repeat(60)}${String(i).padStart(4, '0')}`;
  let hostile;
  for (let i = 0; i < 12; i++) {
    const tags = Array.from({ length: 5 }, (_, j) => (j === 0 && i < 4 ? longTag(i) : `tag${stamp}${i * 5 + j}`));
    const body =
      i === 0
        ? [
            '## A table',
            '',
            '| column | another column | a third | ' + 'x'.repeat(80) + ' |',
            '|---|---|---|---|',
            '| 1 | 2 | 3 | ' + 'y'.repeat(80) + ' |',
            '',
            'Inline `' + 'code'.repeat(30) + '` and a long URL https://example.com/' + 'segment'.repeat(20),
            '',
            '```',
            'const x = "' + 'z'.repeat(200) + '";',
            '```',
          ].join('\n')
        : `Paragraph ${i} of an ordinary article.\n\nIt has **two** paragraphs and a [link](https://example.com/).`;
    const title = i === 0 ? `Hostile${'W'.repeat(113)}${stamp}` : `An ordinary article number ${i} ${stamp}`;
    const { article } = await call(
      'POST',
      '/articles',
      { article: { title, description: `What article ${i} is about`, body, tagList: tags } },
      token,
    );
    if (i === 0) hostile = article.slug;
  }
  return { user: signedIn, token, slug: hostile };
}

function row(page, preset, lhr) {
  const score = (id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  return {
    page,
    preset,
    performance: score('performance'),
    accessibility: score('accessibility'),
    'best-practices': score('best-practices'),
    seo: score('seo'),
    cls: Number((lhr.audits['cumulative-layout-shift']?.numericValue ?? 1).toFixed(3)),
    failing: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'manual')
      .map((a) => a.id),
  };
}

const misses = (r) =>
  [
    r.performance < GOALS.performance && `performance ${r.performance} < ${GOALS.performance}`,
    r.accessibility < GOALS.accessibility && `accessibility ${r.accessibility} < ${GOALS.accessibility}`,
    r['best-practices'] < GOALS['best-practices'] && `best practices ${r['best-practices']} < ${GOALS['best-practices']}`,
    r.seo < GOALS.seo && `SEO ${r.seo} < ${GOALS.seo}`,
    r.cls > GOALS.cls && `CLS ${r.cls} > ${GOALS.cls}`,
  ].filter(Boolean);

async function main() {
  const data = await seed();
  const pages = [
    { name: '/', path: '/' },
    { name: '/article/<slug>', path: `/article/${encodeURIComponent(data.slug)}` },
    { name: '/login', path: '/login' },
    { name: '/editor (signed in)', path: '/editor', signedIn: true },
    { name: '/settings (signed in)', path: '/settings', signedIn: true },
    { name: '/profile/<user>', path: `/profile/${encodeURIComponent(data.user.username)}` },
  ];
  const only = process.env.LIGHTHOUSE_PAGES?.split(',');
  const presets = (process.env.LIGHTHOUSE_PRESETS ?? 'mobile,desktop').split(',');

  const chrome = await chromeLauncher.launch({
    chromePath: CHROME,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-component-update'],
  });
  const browser = await puppeteer.connect({ browserURL: `http://127.0.0.1:${chrome.port}` });
  const rows = [];
  try {
    for (const page of pages.filter((p) => !only || only.includes(p.path) || only.includes(p.name))) {
      for (const preset of presets) {
        const runs = [];
        for (let run = 0; run < RUNS; run++) {
          // Every run starts cold (empty cache), signed in or not as the page needs: Lighthouse's own storage
          // reset would also sign out, so it is off and done here.
          const tab = await browser.newPage();
          const cdp = await tab.createCDPSession();
          await cdp.send('Network.clearBrowserCache');
          await tab.goto(`${BASE}/robots.txt`);
          await tab.evaluate((token) => {
            localStorage.clear();
            if (token) localStorage.setItem('jwt', token);
          }, page.signedIn ? data.token : null);
          await tab.close();
          const flags = { port: chrome.port, output: 'json', logLevel: 'error', disableStorageReset: true };
          const result = await lighthouse(`${BASE}${page.path}`, flags, preset === 'desktop' ? desktopConfig : undefined);
          runs.push({ r: row(page.name, preset, result.lhr), report: result.report });
        }
        // The median run by performance (Lighthouse's own advice against run-to-run variance).
        runs.sort((a, b) => a.r.performance - b.r.performance);
        const { r, report } = runs[Math.floor(runs.length / 2)];
        r.runs = runs.map((x) => x.r.performance);
        rows.push(r);
        mkdirSync(OUT, { recursive: true });
        writeFileSync(`${OUT}${page.path.replace(/[^a-z0-9]+/gi, '_')}-${preset}.json`, report);
        const below = r.failing.length ? ` (audits below 0.9: ${r.failing.join(', ')})` : '';
        console.log(`${r.page} ${r.preset} (performance of the runs: ${r.runs.join(', ')}): ${misses(r).join(', ') || 'meets the goals'}${below}`);
      }
    }
  } finally {
    await browser.disconnect();
    await chrome.kill();
  }

  console.log('\n| page | preset | performance | accessibility | best practices | SEO | CLS |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(`| \`${r.page}\` | ${r.preset} | ${r.performance} | ${r.accessibility} | ${r['best-practices']} | ${r.seo} | ${r.cls} |`);
  }
  writeFileSync(`${OUT}results.json`, JSON.stringify({ base: BASE, goals: GOALS, rows }, null, 2));
  const failed = rows.filter((r) => misses(r).length > 0);
  console.log(
    `\nGoals: performance >= ${GOALS.performance}, accessibility ${GOALS.accessibility}, best practices ${GOALS['best-practices']}, SEO >= ${GOALS.seo}, CLS <= ${GOALS.cls}`,
  );
  if (failed.length) {
    console.log(`${failed.length} of ${rows.length} rows miss the goals`);
    process.exit(1);
  }
  console.log(`all ${rows.length} rows meet the goals`);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
