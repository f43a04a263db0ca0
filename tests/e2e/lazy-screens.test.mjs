// The screens outside the first download (src/lazy_screens.rs, scripts/build-wasm.mjs): the
// Grader works before their files arrive, which the app then fetches while the page is idle;
// every screen opens from its address and from the navigation, also offline after one visit;
// a file that cannot be fetched is reported with a way to try again while the rest works; and
// nothing is fetched from anywhere but the app's own folder.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, BASE, fixture, setUp } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

// A screen of each group, and the History list of the first download, by address, with its heading.
const SCREENS = [
  ['#/accounts', 'Accounts'],
  ['#/accounts/new', 'Add an account'],
  ['#/accounts/rate', 'Rate accounts'],
  ['#/matrix', 'Portfolio matrix'],
  ['#/plans', 'Account plans'],
  ['#/history', 'Assessment history'],
  ['#/history/404', 'Assessment not found'],
  ['#/prospects', 'Prospects'],
  ['#/settings', 'Settings'],
  ['#/r/not-a-real-link', 'This link cannot be opened'],
  ['#/c/not-a-real-link', 'This link cannot be opened'],
];

const GROUPS = ['portfolio', 'spreadsheet', 'matrix', 'plans', 'history', 'more', 'share'];
const GROUP_FILE = /_split_(portfolio|spreadsheet|matrix|plans|history|more|share)\.wasm$/;

function heading(page, name) {
  return page.getByRole('heading', { level: 1, name, exact: true });
}

/** Loads the page afresh at `hash`, as from a bookmark, and waits for the screen's heading. */
async function openFresh(page, hash, name) {
  await page.goto('about:blank');
  await page.goto(env.server.url + hash);
  await heading(page, name).waitFor();
}

/** The app's requests for its own files, as paths. */
function watchRequests(page) {
  const paths = [];
  page.on('request', r => paths.push(new URL(r.url()).pathname));
  return paths;
}

/** Keeps in `window[name]` the stack of the first call that compiles the file ending in
 *  `suffix`: who asked for it, the page's loader or the app. */
function recordCompileAsker(page, suffix, name) {
  return page.addInitScript(([suffix, name]) => {
    const { compileStreaming } = WebAssembly;
    WebAssembly.compileStreaming = function (source) {
      const asker = new Error().stack;
      Promise.resolve(source).then(r => { if (r.url.endsWith(suffix)) window[name] ??= asker; }, () => {});
      return compileStreaming.call(this, source);
    };
  }, [suffix, name]);
}

test('the Grader works before the other screens\' files arrive; the app fetches them when idle', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  const held = [];
  await page.route(GROUP_FILE, route => { held.push(route); });
  const asked = page.waitForRequest(GROUP_FILE);
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  assert.equal(await page.locator('.score__value').textContent(), '1');
  // Asked for with no screen opened.
  await asked;
  for (const route of held) await route.continue();
  await page.unroute(GROUP_FILE);
  await page.waitForFunction(groups => groups.every(g =>
    performance.getEntriesByType('resource').some(e => e.name.endsWith(`_split_${g}.wasm`))), GROUPS);
  assert.equal(await heading(page, 'Grade your account management').count(), 1, 'still on the Grader');
});

// The reader of stored data (src/storage/reading.rs) is not in the first download: a start
// with data stored asks for its files while the page is parsed (scripts/post-build.mjs), not
// once the app asks, and downloads each once, the fetch that uses it taking the early copy.
test('a start with data stored asks for the reader of stored data while the page is parsed, each file once', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.waitForFunction(() => localStorage.length > 0);
  // This first visit fetches the reader too, last: done with before the next visit is watched.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some(e => e.name.endsWith('_split_reading.wasm')));
  const url = page.url();
  await page.goto('about:blank');
  const paths = watchRequests(page);
  // Who first asks for the reader's compilation: the page's loader, ahead of the app's load.
  await recordCompileAsker(page, '_split_reading.wasm', 'readerCompileAsker');
  await page.goto(url);
  await page.locator('.score__value').filter({ hasText: '1' }).waitFor();
  assert.match(await page.evaluate(() => window.readerCompileAsker), /loader\.js/, 'compiled as the page starts, not when the app asks');
  assert.equal(await page.locator('.start-failed').count(), 0);
  const reader = paths.filter(p => /_split_reading\.wasm$/.test(p));
  assert.equal(reader.length, 1, paths.join('\n'));
  // The first download too, asked for here and by the page's own links further down.
  const asked = await page.evaluate(() => [...document.head.querySelectorAll('link[rel$=preload]')].map(l => l.getAttribute('href')));
  assert.ok(asked.some(f => f.endsWith('_bg.wasm')) && asked.some(f => f.endsWith('loader.js')), asked.join());
  for (const file of asked) assert.equal(paths.filter(p => p.endsWith(file.slice(1))).length, 1, `${file} downloaded once`);
  // Asked for from the page's head, before the parser reached what follows the inline script.
  assert.ok(await page.evaluate(() => {
    const early = document.head.querySelector('link[rel=preload][href$="_split_reading.wasm"]');
    const later = document.head.querySelector('link[rel=expect]');
    return early && later && (early.compareDocumentPosition(later) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  }), 'the reader is asked for from the head');

  // A first visit, with nothing stored, asks for it only later.
  const fresh = await env.newPage({ serviceWorkers: 'block' });
  await env.open(fresh);
  assert.equal(await fresh.locator('link[href$="_split_reading.wasm"]').count(), 0);
  assert.equal(await fresh.evaluate(() => document.documentElement.classList.contains('may-start-with-data')), false);
  assert.equal(await fresh.evaluate(() => window.readerCompileAsker), undefined);
});

