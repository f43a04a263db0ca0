// Nothing stored is ever lost to another tab, an older build, or a value too big to copy.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, BACKUP_KEY, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const NEWER = JSON.stringify({ version: 99, grader: { draft: {} }, something_new: [1, 2, 3] });
const yes = (page, n = 0) => page.getByRole('radio', { name: 'We do this consistently' }).nth(n);

/** Reloads `page` and says whether the browser asked first (a dialog it then dismisses). */
function reloadAsks(page) {
  const asked = new Promise(resolve => {
    page.once('dialog', dialog => { resolve(dialog.type() === 'beforeunload'); dialog.dismiss(); });
    setTimeout(() => resolve(false), 5000);
  });
  page.reload().catch(() => {});
  return asked;
}

/** Two tabs of the app on one browser profile, the second opened after the first. */
async function twoTabs(hash = '#/grader') {
  const first = await env.newPage();
  await env.open(first, hash);
  const second = await first.context().newPage();
  await second.goto(first.url());
  await second.locator('main h1').waitFor();
  return [first, second];
}

test('a tab that sees a newer version stored by another tab stops saving and offers a reload', async () => {
  const [older, newer] = await twoTabs();
  await yes(older, 0).check();
  await newer.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, NEWER]);

  const banner = older.getByRole('alert').filter({ hasText: 'Account Grader was updated in another tab' });
  await banner.waitFor();
  assert.ok(await banner.getByRole('button', { name: 'Reload' }).isVisible());

  // Its next change stays in the tab: the newer document is untouched, and the change can be
  // taken away as a file.
  await yes(older, 1).check();
  assert.equal(await older.locator('.score__value').textContent(), '2');
  assert.equal(await stored(older), NEWER);
  await banner.getByRole('button', { name: "Export this tab's data" }).waitFor();
});

test('the version is checked again right before each write, even with no event', async () => {
  const page = await env.newPage();
  await env.open(page);
  await yes(page, 0).check();
  // A write from this very page fires no storage event here: only the check before the next
  // write can notice it.
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, NEWER]);
  await yes(page, 1).check();
  const banner = page.getByRole('alert').filter({ hasText: 'Account Grader was updated in another tab' });
  await banner.waitFor();
  assert.equal(await stored(page), NEWER);
  // The answer whose save found the newer version is held in this tab only, and says so.
  await banner.getByRole('button', { name: "Export this tab's data" }).waitFor();
  assert.ok(await reloadAsks(page), 'a reload asks first');
  await yes(page, 2).check();
  assert.equal(await stored(page), NEWER);
});

test('a value another tab stored that cannot be read at all also stops saving', async () => {
  const [first, second] = await twoTabs();
  const garbage = '{"version":3, this is not JSON';
  await second.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, garbage]);
  await first.getByRole('alert').filter({ hasText: 'Another tab stored data this tab cannot read' }).waitFor();
  await yes(first, 0).check();
  assert.equal(await stored(first), garbage);
});

test('unreadable data too big to copy is never written over; discarding it is an explicit choice', async () => {
  const page = await env.newPage();
  await env.open(page);
  // About half the browser's quota: a second copy under the backup key does not fit.
  const big = '{"version":3,"grader": damaged ' + 'x'.repeat(2_700_000);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, big]);
  await page.reload();

  const banner = page.getByRole('alert').filter({ hasText: 'Your saved data could not be read' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /could not be copied elsewhere in this browser because there is not enough room/);
  assert.equal(await stored(page, BACKUP_KEY), null, 'the copy really failed');
  assert.equal(await banner.getByRole('button', { name: 'Dismiss' }).count(), 0);

  // Working goes on in memory, and the only copy stays as it was.
  await yes(page, 0).check();
  await yes(page, 1).check();
  assert.equal(await page.locator('.score__value').textContent(), '2');
  assert.ok((await stored(page)) === big, 'the stored value is unchanged');

  // With changes held only in this tab, a reload asks first.
  assert.ok(await reloadAsks(page), 'a reload asks first');
  assert.equal(await page.locator('.score__value').textContent(), '2');

  await banner.getByRole('button', { name: 'Discard it and start again…' }).click();
  await banner.getByRole('button', { name: 'Keep it' }).click();
  assert.ok((await stored(page)) === big);
  await banner.getByRole('button', { name: 'Discard it and start again…' }).click();
  // The question takes focus, so a keyboard user answers it next.
  await page.waitForFunction(() => document.activeElement?.textContent === 'Yes, discard it');
  await banner.getByRole('button', { name: 'Yes, discard it' }).click();
  await banner.waitFor({ state: 'detached' });
  const doc = await storedDocument(page);
  assert.equal(Object.keys(doc.grader.draft).length, 2, 'what was done in memory is saved now');
});

