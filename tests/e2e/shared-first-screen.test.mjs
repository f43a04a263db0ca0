// A shared result link and a plain shared account link show what they carry before the app
// has loaded (web/shared-first-screen.js, from what src/bin/prerender.rs wrote into the
// page), the same as the app shows once it starts; links it cannot read as the app does
// show only the header and that the screen is on its way until then. The links are the Rust encoders' (tests/shared_links.rs).
import { after, before, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { appStarted, assert, fixture, setUp } from './harness.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const links = JSON.parse(await fixture('shared-links.json'));

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

/** Holds back the WebAssembly, so the page stays as it is before the app starts; once
 *  released, the screens' WebAssembly fetched later passes too. */
async function holdApp(page) {
  const held = [];
  let released = false;
  await page.route(/\.wasm$/, route => released ? route.continue() : held.push(route));
  return () => {
    released = true;
    return Promise.all(held.map(r => r.continue().catch(() => {})));
  };
}

/** Loads the page afresh at `hash` without waiting for the app to start. */
async function visit(page, hash) {
  await page.goto('about:blank');
  await page.evaluate(url => { location.href = url; }, env.server.url + hash);
  await page.waitForURL(url => url.hash === hash);
  await page.waitForLoadState('load');
}

/** What the screen shows of `selector`, as a user reads it. */
const shownText = (page, selector) => page.locator(selector).first().innerText();

/** Ids used more than once in the page. */
const duplicateIds = page => page.evaluate(() => {
  const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
  return ids.filter((id, i) => ids.indexOf(id) !== i);
});

/** Opens `hash` with the app held back, returns what the early screen shows of `selector`
 *  and the page title, then lets the app start and returns the same from the app. */
async function beforeAndAfter(hash, selector, appReady) {
  const page = await env.newPage({ width: 390, serviceWorkers: 'block' });
  // Every heading shown, frame by frame, from the copy's first to the app's screen.
  await page.addInitScript(() => {
    window.headings = [];
    const look = () => {
      const h1 = document.querySelector('main h1');
      const text = h1?.checkVisibility() ? h1.textContent : null;
      if (text !== null && window.headings.at(-1) !== text) window.headings.push(text);
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  const release = await holdApp(page);
  await visit(page, hash);
  const early = page.locator(`#prerendered:not([inert]) ${selector}`);
  await early.first().waitFor();
  const seen = {
    text: await shownText(page, selector),
    title: await page.title(),
    h1: await page.locator('main h1').textContent(),
    markup: await page.locator('main script, main img, main b').count(),
    inertControls: await page.locator('main button, main a').evaluateAll(all => all.every(c => c.closest('[inert]'))),
    readable: await page.locator('main h1').evaluate(h => !h.closest('[inert]')),
    duplicates: await duplicateIds(page),
    loadingHints: await page.locator('main .loading-hint[role=status]').allTextContents(),
  };
  assert.equal(await page.locator('#prerendered').count(), 1, 'the app has not started');
  await release();
  await appStarted(page);
  await page.locator(appReady).first().waitFor();
  const app = {
    text: await shownText(page, selector), title: await page.title(), h1: await page.locator('main h1').textContent(),
    headings: await page.evaluate(() => new Promise(r => requestAnimationFrame(() => r(window.headings)))),
    loadingHints: await page.locator('main .loading-hint').count(),
  };
  assert.deepEqual(await duplicateIds(page), []);
  await page.context().close();
  return { seen, app };
}

test('a shared result link shows the result before the app has loaded, as the app then shows it', async () => {
  for (const link of links.results) {
    const { seen, app } = await beforeAndAfter(`#/r/${link}`, 'main', 'main .answer-list');
    assert.equal(seen.text, app.text, `the same screen for ${link}`);
    assert.deepEqual(app.headings, [seen.h1], 'the heading never changes while the app takes over');
    assert.equal(seen.title, app.title);
    assert.equal(seen.markup, 0, 'texts from the link are text, never markup');
    assert.ok(seen.inertControls, 'what needs the app waits for it');
    assert.ok(seen.readable, 'the content is there to read, by screen readers too');
    assert.deepEqual(seen.duplicates, []);
  }
});

test('texts from a result link show as written, never as markup', async () => {
  const { seen } = await beforeAndAfter(`#/r/${links.results[2]}`, 'main', 'main .answer-list');
  assert.equal(seen.h1, 'Shared assessment: <script>alert(1)</script>');
  assert.match(seen.text, /Answered on 28 Feb 2031\./);
  assert.match(seen.text, /10\/10/);
  const reply = await beforeAndAfter(`#/r/${links.results[5]}`, 'main', 'main .answer-list');
  assert.equal(reply.seen.h1, 'Result from Ann <b>Lee</b>, Acme & Sons');
  assert.doesNotMatch(reply.seen.text, /Save to my own history/, 'a reply is never kept as one\'s own');
});

test('a shared account link shows the account before the app has loaded, as the app then shows it', async () => {
  for (const link of links.accounts) {
    const { seen, app } = await beforeAndAfter(`#/a/${link}`, 'main .account > .page-header', 'main .classification');
    assert.equal(seen.text, app.text, `the same heading for ${link.slice(0, 20)}…`);
    assert.deepEqual(app.headings, [seen.h1], 'the heading never changes while the app takes over');
    assert.equal(seen.title, app.title);
    assert.equal(seen.markup, 0, 'texts from the link are text, never markup');
    assert.ok(seen.readable);
    assert.deepEqual(seen.duplicates, []);
    assert.equal(seen.loadingHints.length, 1, 'the rest is said to be on its way');
    assert.match(seen.loadingHints[0], /ratings/);
    assert.equal(app.loadingHints, 0, 'and the app replaces the line with it');
  }
  const hostile = await beforeAndAfter(`#/a/${links.accounts[1]}`, 'main .account > .page-header', 'main .classification');
  assert.equal(hostile.seen.h1, '<img src=x onerror=alert(1)>');
  assert.match(hostile.seen.text, /Tier B · R&D "Labs" \u2067שלום\u2069 · €999 a year/);
  const plain = await beforeAndAfter(`#/a/${links.accounts[0]}`, 'main .account > .page-header', 'main .classification');
  assert.match(plain.seen.text, /Tier A · Logistics · \$1,250,000 a year/);
});

test('a protected or damaged link shows none of its content before the app, which then says what it is', async () => {
  const damaged = links.results[0].slice(0, -3) + (links.results[0].endsWith('A') ? 'B' : 'A') + links.results[0].slice(-2);
  const cases = [
    [`#/a/${links.protected}`, 'Protected account link'],
    [`#/r/${damaged}`, 'This link cannot be opened'],
    // A result link opened as an account link, and the reverse.
    [`#/a/${links.results[0]}`, 'This link cannot be opened'],
    [`#/r/${links.accounts[0]}`, 'This link cannot be opened'],
  ];
  for (const [hash, heading] of cases) {
    const page = await env.newPage({ width: 390, serviceWorkers: 'block' });
    const release = await holdApp(page);
    await visit(page, hash);
    // The script has had its chance: an account link's content is unpacked within a frame
    // or two of the page's load.
    await page.evaluate(() => new Promise(r => setTimeout(r, 300)));
    assert.equal(await page.locator('#prerendered').count(), 1, 'the app has not started');
    assert.equal(await page.locator('main h1').isVisible(), false, `nothing of its own for ${hash.slice(0, 30)}`);
    await release();
    await appStarted(page);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.context().close();
  }
});

test('the early screens are read by keyboard and screen readers with no accessibility violations', async () => {
  for (const hash of [`#/r/${links.results[0]}`, `#/a/${links.accounts[0]}`]) {
    const page = await env.newPage({ width: 390, bypassCSP: true, serviceWorkers: 'block' });
    const release = await holdApp(page);
    await visit(page, hash);
    await page.locator('#prerendered:not([inert]) main h1').waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    assert.equal(page.url().split('#')[1], hash.slice(1), 'the skip link stays on the screen');
    // The buttons wait for the app: the keyboard does not stop on them.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('#prerendered main')), null);
    await page.addScriptTag({ content: AXE });
    const found = await page.evaluate(async () => (await window.axe.run(document)).violations.map(v => v.id));
    assert.deepEqual(found, [], `no violations on ${hash.slice(0, 4)}`);
    assert.equal(await page.locator('#prerendered').count(), 1, 'checked before the app started');
    // Keyboard focus stays where it was when the app takes the screen over.
    await page.locator('#prerendered main').focus();
    await release();
    await appStarted(page);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
    assert.equal(await page.evaluate(() => document.activeElement.closest('#prerendered')), null, 'on the app\'s own');
    await page.context().close();
  }
});
