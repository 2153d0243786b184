// Shared set-up for the end-to-end journeys: the browser, the base URL, timing and screenshots.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.E2E_BASE_URL ?? 'http://127.0.0.1:18080').replace(/\/+$/, '');
const SCREENSHOTS = fileURLToPath(new URL('../target/e2e-screenshots/', import.meta.url));

/** Debian's Chromium; playwright-core never downloads a browser of its own. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser context (its own localStorage, so its own session) with one page on BASE_URL. */
export async function openPage(browser) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  page.pageErrors = [];
  page.on('pageerror', (error) => page.pageErrors.push(error.message));
  return page;
}

/**
 * One user journey as a test: prints how long it took and saves a screenshot of `pageOf()` at its end
 * (also when it fails). An uncaught error in the page fails the journey.
 */
export function journey(name, pageOf, body) {
  test(name, async () => {
    const started = performance.now();
    try {
      await body();
      const page = pageOf();
      if (page.pageErrors.length) throw new Error(`uncaught errors in the page: ${page.pageErrors.join('; ')}`);
    } finally {
      const page = pageOf();
      if (page) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        const file = `${SCREENSHOTS}${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
        await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      }
      console.log(`journey "${name}": ${Math.round(performance.now() - started)} ms`);
    }
  });
}

/** The JWT the app keeps in localStorage, or null. */
export function storedToken(page) {
  return page.evaluate(() => localStorage.getItem('jwt'));
}

/** A call to the API under test (for setting up data), failing loudly on any error answer. */
export async function api(method, path, body, token) {
  const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (token) headers.Authorization = `Token ${token}`;
  const res = await fetch(`${BASE_URL}/api${path}`, { method, headers, body: body && JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** Signs `page` in as the holder of `token`, the way the app does: the JWT in localStorage. */
export async function signInWithToken(page, token) {
  await page.goto('/robots.txt');
  await page.evaluate((jwt) => localStorage.setItem('jwt', jwt), token);
}

/** Saves a screenshot of the whole page under target/e2e-screenshots/. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
}