// A first visit's loader asks for the accounts' group as soon as the first download has
// arrived (scripts/post-build.mjs), so that its round trip does not wait for the app's start;
// the app's own load then takes that copy.
test('a first visit asks for the accounts\' files as the first download ends, each once', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  const paths = watchRequests(page);
  await recordCompileAsker(page, '_split_portfolio.wasm', 'accountsCompileAsker');
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await heading(page, 'Accounts').waitFor();
  assert.match(await page.evaluate(() => window.accountsCompileAsker), /loader\.js/, 'asked for by the page\'s loader, not when the app asks');
  assert.equal(paths.filter(p => /_split_portfolio\.wasm$/.test(p)).length, 1, paths.join('\n'));
  assert.equal(paths.filter(p => /_bg\.wasm$/.test(p)).length, 1, 'the first download, read by the loader too, once');
  assert.equal(await page.locator('.start-failed').count(), 0);

  // A shared link's page, which shows its content from the first screen's script too, waits
  // for the screens of shared links: the accounts' are not asked for ahead of them.
  const links = JSON.parse(await fixture('shared-links.json'));
  const shared = await env.newPage({ serviceWorkers: 'block' });
  await recordCompileAsker(shared, '_split_portfolio.wasm', 'accountsCompileAsker');
  await shared.goto(env.server.url + `#/r/${links.results[0]}`);
  await shared.locator('main .answer-list').waitFor();
  await shared.waitForFunction(() => performance.getEntriesByType('resource').some(e => e.name.endsWith('_split_portfolio.wasm')));
  assert.doesNotMatch(await shared.evaluate(() => window.accountsCompileAsker), /loader\.js/);
});

// The screen a visitor opens after the Grader: its list comes with the first download, its
// chart from the History group's file.
test('the history\'s list shows with the first download alone; its chart follows, or says it could not come', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.waitForFunction(() => localStorage.length > 0);
  const url = page.url();
  await page.goto('about:blank');
  const held = [];
  await page.route(/_split_history\.wasm$/, route => { held.push(route); });
  const asked = page.waitForRequest(/_split_history\.wasm$/);
  await page.goto(url.replace(/#.*$/, '#/history'));
  await heading(page, 'Assessment history').waitFor();
  await page.getByRole('row').filter({ hasText: '1/10' }).waitFor();
  await asked;
  const line = page.getByRole('status').filter({ hasText: 'The chart is on its way…' });
  await line.waitFor({ state: 'attached' });
  assert.equal(await page.locator('.trend__chart').count(), 0);
  for (const route of held) await route.continue();
  await page.unroute(/_split_history\.wasm$/);
  await page.locator('.trend__chart').waitFor();
  assert.equal(await line.count(), 0);

  // Its file refused: the list stays, the chart's card says so, and Try again brings it.
  const refused = await env.newPage({ serviceWorkers: 'block' });
  await refused.addInitScript(([key, value]) => {
    if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
  }, ['account-grader', await page.evaluate(() => localStorage.getItem('account-grader'))]);
  await refused.route(/_split_history\.wasm$/, route => route.abort());
  await refused.goto(url.replace(/#.*$/, '#/history'));
  const failure = refused.getByRole('alert').filter({ hasText: 'The chart did not arrive' });
  await failure.waitFor();
  assert.equal(await refused.getByRole('row').filter({ hasText: '1/10' }).count(), 1, 'the list is there');
  await refused.unroute(/_split_history\.wasm$/);
  await failure.getByRole('button', { name: 'Try again' }).click();
  await refused.locator('.trend__chart').waitFor();
  const expected = /Failed to load resource|_split_history|Failed to fetch|ERR_FAILED/;
  refused.problems.splice(0, refused.problems.length, ...refused.problems.filter(p => !expected.test(p)));
});

// The writer of stored data comes in a file of its own, which a first visit needs only at its
// first change: that change waits in the tab for it, and the tab asks before it is closed.
test('a first visit\'s first answer is stored once the writer arrives, and leaving before asks first', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  const held = [];
  await page.route(/_split_writing\.wasm$/, route => { held.push(route); });
  await env.open(page);
  const asked = page.waitForRequest(/_split_writing\.wasm$/);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.locator('.score__value').filter({ hasText: '1' }).waitFor();
  await asked;
  assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing written before the writer is here');
  const dialog = new Promise(resolve => {
    page.once('dialog', d => { resolve(d.type()); d.dismiss(); });
  });
  page.reload().catch(() => {});
  assert.equal(await dialog, 'beforeunload');
  for (const route of held) await route.continue();
  await page.unroute(/_split_writing\.wasm$/);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('account-grader') ?? '{}').grader?.draft?.['assigned-manager'] === 'yes');
});