test('a reload asks first while saving keeps failing', async () => {
  const page = await env.newPage();
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.storageFull && key === 'account-grader') throw new DOMException('quota', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await env.open(page);
  await yes(page, 0).check();
  await page.evaluate(() => { window.storageFull = true; });
  await yes(page, 1).check();
  await page.getByRole('alert').filter({ hasText: 'Changes are not being saved' }).waitFor();
  assert.ok(await reloadAsks(page), 'a reload asks first');
  assert.equal(await page.locator('.score__value').textContent(), '2');
});

test('changes made in two tabs at the same moment to different records both survive', async () => {
  const [first, second] = await twoTabs('#/accounts');
  await first.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await second.getByText('Showing 12 of 12 accounts').waitFor();
  await first.goto(first.url().replace(/#.*/, '#/grader'));
  await first.locator('main h1').waitFor();
  await second.getByRole('link', { name: 'Harbor Health Group', exact: true }).click();
  await second.getByRole('heading', { name: 'Harbor Health Group', level: 1 }).waitFor();

  const rating = n => second.getByRole('group', { name: 'Access to decision makers' }).getByRole('radio', { name: String(n), exact: true });
  // Each round, both tabs change their record within the same millisecond.
  for (const round of [0, 1, 2]) {
    const at = Date.now() + 300;
    const clickAt = (el, t) => setTimeout(() => el.click(), t - Date.now());
    await Promise.all([
      yes(first, round).evaluate(clickAt, at),
      rating(round + 2).evaluate(clickAt, at),
    ]);
    await first.waitForFunction(([k, round]) => {
      const doc = JSON.parse(localStorage.getItem(k));
      const harbor = doc.portfolio.accounts.find(a => a.name === 'Harbor Health Group');
      return Object.keys(doc.grader.draft).length === round + 1
        && harbor.ratings['decision-maker-access'] === round + 2;
    }, [STORAGE_KEY, round], { timeout: 5000 });
    await first.locator('.score__value').filter({ hasText: String(round + 1) }).waitFor();
    assert.ok(await rating(round + 2).isChecked(), `round ${round}: the rating stays in its tab`);
  }
  await second.getByRole('link', { name: 'Grader' }).first().click();
  await second.locator('.score__value').filter({ hasText: '3' }).waitFor();
});

test('another tab deleting the account shown puts the focus on the screen that says so, not on the page', async () => {
  const [first, second] = await twoTabs('#/accounts');
  await first.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await second.getByText('Showing 12 of 12 accounts').waitFor();
  await second.getByRole('link', { name: 'Harbor Health Group', exact: true }).click();
  await second.getByRole('heading', { name: 'Harbor Health Group', level: 1 }).waitFor();
  await second.getByRole('button', { name: 'Delete this account' }).focus();

  await first.getByRole('link', { name: 'Harbor Health Group', exact: true }).click();
  await first.getByRole('button', { name: 'Delete this account' }).click();
  await second.getByRole('heading', { name: 'Account not found', level: 1 }).waitFor();
  await second.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await second.evaluate(() => document.activeElement.textContent.trim()), 'Account not found');
  // This tab says which account went, and can bring it back itself; its notice does not
  // take the focus from the heading.
  const notice = second.locator('.toast');
  await notice.getByText('Harbor Health Group was deleted in another tab.').waitFor();
  assert.equal(await second.evaluate(() => document.activeElement.textContent.trim()), 'Account not found');
  await notice.getByRole('button', { name: 'Undo' }).click();
  await second.getByRole('heading', { name: 'Harbor Health Group', level: 1 }).waitFor();
  await first.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
  await first.locator('.accounts-table').getByRole('link', { name: 'Harbor Health Group', exact: true }).waitFor();
});

test("another tab's save keeps a deleted account's Undo here, and Undo keeps that tab's change", async () => {
  const [first, second] = await twoTabs('#/accounts');
  await first.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await second.getByText('Showing 12 of 12 accounts').waitFor();
  const harbor = async () => (await storedDocument(first)).portfolio.accounts.find(a => a.name === 'Harbor Health Group');
  const ratings = (await harbor()).ratings;
  await first.getByRole('link', { name: 'Harbor Health Group', exact: true }).click();
  await first.getByRole('button', { name: 'Delete this account' }).focus();
  await first.keyboard.press('Enter');
  await first.getByText('Deleted Harbor Health Group.').waitFor();
  await first.waitForFunction(() => document.activeElement?.id === 'undo-button');

  // The other tab, having read the delete, rates another account.
  await second.getByText('Showing 11 of 11 accounts').waitFor();
  await second.getByRole('link', { name: 'Meridian Hotels', exact: true }).click();
  await second.getByRole('group', { name: 'Access to decision makers' }).getByRole('radio', { name: '1', exact: true }).click();
  await first.getByRole('heading', { name: 'Updated from another tab' }).waitFor();
  assert.ok(await first.getByText('Deleted Harbor Health Group.').isVisible(), 'the notice stays');
  assert.equal(await first.evaluate(() => document.activeElement?.id), 'undo-button', 'and keeps the focus');

  await first.keyboard.press('Enter');
  await first.getByRole('heading', { name: 'Harbor Health Group', level: 1 }).waitFor();
  await first.waitForFunction(k => JSON.parse(localStorage.getItem(k)).portfolio.accounts.length === 12, STORAGE_KEY);
  assert.deepEqual((await harbor()).ratings, ratings, 'back with its ratings');
  const meridian = (await storedDocument(first)).portfolio.accounts.find(a => a.name === 'Meridian Hotels');
  assert.equal(meridian.ratings['decision-maker-access'], 1, "the other tab's rating is kept");
  // And the other tab shows it back too.
  await second.getByRole('link', { name: 'Accounts' }).first().click();
  await second.getByText('Showing 12 of 12 accounts').waitFor();
});

test('unreadable data too big to copy comes back by importing its download, and saving starts again', async () => {
  const page = await env.newPage({ acceptDownloads: true });
  await env.open(page);
  // One field the app cannot read, and enough text that no second copy fits.
  const account = (id, name, extra = {}) => ({
    id, name, industry: '', manager: '', revenue: null, tier: 'B', notes: '', ratings: {},
    market: {}, created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z', ...extra,
  });
  const doc = {
    version: 3, next_id: 10,
    grader: { draft: {}, draft_label: '', history: [] },
    portfolio: {
      accounts: [
        account(1, 'Acme', { notes: 'n'.repeat(2_700_000) }),
        account(2, 'Beta', { revenue: 'lots' }),
      ],
      snapshots: [],
    },
  };
  const text = JSON.stringify(doc);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, text]);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Your saved data could not be read' });
  await banner.waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download the unreadable data' }).click(),
  ]);
  await banner.getByRole('link', { name: 'Settings' }).click();
  await page.locator('#import-file').setInputFiles(await download.path());
  const preview = page.getByRole('region', { name: 'Import this saved data?' });
  await preview.getByText('This is the data this browser could not read').waitFor();
  assert.match(await preview.textContent(), /revenue/);
  assert.ok((await stored(page)) === text, 'nothing is written before the import');
  await preview.getByRole('button', { name: 'Import' }).click();

  await banner.waitFor({ state: 'detached' });
  const saved = await storedDocument(page);
  assert.deepEqual(saved.portfolio.accounts.map(a => a.name), ['Acme', 'Beta']);
  assert.equal(saved.portfolio.accounts[1].revenue, null, 'only the bad field is left out');
});

