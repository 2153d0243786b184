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
