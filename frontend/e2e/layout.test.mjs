// Layout and accessibility of the web client with hostile content, in Debian's Chromium against the real API at
// E2E_BASE_URL: no page scrolls sideways at 320, 390, 768 or 1280 px; axe-core finds no WCAG 2.2 A/AA (or
// best-practice) violation on the main pages; navigation moves focus to the new page's heading and retitles it.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { api, BASE_URL, launchBrowser, screenshot, signInWithToken } from './support.mjs';

const WIDTHS = [320, 390, 768, 1280];
const stamp = Date.now().toString(36);
/** 64 characters, the longest tag the API takes, with nothing to break at. */
const longTag = (i) => {
  const suffix = `${stamp}x${i}`;
  return `${'hostiletag'.repeat(7)}`.slice(0, 64 - suffix.length) + suffix;
};
const longWord = (n) => `Unbroken${'W'.repeat(n)}`.slice(0, n);
const hostileBody = [
  `## A long word ${longWord(150)}`,
  '',
  `| ${Array.from({ length: 8 }, (_, i) => `column ${i} ${'x'.repeat(20)}`).join(' | ')} |`,
  `|${'---|'.repeat(8)}`,
  `| ${Array.from({ length: 8 }, () => 'y'.repeat(30)).join(' | ')} |`,
  '',
  `Inline \`${'code'.repeat(40)}\` and a bare URL https://example.com/${'segment/'.repeat(25)}end and a [link](https://example.com/${'a'.repeat(150)}).`,
  '',
  '```',
  `const unbroken = "${'z'.repeat(300)}";`,
  '```',
  '',
  `![an image](https://example.invalid/${'i'.repeat(100)}.png)`,
].join('\n');

let browser;
let data;

before(async () => {
  browser = await launchBrowser();
  // Hostile content through the API: a long name, 120-character unbroken titles, 64-character tags used often
  // enough to be the most popular, a body with a wide table, code and long URLs, an unbroken comment.
  const username = `hostile${stamp}${'n'.repeat(40)}`.slice(0, 48);
  const { user } = await api('POST', '/users', {
    user: { username, email: `${username}@layout.test`, password: 'layout-secret-1' },
  });
  await api('PUT', '/user', { user: { bio: `A bio with a long word ${longWord(200)}` } }, user.token);
  const tags = Array.from({ length: 12 }, (_, i) => longTag(i));
  let slug;
  for (let i = 0; i < 4; i++) {
    const { article } = await api(
      'POST',
      '/articles',
      {
        article: {
          title: `${longWord(110)}${stamp}${i}`.slice(0, 120),
          description: `A description with a long word ${longWord(160)}`,
          body: hostileBody,
          tagList: i % 2 ? tags.slice(0, 12) : tags.slice(0, 10),
        },
      },
      user.token,
    );
    slug ??= article.slug;
  }
  // Eleven articles in all: two pages of the author's list.
  for (let i = 0; i < 7; i++) {
    await api('POST', '/articles', { article: { title: `Plain ${stamp} ${i}`, description: 'Plain', body: 'Plain.' } }, user.token);
  }
  await api('POST', `/articles/${encodeURIComponent(slug)}/comments`, { comment: { body: `Comment ${longWord(180)}` } }, user.token);
  data = { user, slug, tag: tags[0] };
});

after(async () => {
  await browser?.close();
});

/** The pages to check, each with what shows that its content has arrived. */
function pages() {
  const profile = `/profile/${encodeURIComponent(data.user.username)}`;
  return [
    { name: 'home', path: '/', ready: '.article-preview h2' },
    { name: 'home, signed in', path: '/', ready: '.article-preview h2', signedIn: true },
    { name: 'tag', path: `/?${new URLSearchParams({ tag: data.tag })}`, ready: '.article-preview h2' },
    { name: 'article', path: `/article/${encodeURIComponent(data.slug)}`, ready: '.article-body table' },
    { name: 'article, signed in', path: `/article/${encodeURIComponent(data.slug)}`, ready: '.article-body table', signedIn: true },
    { name: 'profile', path: profile, ready: '.article-preview h2' },
    { name: 'sign in', path: '/login', ready: 'form' },
    { name: 'sign up', path: '/register', ready: 'form' },
    { name: 'editor', path: `/editor/${encodeURIComponent(data.slug)}`, ready: '.tag-list .tag-pill', signedIn: true },
    { name: 'new article', path: '/editor', ready: 'form', signedIn: true },
    { name: 'settings', path: '/settings', ready: 'form', signedIn: true },
    { name: 'not found', path: '/no/such/page', ready: 'h1' },
  ];
}