// The reader of stored data comes in a file of its own (src/storage/reading.rs): a first visit
// starts without it, and a returning one waits for it.
const READER_FILE = /_split_reading\.wasm$/;

test('a first visit leaves what another tab stored alone until it can read it, then joins it', async () => {
  const first = await env.newPage({ serviceWorkers: 'block' });
  const held = [];
  await first.route(READER_FILE, route => { held.push(route); });
  await env.open(first);
  await yes(first, 0).check();
  await first.waitForFunction(() => localStorage.length > 0);
  // The second tab finds data, reads it, and adds an answer of its own.
  const second = await first.context().newPage();
  await second.goto(first.url());
  await second.locator('main h1').waitFor();
  await yes(second, 5).check();
  await second.waitForFunction(k => Object.keys(JSON.parse(localStorage.getItem(k)).grader.draft).length === 2, STORAGE_KEY);
  const theirs = await stored(second);

  // The first tab cannot read it yet: its next answer is kept, not written over theirs, and
  // after a moment the tab says so.
  await yes(first, 1).check();
  assert.equal(await first.locator('.score__value').textContent(), '2');
  assert.equal(await stored(first), theirs);
  const notice = first.getByRole('status').filter({ hasText: 'Changes here are waiting to be saved' });
  await notice.waitFor();
  assert.match(await notice.textContent(), /what you change here is kept in this tab only: closing it would lose it/);
  await notice.getByRole('button', { name: "Export this tab's data" }).waitFor();
  assert.equal(await stored(first), theirs);
  assert.ok(await reloadAsks(first), 'a reload asks first while its answer is unsaved');

  // Once the reader is here, both tabs' answers are joined and stored.
  assert.equal(held.length, 1, 'the reader was asked for, and held');
  await Promise.all(held.splice(0).map(route => route.continue()));
  await first.unroute(READER_FILE);
  await first.locator('.score__value').filter({ hasText: '3' }).waitFor();
  await first.waitForFunction(k => Object.keys(JSON.parse(localStorage.getItem(k)).grader.draft).length === 3, STORAGE_KEY);
  await second.locator('.score__value').filter({ hasText: '3' }).waitFor();
  await notice.waitFor({ state: 'detached' });
});

