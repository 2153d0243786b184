// The user journeys of the Conduit web client, run in Debian's Chromium against the real API at
// E2E_BASE_URL (default http://127.0.0.1:18080). They run in order and build on each other.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { journey, launchBrowser, openPage, storedToken } from './support.mjs';

const stamp = Date.now().toString(36);
const alice = { username: `alice${stamp}`, email: `alice${stamp}@e2e.test`, password: 'alice-secret-1' };
const bob = { username: `bob${stamp}`, email: `bob${stamp}@e2e.test`, password: 'bob-secret-1' };
const tag = `e2e${stamp}`;
const article = { title: `E2E article ${stamp}`, description: 'Written by the e2e suite', path: '' };

let browser;
let alicePage;
let bobPage;
let xssPath;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

async function register(page, user) {
  await page.goto('/register');
  await page.getByPlaceholder('Username').fill(user.username);
  await page.getByPlaceholder('Email').fill(user.email);
  await page.getByPlaceholder('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await page.locator('.navbar').getByRole('link', { name: user.username }).waitFor();
}

/** Fills the editor's fields; tags are typed one by one and entered with Enter. */
async function fillEditor(page, { title, description, body, tags }) {
  await page.getByPlaceholder('Article Title').fill(title);
  await page.getByPlaceholder("What's this article about?").fill(description);
  await page.getByPlaceholder('Write your article (in markdown)').fill(body);
  for (const t of tags) {
    await page.getByPlaceholder('Enter tags').fill(t);
    await page.getByPlaceholder('Enter tags').press('Enter');
  }
}

const preview = (page, title) => page.locator('.article-preview', { has: page.getByRole('heading', { name: title }) });

journey('sign up', () => alicePage, async () => {
  alicePage = await openPage(browser);
  await register(alicePage, alice);
  assert.ok(await storedToken(alicePage), 'the JWT is stored in localStorage');
  // Signing up again with the same name shows the API's error in the form.
  const again = await openPage(browser);
  await again.goto('/register');
  await again.getByPlaceholder('Username').fill(alice.username);
  await again.getByPlaceholder('Email').fill(`other${alice.email}`);
  await again.getByPlaceholder('Password').fill('whatever-1');
  await again.getByRole('button', { name: 'Sign up' }).click();
  await again.locator('.error-messages li').first().waitFor();
  assert.match(await again.locator('.error-messages').innerText(), /^username /m);
  await again.context().close();
});

journey('sign in', () => alicePage, async () => {
  await alicePage.context().close();
  alicePage = await openPage(browser);
  await alicePage.goto('/login');
  await alicePage.getByPlaceholder('Email').fill(alice.email);
  await alicePage.getByPlaceholder('Password').fill('not-the-password');
  await alicePage.getByRole('button', { name: 'Sign in' }).click();
  await alicePage.locator('.error-messages li').first().waitFor();

  await alicePage.getByPlaceholder('Password').fill(alice.password);
  await alicePage.getByRole('button', { name: 'Sign in' }).click();
  await alicePage.locator('.navbar').getByRole('link', { name: alice.username }).waitFor();
  // The session survives a reload: the stored token is checked with GET /api/user.
  await alicePage.reload();
  await alicePage.locator('.navbar').getByRole('link', { name: alice.username }).waitFor();
});

journey('write an article with tags', () => alicePage, async () => {
  await alicePage.locator('.navbar').getByRole('link', { name: 'New Article' }).click();
  await fillEditor(alicePage, {
    ...article,
    body: '# Hello\n\nThis is **markdown** with a [link](https://example.com/).',
    tags: [tag, 'remove-me', 'e2e'],
  });
  await alicePage.getByRole('button', { name: 'Remove tag remove-me' }).click();
  assert.equal(await alicePage.locator('.editor-page .tag-pill').count(), 2);
  await alicePage.getByRole('button', { name: 'Publish Article' }).click();

  await alicePage.waitForURL(/\/article\//);
  article.path = new URL(alicePage.url()).pathname;
  await alicePage.getByRole('heading', { level: 1, name: article.title }).waitFor();
  const content = alicePage.locator('.article-content');
  // The body's headings sit below the title, the page's only h1.
  assert.equal(await content.locator('h2').innerText(), 'Hello');
  assert.equal(await content.locator('strong').innerText(), 'markdown');
  assert.deepEqual((await content.locator('.tag-list li').allInnerTexts()).sort(), ['e2e', tag].sort());
});

journey('see the article on home and in the tag filter', () => alicePage, async () => {
  await alicePage.locator('.navbar').getByRole('link', { name: 'Home' }).click();
  await alicePage.locator('.feed-toggle .nav-link.active', { hasText: 'Global Feed' }).waitFor();
  await preview(alicePage, article.title).waitFor();

  // The sidebar shows the most popular tags; a new one may be among the rest, behind "Show all".
  const tagLink = alicePage.locator('.sidebar').getByRole('link', { name: tag, exact: true });
  await alicePage.locator('.sidebar .tag-list').waitFor();
  if ((await tagLink.count()) === 0) await alicePage.locator('.sidebar').getByRole('button', { name: /^Show all/ }).click();
  await tagLink.click();
  await alicePage.locator('.feed-toggle .nav-link.active', { hasText: `# ${tag}` }).waitFor();
  await preview(alicePage, article.title).waitFor();
  for (const listed of await alicePage.locator('.article-preview').all()) {
    assert.ok((await listed.locator('.tag-list li').allInnerTexts()).includes(tag), `every listed article carries #${tag}`);
  }
});

journey('edit the article', () => alicePage, async () => {
  await alicePage.goto(article.path);
  await alicePage.getByRole('link', { name: 'Edit Article' }).first().click();
  const title = alicePage.getByPlaceholder('Article Title');
  await alicePage.waitForFunction(() => document.querySelector('input[placeholder="Article Title"]')?.value);
  assert.equal(await title.inputValue(), article.title);
  article.title = `${article.title} (edited)`;
  await title.fill(article.title);
  await alicePage.getByPlaceholder('Write your article (in markdown)').fill('Edited body with *emphasis*.');
  await alicePage.getByRole('button', { name: 'Publish Article' }).click();

  await alicePage.getByRole('heading', { level: 1, name: article.title }).waitFor();
  article.path = new URL(alicePage.url()).pathname;
  assert.equal(await alicePage.locator('.article-content em').innerText(), 'emphasis');
  assert.equal(await alicePage.locator('.article-content .tag-list li').count(), 2, 'the tags are kept');
});

journey('comment on the article', () => alicePage, async () => {
  const post = async (text) => {
    await alicePage.getByPlaceholder('Write a comment...').fill(text);
    await alicePage.getByRole('button', { name: 'Post Comment' }).click();
    await alicePage.locator('.card .card-text', { hasText: text }).waitFor();
  };
  await post(`First comment ${stamp}`);
  await post(`Second comment ${stamp}`);
  // Deleting asks first: dismissing keeps the comment, accepting deletes it.
  const second = alicePage.locator('.card', { hasText: `Second comment ${stamp}` });
  alicePage.once('dialog', (dialog) => dialog.dismiss());
  await second.getByRole('button', { name: 'Delete comment' }).click();
  await alicePage.getByRole('button', { name: 'Post Comment' }).waitFor();
  assert.equal(await second.count(), 1, 'a dismissed confirmation keeps the comment');
  alicePage.once('dialog', (dialog) => dialog.accept());
  await second.getByRole('button', { name: 'Delete comment' }).click();
  await alicePage.locator('.card', { hasText: `Second comment ${stamp}` }).waitFor({ state: 'detached' });

  await alicePage.reload();
  await alicePage.locator('.card .card-text', { hasText: `First comment ${stamp}` }).waitFor();
  assert.equal(await alicePage.locator('.card', { hasText: `Second comment ${stamp}` }).count(), 0);
});

journey('follow the author from a second account and see the article in Your Feed', () => bobPage, async () => {
  bobPage = await openPage(browser);
  await register(bobPage, bob);
  await bobPage.goto(article.path);
  await bobPage.getByRole('button', { name: `Follow ${alice.username}` }).first().click();
  await bobPage.getByRole('button', { name: `Unfollow ${alice.username}` }).first().waitFor();

  await bobPage.locator('.navbar').getByRole('link', { name: 'Home' }).click();
  await bobPage.locator('.feed-toggle').getByRole('link', { name: 'Your Feed' }).click();
  await bobPage.locator('.feed-toggle .nav-link.active', { hasText: 'Your Feed' }).waitFor();
  await preview(bobPage, article.title).waitFor();
});

journey('favorite the article', () => bobPage, async () => {
  await bobPage.goto(article.path);
  await bobPage.getByRole('button', { name: 'Favorite Article' }).first().click();
  await bobPage.getByRole('button', { name: 'Unfavorite Article (1)' }).first().waitFor();

  await bobPage.goto(`/profile/${encodeURIComponent(bob.username)}`);
  await bobPage.getByRole('link', { name: 'Favorited Articles' }).click();
  const favorited = preview(bobPage, article.title);
  await favorited.waitFor();
  assert.equal(await favorited.locator('button.btn-primary .counter').innerText(), '1');
});

journey('update settings (bio)', () => bobPage, async () => {
  const bio = `Bio written by the e2e suite ${stamp}`;
  await bobPage.locator('.navbar').getByRole('link', { name: 'Settings' }).click();
  await bobPage.getByPlaceholder('Short bio about you').fill(bio);
  await bobPage.getByRole('button', { name: 'Update Settings' }).click();
  await bobPage.waitForURL(`**/profile/${encodeURIComponent(bob.username)}`);
  await bobPage.locator('.user-info p', { hasText: bio }).waitFor();
  await bobPage.reload();
  await bobPage.locator('.user-info p', { hasText: bio }).waitFor();
});

journey('log out', () => bobPage, async () => {
  await bobPage.locator('.navbar').getByRole('link', { name: 'Settings' }).click();
  await bobPage.getByRole('button', { name: 'Or click here to logout.' }).click();
  await bobPage.locator('.navbar').getByRole('link', { name: 'Sign in' }).waitFor();
  assert.equal(await storedToken(bobPage), null);
  await bobPage.reload();
  await bobPage.locator('.navbar').getByRole('link', { name: 'Sign up' }).waitFor();
  assert.equal(await bobPage.locator('.navbar').getByRole('link', { name: bob.username }).count(), 0);
});

journey('markdown XSS attempt does not execute', () => alicePage, async () => {
  const hostile = `<img src=x onerror="window.__xss=1"> XSS ${stamp}`;
  await alicePage.goto('/editor');
  await fillEditor(alicePage, {
    title: hostile,
    description: hostile,
    body: [
      'Harmless paragraph.',
      '<script>window.__xss=1</script>',
      '<img src=x onerror="window.__xss=1">',
      '[x](javascript:window.__xss=1)',
      '<a href="javascript:window.__xss=1">raw link</a>',
    ].join('\n\n'),
    tags: [],
  });
  await alicePage.getByRole('button', { name: 'Publish Article' }).click();
  await alicePage.waitForURL(/\/article\//);
  xssPath = new URL(alicePage.url()).pathname;

  const assertInert = async () => {
    const body = alicePage.locator('.article-body');
    await body.waitFor();
    assert.equal(await body.locator('script, img[onerror], [onclick], a[href^="javascript:" i]').count(), 0);
    assert.equal(await alicePage.evaluate(() => window.__xss), undefined);
  };
  await assertInert();
  // The raw HTML is shown as text, and the javascript: link is not a link: click where it is shown.
  assert.match(await alicePage.locator('.article-body').innerText(), /<script>window\.__xss=1<\/script>/);
  const links = alicePage.locator('.article-body a', { hasText: 'x' });
  for (const link of await links.all()) await link.click();
  await alicePage.locator('.article-body').getByText('javascript:window.__xss=1').first().click();
  await alicePage.waitForTimeout(300);
  await assertInert();

  // The previews on home (title and description escaped too), then a fresh load of the article.
  await alicePage.goto('/');
  await alicePage.locator('.article-preview h2', { hasText: `XSS ${stamp}` }).waitFor();
  await alicePage.waitForTimeout(300);
  assert.equal(await alicePage.evaluate(() => window.__xss), undefined);
  await alicePage.goto(xssPath);
  await assertInert();
});

journey('delete an article', () => alicePage, async () => {
  await alicePage.goto(xssPath);
  alicePage.once('dialog', (dialog) => {
    assert.match(dialog.message(), /^Delete the article/);
    dialog.accept();
  });
  await alicePage.getByRole('button', { name: 'Delete Article' }).first().click();
  await alicePage.waitForURL((url) => url.pathname === '/');
  await alicePage.goto(xssPath);
  await alicePage.locator('.error-messages li').first().waitFor();
});
