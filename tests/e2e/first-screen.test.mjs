// The Grader's first screen that the build puts into index.html (src/bin/prerender.rs,
// scripts/post-build.mjs): shown to a first-time visitor before the app has loaded, and
// replaced by the app's own; and what happens when the app cannot start.
import { after, before, test } from 'node:test';
import { assert, setUp, STORAGE_KEY } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

/** Holds back the WebAssembly, so the page stays as it is before the app starts. */
async function holdApp(page) {
  const held = [];
  await page.route(/\.wasm$/, route => { held.push(route); });
  // Requests of pages navigated away from are gone; continuing them fails harmlessly.
  return () => Promise.all(held.map(r => r.continue().catch(() => {})));
}

/** Loads the app afresh at `hash` without waiting for it to start (the harness's goto would),
 *  once the copy's element is in the page. */
async function visit(page, hash) {
  await page.goto('about:blank');
  await page.evaluate(url => { location.href = url; }, env.server.url + hash);
  await page.waitForURL(url => url.hash === hash);
  await page.locator('#prerendered').waitFor({ state: 'attached' });
}

const undrawnPractices = page => page.evaluate(() => [...document.querySelectorAll('.practice__title')]
  .filter(t => !t.checkVisibility({ contentVisibilityAuto: true })).length);

test('a first-time visitor sees the Grader before the app has loaded, then the app takes over', async () => {
  const page = await env.newPage({ width: 390 });
  const release = await holdApp(page);
  await visit(page, '#/grader');

  await page.getByRole('heading', { level: 1, name: 'Grade your account management' }).waitFor();
  assert.equal(await page.locator('#prerendered[inert] input[type=radio]').count(), 20);
  assert.equal(await page.getByText('0 of 10 practices answered').isVisible(), true);
  // The length of the invitation link depends on the page's address, which the build cannot
  // know; it sits in a closed panel of the copy, which nobody can open.
  const text = async () => (await page.locator('main').textContent()).replace(/\d+ characters\./, 'N characters.');
  const early = await text();
  // Inert: a click before the app runs changes nothing.
  await page.locator('#prerendered input[type=radio]').first().click({ force: true });
  assert.equal(await page.locator('#prerendered input[type=radio]:checked').count(), 0);
  // Practices far below the window wait to be laid out; a printout would have them all.
  assert.ok(await undrawnPractices(page) > 0, 'the last practices wait until scrolled to');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await undrawnPractices(page), 0, 'print draws every practice');
  await page.emulateMedia({ media: 'screen' });

  // Every frame from here until the app has started shows one screen, never two.
  await page.evaluate(() => {
    window.mostScreens = 0;
    const count = () => {
      window.mostScreens = Math.max(window.mostScreens, document.querySelectorAll('main').length);
      if (document.getElementById('prerendered')) requestAnimationFrame(count);
    };
    count();
  });
  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  await page.evaluate(() => new Promise(requestAnimationFrame));
  assert.equal(await page.evaluate(() => window.mostScreens), 1, 'one screen in every frame');
  assert.equal(await page.locator('main').count(), 1);
  assert.equal(await text(), early, 'the copy had the same text as the app');
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  assert.equal(await page.locator('.score__value').textContent(), '1');
});

test('a visitor with stored data, or on another screen, sees nothing until the app has started', async () => {
  const page = await env.newPage();
  const release = await holdApp(page);
  await visit(page, '#/accounts');
  await page.evaluate(k => localStorage.setItem(k, JSON.stringify({ version: 3 })), STORAGE_KEY);
  await visit(page, '#/grader');
  assert.equal(await page.locator('#prerendered').isHidden(), true, 'stored data: hidden');
  assert.equal(await page.locator('main h1').first().isVisible(), false);

  await page.evaluate(() => localStorage.clear());
  await visit(page, '#/matrix');
  assert.equal(await page.locator('#prerendered').isHidden(), true, 'another screen: hidden');
  await visit(page, '#/grader');
  assert.equal(await page.locator('#prerendered').isVisible(), true, 'the same visitor on the Grader sees it');

  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.equal(await page.locator('main h1').textContent(), 'Grade your account management');
});

test('a returning visitor, whose page the service worker controls, is not shown the copy', async () => {
  const page = await env.newPage();
  await env.openReturning(page);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('show-prerendered')), false);
  // Without the worker the same empty storage gets it: the check above is what decided.
  const fresh = await env.newPage();
  await fresh.goto(env.server.url + '#/grader');
  assert.equal(await fresh.evaluate(() => document.documentElement.classList.contains('show-prerendered')), true);
});

test('when the app cannot start, the copy gives way to a message saying why', async () => {
  const page = await env.newPage();
  await page.route(/\.wasm$/, route => route.abort());
  await page.goto(env.server.url + '#/grader');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not start in this browser.*WebAssembly/);
  assert.equal(await page.locator('#prerendered').count(), 0, 'no dead form left on screen');
  assert.equal(await page.locator('main').count(), 0);
  // The failed download and start are reported in the console, as they should be.
  assert.ok(page.problems.length > 0);
  page.problems.length = 0;
});