// The Grader's "Invite someone" panel and an invitation's "Send your result" form come with
// the shared links' group: the Grader works without them, and they are asked for when wanted.
test('the Grader\'s sharing forms come with the shared links\' file when wanted, and say so when it fails', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  await page.route(/_split_share\.wasm$/, route => route.abort());
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.locator('.score__value').filter({ hasText: '1' }).waitFor();
  await page.getByText('Invite someone to grade their team').click();
  const failure = page.locator('.share-panel').getByRole('alert').filter({ hasText: 'This part did not arrive' });
  await failure.waitFor();
  assert.match(await failure.textContent(), /Your answers are all here/);
  await page.unroute(/_split_share\.wasm$/);
  await failure.getByRole('button', { name: 'Try again' }).click();
  await page.locator('#invite-sender').fill('Dana');
  // Closed and opened again, the form keeps what was typed.
  await page.getByText('Invite someone to grade their team').click();
  await page.getByText('Invite someone to grade their team').click();
  assert.equal(await page.locator('#invite-sender').inputValue(), 'Dana');
  assert.match(await page.getByLabel('Invitation link').inputValue(), /#\/invite\//);
  const expected = /Failed to load resource|_split_share|Failed to fetch|ERR_FAILED|A part of the app was not loaded/;
  page.problems.splice(0, page.problems.length, ...page.problems.filter(p => !expected.test(p)));
});

// "View it in your history", under the Grader's save, opens the saved assessment, whose code
// is the History group's: saving asks for it at once, whatever the fetches for later are at.
test('saving an assessment asks for the History group\'s file, ahead of the fetches for later', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  // The fetches for later start with the accounts' group: held, they never reach History's.
  const held = [];
  await page.route(/_split_portfolio\.wasm$/, route => { held.push(route); });
  const paths = watchRequests(page);
  const accountsAsked = page.waitForRequest(/_split_portfolio\.wasm$/);
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await accountsAsked;
  assert.equal(paths.filter(p => p.endsWith('_split_history.wasm')).length, 0, 'not asked for before the save');
  // Well before the held download's 30 s limit, after which the fetches for later go on.
  const asked = page.waitForRequest(/_split_history\.wasm$/, { timeout: 5_000 });
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await asked;
  await page.getByRole('link', { name: 'View it in your history' }).click();
  await page.getByRole('heading', { level: 1, name: /^Assessment of / }).waitFor();
  for (const route of held) await route.continue();
  await page.unroute(/_split_portfolio\.wasm$/);
});

test('every screen opens from its address, each group\'s file fetched from the app\'s folder', async () => {
  const page = await env.newPage();
  const paths = watchRequests(page);
  for (const [hash, name] of SCREENS) await openFresh(page, hash, name);
  for (const group of GROUPS) assert.ok(paths.some(p => p.endsWith(`_split_${group}.wasm`)), `${group} was fetched`);
  for (const path of paths.filter(p => p !== '/blank')) assert.ok(path.startsWith(BASE), `${path} is under ${BASE}`);
});

/** Opens `hash` afresh with its group's file (`group`) held back until the page has been idle
 *  a while, and returns the app's WebAssembly files asked for by then, without their prefix. */