async function open(width, { path, ready, signedIn }) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  if (signedIn) await signInWithToken(page, data.user.token);
  await page.goto(path);
  await page.locator(ready).first().waitFor();
  return page;
}

test('no page scrolls sideways at 320, 390, 768 and 1280 px with hostile content', async () => {
  const wide = [];
  for (const width of WIDTHS) {
    for (const target of pages()) {
      const page = await open(width, target);
      try {
        const { scrollWidth, innerWidth, culprits } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
          // What sticks out, to say what is wrong when this fails.
          culprits: [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 0.5)
            .slice(0, 3)
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
        }));
        if (scrollWidth > innerWidth) wide.push(`${target.name} at ${width}px: ${scrollWidth}px wide (${culprits.join(', ')})`);
        if (target.name === 'home' && (width === 390 || width === 1280)) await screenshot(page, `layout-home-${width}`);
        if (target.name === 'article' && width === 390) await screenshot(page, `layout-article-${width}`);
        if (target.name === 'home, signed in' && width === 320) await screenshot(page, `layout-home-signed-in-${width}`);
      } finally {
        await page.context().close();
      }
    }
  }
  assert.deepEqual(wide, [], `pages wider than the viewport:\n${wide.join('\n')}`);
});

test('the signed-in header stays within two lines on a phone', async () => {
  const page = await open(320, pages()[1]);
  try {
    const height = await page.locator('header .navbar').evaluate((el) => el.getBoundingClientRect().height);
    assert.ok(height <= 100, `header is ${height}px high`);
  } finally {
    await page.context().close();
  }
});

test('axe-core finds no accessibility violations (WCAG 2.2 A and AA, best practices)', async () => {
  const found = [];
  for (const target of pages()) {
    for (const width of [390, 1280]) {
      const page = await open(width, target);
      try {
        const result = await new AxeBuilder({ page })
          .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'])
          .analyze();
        for (const v of result.violations) {
          found.push(`${target.name} at ${width}px: ${v.id} (${v.impact}) ${v.help}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
        }
      } finally {
        await page.context().close();
      }
    }
  }
  console.log(`axe: ${found.length} violations on ${pages().length} pages at 390 and 1280 px`);
  assert.deepEqual(found, [], `axe violations:\n${found.join('\n')}`);
});

test('navigating moves focus to the new page heading and retitles the document', async () => {
  const page = await open(1280, pages()[0]);
  try {
    assert.equal(await page.title(), 'Conduit');
    await page.locator('.article-preview', { hasText: data.user.username }).first().locator('.preview-link').click();
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    const heading = await page.evaluate(() => document.activeElement.textContent);
    assert.equal(await page.title(), `${heading} — Conduit`);

    await page.locator('header').getByRole('link', { name: 'Sign in' }).click();
    await page.waitForFunction(() => document.activeElement?.textContent === 'Sign in' && document.activeElement.tagName === 'H1');
    assert.equal(await page.title(), 'Sign in — Conduit');
    // Each input is labelled: it can be found by its label, not only by its placeholder.
    await page.getByLabel('Email').fill('someone@example.com');
    await page.getByLabel('Password').fill('x');
  } finally {
    await page.context().close();
  }
});

test('the page number is in the URL, marked aria-current, and survives Back', async () => {
  // The author's list: eleven articles, ten to a page.
  const page = await open(1280, pages().find((p) => p.name === 'profile'));
  try {
    const pages = page.getByRole('navigation', { name: 'Pages' });
    await pages.getByRole('link', { name: 'Page 2' }).click();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await pages.locator('[aria-current="page"]', { hasText: '2' }).waitFor();
    await page.locator('.article-preview .preview-link').first().click();
    await page.waitForURL(/\/article\//);
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('page') === '2');
    await pages.locator('[aria-current="page"]', { hasText: '2' }).waitFor();
  } finally {
    await page.context().close();
  }
});

test('a stored session shows "Checking your session" while it is verified, never "Sign in"', async () => {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await signInWithToken(page, data.user.token);
    // Hold the check back until the page has been looked at.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/api/user', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    await page.locator('header').getByRole('status').filter({ hasText: 'Checking your session' }).waitFor();
    assert.equal(await page.locator('header').getByRole('link', { name: 'Sign in' }).count(), 0);
    release();
    await page.locator('header').getByRole('link', { name: 'Settings' }).waitFor();
  } finally {
    await context.close();
  }
});
