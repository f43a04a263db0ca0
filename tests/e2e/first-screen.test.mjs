// The Grader's first screen that the build puts into index.html (src/bin/prerender.rs,
// scripts/post-build.mjs): shown to a first-time visitor before the app has loaded, and
// replaced by the app's own.
import { after, before, test } from 'node:test';
import { assert, setUp, STORAGE_KEY } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

/** Holds back the WebAssembly, so the page stays as it is before the app starts. */
async function holdApp(page) {
  const held = [];
  await page.route(/\.wasm$/, route => { held.push(route); });
  return () => Promise.all(held.map(r => r.continue()));
}

/** Loads the app afresh at `hash` without waiting for it to start (the harness's goto would). */
async function visit(page, hash) {
  await page.goto('about:blank');
  await page.evaluate(url => { location.href = url; }, env.server.url + hash);
  await page.waitForURL(url => url.hash === hash);
}

test('a first-time visitor sees the Grader before the app has loaded, then the app takes over', async () => {
  const page = await env.newPage();
  const release = await holdApp(page);
  await visit(page, '#/grader');

  const heading = page.getByRole('heading', { level: 1, name: 'Grade your account management' });
  await heading.waitFor();
  assert.equal(await page.locator('#prerendered[inert] input[type=radio]').count(), 20);
  assert.equal(await page.getByText('0 of 10 practices answered').isVisible(), true);
  const early = await page.locator('main').innerText();
  // Inert: a click before the app runs changes nothing.
  await page.locator('#prerendered input[type=radio]').first().click({ force: true });
  assert.equal(await page.locator('#prerendered input[type=radio]:checked').count(), 0);

  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.equal(await page.locator('main').count(), 1, 'one screen, not two');
  assert.equal(await page.locator('main').innerText(), early, 'the copy showed what the app shows');
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  assert.equal(await page.locator('.score__value').textContent(), '1');
});

test('a visitor with stored data, or on another screen, sees nothing until the app has started', async () => {
  const page = await env.newPage();
  const release = await holdApp(page);
  await visit(page, '#/accounts');
  await page.evaluate(k => localStorage.setItem(k, JSON.stringify({ version: 3 })), STORAGE_KEY);
  await visit(page, '#/grader');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#prerendered').isHidden(), true, 'stored data: hidden');
  assert.equal(await page.locator('main h1').first().isVisible(), false);

  await page.evaluate(() => localStorage.clear());
  await visit(page, '#/matrix');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#prerendered').isHidden(), true, 'another screen: hidden');

  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.equal(await page.locator('main h1').textContent(), 'Portfolio matrix');
});