test('stored data whose reader cannot be downloaded is left as it was, and the tab says so', async () => {
  const page = await env.newPage({ serviceWorkers: 'block', acceptDownloads: true });
  await env.open(page);
  await yes(page, 0).check();
  await page.waitForFunction(() => localStorage.length > 0);
  const before = await stored(page);

  await page.route(READER_FILE, route => route.abort());
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Your saved data could not be read' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /Check the connection, then reload/);
  // The stored data can be had as it is, without the reader: Settings imports that file.
  const [asStored] = await Promise.all([page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download the saved data as it is' }).click()]);
  assert.match(asStored.suggestedFilename(), /^account-grader-saved-data-\d{4}-\d{2}-\d{2}\.json$/);
  assert.equal(await readFile(await asStored.path(), 'utf8'), before);
  await yes(page, 1).check();
  assert.equal(await stored(page), before, 'nothing is written over what could not be read');
  assert.ok(await reloadAsks(page), 'a reload asks first');

  // The screens do not say there is nothing stored, and Settings neither imports into data
  // that is never stored nor calls this tab's data a backup.
  const notRead = /Your saved data could not be read in this tab/;
  await page.evaluate(() => { location.hash = '#/history'; });
  await page.locator('main').getByText(notRead).waitFor();
  assert.equal(await page.getByText('No saved assessments yet').count(), 0);
  assert.equal(await page.getByRole('link', { name: 'Take the assessment' }).count(), 0);
  await page.evaluate(() => { location.hash = '#/accounts'; });
  await page.locator('main').getByText(notRead).waitFor();
  assert.equal(await page.getByRole('button', { name: /Explore a demo portfolio/ }).isVisible(), false);
  assert.equal(await page.locator('#csv-file').isDisabled(), true, 'no spreadsheet import into data never stored');
  await page.evaluate(() => { location.hash = '#/plans'; });
  await page.locator('main').getByText(notRead).waitFor();
  assert.equal(await page.getByText(/used by 0 plans/).count(), 0, 'the plans that use a template are not known');
  assert.equal(await page.getByRole('button', { name: 'New blank template' }).isDisabled(), true, 'no template that is never stored');
  await page.evaluate(() => { location.hash = '#/prospects'; });
  await page.locator('main').getByText(notRead).waitFor();
  await page.evaluate(() => { location.hash = '#/accounts/1'; });
  await page.getByRole('heading', { name: 'Not shown in this tab' }).waitFor();
  assert.equal(await page.getByText('It may have been deleted').count(), 0);
  await page.evaluate(() => { location.hash = '#/settings'; });
  const exportButton = page.getByRole('button', { name: "Export this tab's data" }).last();
  await exportButton.waitFor();
  assert.equal(await page.locator('#import-file').isDisabled(), true, 'no import into data never stored');
  assert.match(await page.locator('#settings-unread').textContent(), /The settings below are the defaults, not yours/);
  assert.equal(await page.getByLabel('Revenue is entered in').isDisabled(), true, 'the defaults are not offered as the visitor\'s');
  assert.doesNotMatch(await page.locator('#stored-size').textContent(), /takes 0 bytes/, 'the stored size is known unread');
  const [download] = await Promise.all([page.waitForEvent('download'), exportButton.click()]);
  assert.match(download.suggestedFilename(), /^account-grader-this-tab-\d{4}-\d{2}-\d{2}\.json$/);
  await page.getByText("This tab's data downloaded.").waitFor();
  assert.match(await page.getByText(/^Last backup:/).textContent(), /not known in this tab/, 'nor said to be never');
  assert.equal(await stored(page), before);

  // An assessment saved there is not said to be saved, and the Grader says its answers are
  // not the visitor's saved ones.
  await page.evaluate(() => { location.hash = '#/grader'; });
  await page.getByText(/Your saved answers could not be read in this tab/).waitFor();
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('button', { name: 'Kept in this tab' }).waitFor();
  await page.getByText(/Kept in this tab's history with a score of 1\/10, but not yet stored in this browser/).waitFor();
  assert.equal(await page.getByText(/^Saved with a score/).count(), 0);
  assert.equal(await stored(page), before);

  // In a tab where the file comes, the data is all there.
  const again = await page.context().newPage();
  await again.goto(page.url().replace(/#.*/, '#/grader'));
  await again.locator('.score__value').filter({ hasText: '1' }).waitFor();
  // The file says inside that it is one tab's, from a tab that could not read the data:
  // imported where the data was read, it is not offered as a backup, and merges, even after
  // Replace was chosen for another file.
  const file = await readFile(await download.path(), 'utf8');
  assert.match(file, /"scope": "this-tab-unread"/);
  const importFile = (name, text) => again.locator('#import-file').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  await again.evaluate(() => { location.hash = '#/settings'; });
  await importFile('backup.json', file.replace(/\s*"scope": "this-tab-unread",/, ''));
  const backupPreview = again.getByRole('region', { name: 'Import this backup?' });
  await backupPreview.getByRole('radio', { name: 'Replace my data' }).check();
  await importFile(download.suggestedFilename(), file);
  const preview = again.getByRole('region', { name: "Import this tab's data?" });
  await preview.waitFor();
  assert.match(await preview.textContent(), /not a full backup.*That tab could not see your data/s);
  assert.equal(await preview.getByRole('radio', { name: 'Merge with my data' }).isChecked(), true);
  await preview.getByRole('button', { name: 'Cancel' }).click();
  // The saved data as it was stored imports as such.
  await importFile(asStored.suggestedFilename(), await readFile(await asStored.path(), 'utf8'));
  await again.getByRole('region', { name: 'Import this saved data?' }).waitFor();
  await page.unroute(READER_FILE);
  // The refused file's failed request is this test's doing, not the app's error.
  const expected = /Failed to load resource|_split_reading|Failed to fetch|ERR_FAILED/;
  const others = page.problems.filter(p => !expected.test(p));
  page.problems.splice(0, page.problems.length, ...others);
});

test('a start whose reader of stored data is slow says what it waits for, then shows the screen', async () => {
  const page = await env.newPage({ serviceWorkers: 'block' });
  await env.open(page);
  await yes(page, 0).check();
  await page.waitForFunction(() => localStorage.length > 0);

  const held = [];
  await page.route(READER_FILE, route => { held.push(route); });
  // Not the harness's reload, which waits for the app to start.
  await Promise.all([page.waitForNavigation({ waitUntil: 'commit' }), page.evaluate(() => setTimeout(() => location.reload()))]);
  const line = page.getByRole('status').filter({ hasText: 'Loading this screen…' });
  await line.waitFor();
  const slow = page.getByRole('status').filter({ hasText: 'Opening your saved data is taking longer than usual' });
  await slow.waitFor();
  assert.match(await slow.textContent(), /Your data is safe/);
  assert.equal(await page.locator('.score__value').isVisible(), false, 'the Grader waits for the data');

  for (const route of held) await route.continue();
  await page.unroute(READER_FILE);
  await page.locator('.score__value').filter({ hasText: '1' }).waitFor();
  assert.equal(await slow.count(), 0);
});