async function filesWhileHeld(page, hash, group) {
  const paths = watchRequests(page);
  const file = new RegExp(`_split_${group}\\.wasm$`);
  const held = [];
  await page.route(file, route => { held.push(route); });
  const asked = page.waitForRequest(file);
  await page.goto(env.server.url + hash);
  await asked;
  await page.getByRole('status').filter({ hasText: 'Loading this screen…' }).waitFor({ state: 'attached' });
  await page.evaluate(() => new Promise(done => requestIdleCallback(() => setTimeout(done, 1500))));
  const wasm = paths.filter(p => p.endsWith('.wasm')).map(p => p.split('/').pop().replace(/^account-grader-[0-9a-f]+_/, ''));
  for (const route of held) await route.continue();
  await page.unroute(file);
  return wasm.sort();
}

test('the accounts, opened first, need their own files and one file of small chunks', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  // Not one request for each small chunk: on a slow connection they queued, six at a time.
  const files = await filesWhileHeld(page, '#/accounts', 'portfolio');
  assert.deepEqual(files.filter(f => !/^chunk_\d+\.wasm$/.test(f)), ['bg.wasm', 'small_chunks.wasm', 'split_portfolio.wasm']);
  await heading(page, 'Accounts').waitFor();
});

test('no other screens are fetched for later while a screen\'s file is on its way; then they are', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  // The page is idle while Settings' file is held: fetched now, the others would share a slow
  // connection with the one the visitor waits for.
  const files = await filesWhileHeld(page, '#/settings', 'more');
  assert.deepEqual(files.filter(f => f.startsWith('split_')), ['split_more.wasm']);
  await heading(page, 'Settings').waitFor();
  await page.waitForFunction(groups => groups.every(g =>
    performance.getEntriesByType('resource').some(e => e.name.endsWith(`_split_${g}.wasm`))), GROUPS);
});

test('on a first visit the service worker starts only once every screen\'s code is here', async () => {
  // Installing, the worker fetches every file of the app: on a slow connection it would share
  // the line with the screen the visitor is waiting for.
  const page = await env.newPage();
  const files = await filesWhileHeld(page, '#/settings', 'more');
  assert.ok(files.includes('split_more.wasm'));
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) === undefined), true,
    'no worker while Settings\' file is on its way');
  await heading(page, 'Settings').waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  const fetched = await page.evaluate(() => performance.getEntriesByType('resource').map(e => e.name));
  for (const group of GROUPS) assert.ok(fetched.some(n => n.endsWith(`_split_${group}.wasm`)), `${group} was fetched before the worker started`);
});

test('when the file of small chunks fails once, Try again brings the screen', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  let tries = 0;
  await page.route(/_small_chunks\.wasm$/, route => (tries++ === 0 ? route.abort() : route.continue()));
  await page.goto(env.server.url + '#/accounts');
  const failure = page.getByRole('alert').filter({ has: heading(page, 'This screen could not be loaded') });
  await failure.waitFor();
  await page.getByRole('button', { name: 'Try again' }).click();
  await heading(page, 'Accounts').waitFor();
  await page.unroute(/_small_chunks\.wasm$/);
  // The blocked file's failed request is this test's doing, not the app's error.
  const expected = /Failed to load resource|_small_chunks|Failed to fetch|ERR_FAILED|small_chunks\.wasm/;
  const others = page.problems.filter(p => !expected.test(p));
  page.problems.splice(0, page.problems.length, ...others);
});

test('a screen whose file stalls says so after a while, and Try again brings it', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  // The first request for Settings' file is never answered, as on a connection gone quiet.
  let tries = 0;
  const stalled = [];
  await page.route(/_split_more\.wasm$/, route => (tries++ === 0 ? stalled.push(route) : route.continue()));
  await page.goto(env.server.url + '#/settings');
  await page.getByRole('status').filter({ hasText: 'Loading this screen…' }).waitFor({ state: 'attached' });
  const failure = page.getByRole('alert').filter({ has: heading(page, 'This screen could not be loaded') });
  await failure.waitFor({ timeout: 45_000 });
  await page.getByRole('button', { name: 'Try again' }).click();
  await heading(page, 'Settings').waitFor();
  await page.unroute(/_split_more\.wasm$/);
  const expected = /Failed to load resource|_split_more|signal timed out|TimeoutError|aborted/i;
  const others = page.problems.filter(p => !expected.test(p));
  page.problems.splice(0, page.problems.length, ...others);
});

test('a screen whose file is still on its way says so, then shows itself and takes focus', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  const held = [];
  await page.route(/_split_portfolio\.wasm$/, route => { held.push(route); });
  const asked = page.waitForRequest(/_split_portfolio\.wasm$/);
  await env.open(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await asked;
  await page.getByRole('status').filter({ hasText: 'Loading this screen…' }).waitFor({ state: 'attached' });
  for (const route of held) await route.continue();
  await page.unroute(/_split_portfolio\.wasm$/);
  await heading(page, 'Accounts').waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Accounts');
});

