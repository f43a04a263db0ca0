import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { compressFile } from '../../scripts/precompress.mjs';
import { startServer } from '../../scripts/serve.mjs';
import { assert, setUp } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

test('after one visit the app opens and works with the network off', async () => {
  const page = await env.newPage();
  await env.openReturning(page);

  await page.context().setOffline(true);
  await page.reload();
  await page.locator('main h1').waitFor();
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  assert.equal(await page.locator('.score__value').textContent(), '1');
  await env.open(page, '#/matrix');
  assert.equal(await page.locator('main h1').textContent(), 'Portfolio matrix');
  await page.context().setOffline(false);
});

test('after one visit, stored data opens with the network off, and changes are saved', async () => {
  const page = await env.newPage();
  await env.openReturning(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.waitForFunction(() => localStorage.length > 0);

  // A start with data stored waits for the reader of stored data, from the worker's cache.
  await page.context().setOffline(true);
  await page.reload();
  await page.locator('.score__value').filter({ hasText: '1' }).waitFor();
  await page.getByRole('radio', { name: 'We do this consistently' }).nth(1).check();
  await page.waitForFunction(() => Object.keys(JSON.parse(localStorage.getItem('account-grader')).grader.draft).length === 2);
  assert.equal(await page.getByRole('alert').count(), 0, 'no message');
  await page.context().setOffline(false);
});

test('the app can be installed: a manifest with name, start page and icon', async () => {
  const page = await env.newPage();
  await env.open(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifest = await page.evaluate(async h => (await fetch(h)).json(), href);
  assert.equal(manifest.name, 'Account Grader');
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.length > 0);
  const icon = await page.evaluate(async h => (await fetch(h)).status, manifest.icons[0].src);
  assert.equal(icon, 200);
});

test('a newer build is noticed on the next visit and the user is told', async () => {
  // A copy of the build, so this test can publish a "new version" of it.
  const dir = await mkdtemp(join(tmpdir(), 'account-grader-update-'));
  await cp(new URL('../../dist/', import.meta.url).pathname, dir, { recursive: true });
  const server = await startServer({ root: dir, base: '/app/' });
  try {
    const page = await env.newPage({ origin: new URL(server.url).origin });
    await page.goto(server.url + '#/grader');
    await page.locator('main h1').waitFor();
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
    assert.equal(await page.locator('.update-notice').count(), 0, 'no notice without an update');

    await appendFile(join(dir, 'sw.js'), '\n// a new build\n');
    await compressFile(dir, 'sw.js'); // as a build would: the host serves the compressed copy
    await page.reload();
    const notice = page.getByRole('status').filter({ hasText: 'A new version of Account Grader is ready.' });
    await notice.waitFor();
    await Promise.all([page.waitForEvent('load'), notice.getByRole('button', { name: 'Reload to update' }).click()]);
    await page.locator('main h1').waitFor();
    assert.equal(await page.locator('.update-notice').count(), 0);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
