import { after, before, test } from 'node:test';
import { assert, setUp } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

test('after one visit the app opens and works with the network off', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  await page.context().setOffline(true);
  await page.reload();
  await page.locator('main h1').waitFor();
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  assert.equal(await page.locator('.score__value').textContent(), '1');
  await env.open(page, '#/matrix');
  assert.equal(await page.locator('main h1').textContent(), 'Portfolio matrix');
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
