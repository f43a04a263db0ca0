import { createHash } from 'node:crypto';
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

test('the app starts under a strict Content-Security-Policy with no violation', async () => {
  const page = await env.newPage();
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await env.open(page, '#/matrix');
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(policy, /unsafe-inline/);
  // Two inline scripts are allowed, each by its hash: the one that decides whether to show the
  // prerendered first screen, and the one that makes it work (which the app removes with
  // it, so they are read from the page as served). Trunk's inline loader has been moved out.
  const served = await (await fetch(env.server.url)).text();
  const inline = [...served.matchAll(/<script>([\s\S]*?)<\/script>/g)].map(m => m[1]);
  assert.equal(inline.length, 2, 'two inline scripts');
  assert.equal([...served.matchAll(/<script(?![^>]*\bsrc=)(?![^>]*type="application\/json")[^>]*>/g)].length, 2, 'and no other');
  for (const script of inline) {
    const hash = createHash('sha256').update(script).digest('base64');
    assert.ok(policy.includes(`'sha256-${hash}'`), 'each inline script is allowed by its hash only');
  }
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/matrix');
  await page.locator('a.matrix__point').first().focus();
  assert.deepEqual(await page.evaluate(() => window.cspViolations), []);
});
