// Shared set-up for the browser tests: serves the release build in dist/ from a sub-path on
// localhost, drives Debian's Chromium with playwright-core, and fails a test on any request
// to another host and on any script error.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { startServer } from '../../scripts/serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const STORAGE_KEY = 'account-grader';
export const BACKUP_KEY = 'account-grader.unreadable-backup';
export const BASE = '/some/sub/path/';

export function fixture(name) {
  return readFile(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');
}

/** Starts the server and the browser once per test file. */
export async function setUp() {
  const server = await startServer({ root: new URL('../../dist/', import.meta.url).pathname, base: BASE });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  const opened = [];

  /** A fresh page with empty storage, watched for foreign requests and errors. `origin` is
   *  the app's own origin, for tests that serve a build of their own; `serviceWorkers:
   *  'block'` for tests that hold or fail requests, which a service worker would answer. */
  async function newPage({ width = 1280, acceptDownloads = false, colorScheme = 'light', bypassCSP = false, origin: own, serviceWorkers = 'allow' } = {}) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, acceptDownloads, colorScheme, bypassCSP, serviceWorkers });
    const page = await context.newPage();
    const problems = [];
    const origin = own ?? new URL(server.url).origin;
    page.on('request', r => {
      const url = r.url();
      if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) problems.push(`request to another host: ${url}`);
    });
    page.on('pageerror', e => problems.push(`script error: ${e}`));
    page.on('console', m => { if (m.type() === 'error') problems.push(`console error: ${m.text()}`); });
    opened.push({ context, problems });
    page.problems = problems;
    // A first-time visitor's page shows the build's inert copy of the Grader until the app
    // replaces it; tests act on the app, so every load waits for that (first-screen.test.mjs
    // tests the copy itself).
    for (const navigation of ['goto', 'reload']) {
      const navigate = page[navigation].bind(page);
      page[navigation] = async (...args) => {
        const response = await navigate(...args);
        await appStarted(page);
        return response;
      };
    }
    return page;
  }

  /** Opens a route of the app and waits until the app has rendered it. */
  async function open(page, hash = '#/grader') {
    await page.goto(server.url + hash);
    await page.locator('main h1').waitFor();
    // The history's chart comes from a download of its own, after the list.
    if (await page.locator('.history-table').count() > 0) await page.locator('.trend__chart').waitFor();
  }

  /** Opens the app, then reloads it under its service worker, as on a return visit. */
  async function openReturning(page, hash = '#/grader') {
    await open(page, hash);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  }

  async function tearDown() {
    const problems = opened.flatMap(o => o.problems);
    await browser.close();
    await server.close();
    const foreignPaths = server.requests.filter(p => !p.startsWith(BASE));
    assert.deepEqual(foreignPaths, [], 'every request stays under the sub-path');
    assert.deepEqual(problems, [], 'no foreign requests or script errors');
  }

  return { server, newPage, open, openReturning, tearDown };
}

/** Waits until the app has replaced the build's prerendered first screen (if there was one). */
export function appStarted(page) {
  return page.waitForFunction(() => !document.getElementById('prerendered'));
}

/** Reads one localStorage key in the page. */
export function stored(page, key = STORAGE_KEY) {
  return page.evaluate(k => localStorage.getItem(k), key);
}

/** The stored document, once there is one: a first visit's first change is stored as soon as
 *  the writer of stored data has arrived, a moment after the change. */
export async function storedDocument(page, key = STORAGE_KEY) {
  await page.waitForFunction(k => localStorage.getItem(k) !== null, key);
  return JSON.parse(await stored(page, key));
}

export { assert };