test('a screen whose file cannot be fetched says so, the rest works, and Try again brings it', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  await page.route(/_split_plans\.wasm$/, route => route.abort());
  await env.open(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Plans' }).click();
  const failure = page.getByRole('alert').filter({ has: heading(page, 'This screen could not be loaded') });
  await failure.waitFor();
  assert.match(await failure.textContent(), /Your data is safe/);
  // Focus went with the user to the screen they asked for, now the message.
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));

  await nav.getByRole('link', { name: 'Accounts' }).click();
  await heading(page, 'Accounts').waitFor();
  await nav.getByRole('link', { name: 'Grader' }).click();
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  assert.equal(await page.locator('.score__value').textContent(), '1');

  await nav.getByRole('link', { name: 'Plans' }).click();
  await failure.waitFor();
  await page.unroute(/_split_plans\.wasm$/);
  await page.getByRole('button', { name: 'Try again' }).click();
  await heading(page, 'Account plans').waitFor();
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  // The blocked file's failed requests are this test's doing, not the app's errors.
  const expected = /Failed to load resource|_split_plans|Failed to fetch|ERR_FAILED/;
  const others = page.problems.filter(p => !expected.test(p));
  page.problems.splice(0, page.problems.length, ...others);
});

test('after one visit every screen opens with the network off', async () => {
  const worker = await readFile(new URL('../../dist/sw.js', import.meta.url), 'utf8');
  const later = JSON.parse(worker.match(/const LATER = (\[.*\]);/)[1]);
  assert.ok(later.length >= GROUPS.length, 'the worker knows the files loaded later');
  const page = await env.newPage();
  await env.open(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Every file loaded later is kept by the worker, without any screen having been opened.
  // (Checked in the page until true: waitForFunction would not wait for the cache's answers.)
  await page.evaluate(async files => {
    for (;;) {
      const keys = await caches.keys();
      const cache = await caches.open(keys.find(k => k.startsWith('account-grader-')));
      const kept = await Promise.all(files.map(f => cache.match(new URL(f, location.href).href)));
      if (kept.every(Boolean)) return;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }, later);

  await page.context().setOffline(true);
  try {
    for (const [hash, name] of SCREENS) await openFresh(page, hash, name);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Matrix' }).click();
    await heading(page, 'Portfolio matrix').waitFor();
  } finally {
    await page.context().setOffline(false);
  }
});

// What can happen on a screen of the first download before the other files arrive changes
// only what that download holds the code for: nothing asked for then is lost.

test('a backup exported from the storage notice before Settings\' file arrives is recorded there', async () => {
  const page = await env.newPage({ acceptDownloads: true, serviceWorkers: 'block' });
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.storageFull && key === 'account-grader') throw new DOMException('quota', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  const held = [];
  await page.route(GROUP_FILE, route => { held.push(route); });
  await env.open(page);
  await page.evaluate(() => { window.storageFull = true; });
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  const banner = page.getByRole('alert').filter({ hasText: 'Changes are not being saved' });
  await Promise.all([page.waitForEvent('download'), banner.getByRole('button', { name: 'Export all data' }).click()]);
  assert.ok(!(await page.evaluate(() =>
    performance.getEntriesByType('resource').some(e => /_split_more\.wasm$/.test(e.name)))), 'Settings\' file had not arrived');

  await page.evaluate(() => { window.storageFull = false; });
  for (const route of held) await route.continue();
  await page.unroute(GROUP_FILE);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await heading(page, 'Settings').waitFor();
  const backup = page.getByText(/^Last backup: /);
  assert.doesNotMatch(await backup.textContent(), /never/);
});

test('accounts another tab adds while only the Grader is here show once Accounts opens', async () => {
  const first = await env.newPage({ serviceWorkers: 'block' });
  const held = [];
  await first.route(GROUP_FILE, route => { held.push(route); });
  await env.open(first);
  const second = await first.context().newPage();
  await second.goto(env.server.url + '#/accounts/new');
  await second.getByLabel(/^Name/).fill('Lumen Media');
  await second.getByRole('button', { name: 'Add account' }).click();
  await heading(second, 'Lumen Media').waitFor();

  await first.getByRole('status').filter({ hasText: 'Updated from another tab' }).or(
    first.getByText('Updated from another tab')).first().waitFor();
  await first.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  for (const route of held) await route.continue();
  await first.unroute(GROUP_FILE);
  await heading(first, 'Accounts').waitFor();
  await first.getByRole('link', { name: 'Lumen Media' }).first().waitFor();
});
