import { after, before, test } from 'node:test';
import { assert, setUp } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

test('deep links work from a sub-path of the host, and Back returns', async () => {
  const page = await env.newPage();
  await env.open(page, '#/history');
  assert.equal(await page.locator('main h1').textContent(), 'Assessment history');
  assert.match(await page.title(), /Assessment history/);
  await page.getByRole('link', { name: 'Take the assessment' }).click();
  await page.getByRole('heading', { name: 'Grade your account management' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Assessment history', level: 1 }).waitFor();
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'History');
});

test('an unknown address says so and leads back', async () => {
  const page = await env.newPage();
  await env.open(page, '#/no/such/screen');
  assert.equal(await page.locator('main h1').textContent(), 'Page not found');
  await env.open(page, '#/history/12345');
  assert.equal(await page.locator('main h1').textContent(), 'Assessment not found');
});

test('the app loads only its own files from the sub-path', async () => {
  const page = await env.newPage();
  await env.open(page);
  const urls = await page.evaluate(() => performance.getEntriesByType('resource').map(e => e.name));
  assert.ok(urls.some(u => u.endsWith('.wasm')), 'the wasm module came from the sub-path');
  for (const u of urls) assert.ok(u.startsWith(env.server.url), `${u} is under ${env.server.url}`);
});

test('the skip link moves focus to the content and stays on the screen', async () => {
  const page = await env.newPage();
  await env.open(page, '#/history');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main');
  assert.equal(await page.locator('main h1').textContent(), 'Assessment history');
  assert.match(page.url(), /#\/history$/);
});
