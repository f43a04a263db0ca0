import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

test('a full storage quota keeps the work in the tab, damages nothing, and export still works', async () => {
  const page = await env.newPage({ acceptDownloads: true });
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.storageFull && key === 'account-grader') throw new DOMException('quota', 'QuotaExceededError');
      return setItem.call(this, key, value);
    };
  });
  await env.open(page);
  const yes = page.getByRole('radio', { name: 'We do this consistently' });
  await yes.nth(0).check();
  await storedDocument(page);
  const before = await stored(page);

  await page.evaluate(() => { window.storageFull = true; });
  await yes.nth(1).check();
  const banner = page.getByRole('alert').filter({ hasText: 'Changes are not being saved' });
  assert.match(await banner.textContent(), /storage for this site is full/);
  // Nothing else is stored: the way to make room is in the app's own data.
  assert.match(await banner.textContent(), /Your data takes \d+ KB: deleting what you no longer need/);
  assert.equal(await stored(page), before, 'what was stored before is intact');
  assert.equal(await page.locator('.score__value').textContent(), '2', 'the tab keeps the change');
  // The way to keep what cannot be stored is in the message itself, and a notice at the
  // bottom of the screen (where an undoable change is confirmed) points to it.
  await banner.getByRole('button', { name: 'Export all data' }).waitFor();
  await page.getByRole('button', { name: 'Clear answers' }).click();
  assert.match(await page.locator('.toast__text').textContent(), /^Answers cleared\. Not saved in this browser: see the message at the top of the page\.$/);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.locator('.score__value').textContent(), '2');

  // Exported from the message, as from Settings.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Export all data' }).click(),
  ]);
  const backup = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(backup.data.grader.draft['manageable-load'], 'yes', 'the export has the unsaved change');

  // A text at least as long as one refused is not tried again (a refused write of a large
  // document takes as long as a write), even once there would be room...
  await page.evaluate(() => { window.storageFull = false; });
  await env.open(page);
  await yes.nth(2).check();
  await page.locator('.score__value').filter({ hasText: '3' }).waitFor();
  assert.equal(await stored(page), before);
  assert.match(await banner.textContent(), /storage for this site is full/);
  // ...until the user asks: then everything is saved and the warning goes.
  await banner.getByRole('button', { name: 'Try saving again' }).click();
  await banner.waitFor({ state: 'detached' });
  assert.equal((await storedDocument(page)).grader.draft['growth-goals'], 'yes');
});

test('storage filled by another page of the site says so, rather than asking to delete accounts', async () => {
  const page = await env.newPage();
  await env.open(page);
  // Another page of this site fills the storage, to within a few characters.
  await page.evaluate(() => {
    let size = 6_000_000;
    for (;;) {
      try { localStorage.setItem('other-page', 'x'.repeat(size)); break; } catch { size -= 50_000; }
    }
    for (let step = 25_000; step >= 1; step = Math.floor(step / 2)) {
      try { localStorage.setItem('other-page', 'x'.repeat(size + step)); size += step; } catch { /* too big */ }
    }
  });
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  const banner = page.getByRole('alert').filter({ hasText: 'Changes are not being saved' });
  await banner.waitFor();
  assert.match(await banner.textContent(), /Other data kept by this site's pages takes 5\.\d MB, and Account Grader's own \d+ KB/);
  assert.doesNotMatch(await banner.textContent(), /deleting what you no longer need/);
  await page.evaluate(() => localStorage.removeItem('other-page'));
});

const PAYLOADS = ['<script>window.pwned = 1</script>', '<img src="x" onerror="window.pwned = 1">'];

test('markup typed, imported or stored is shown as text and never run', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts/new');
  // Typed into a form.
  await page.getByLabel(/^Name/).fill(PAYLOADS[0]);
  await page.getByLabel('Notes').fill(PAYLOADS[1]);
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('heading', { name: PAYLOADS[0] }).waitFor();
  assert.match(await page.locator('.notes').textContent(), /<img src="x" onerror/);

  // Read from storage: a saved assessment label and an account name.
  const doc = await storedDocument(page);
  doc.grader.history = [{ id: 90, saved_at: '2026-11-01T10:00:00Z', label: PAYLOADS[1], answers: {} }];
  const ratings = Object.fromEntries(['decision-maker-access', 'share-of-organization', 'share-of-portfolio', 'share-of-thought',
    'promises-delivered', 'contact-cadence', 'long-term-potential', 'needs-fit', 'profitability', 'strategic-value'].map(k => [k, 4]));
  doc.portfolio.accounts.push({ ...doc.portfolio.accounts[0], id: 91, name: PAYLOADS[1], ratings });
  doc.next_id = 92;
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, JSON.stringify(doc)]);
  await page.reload();
  for (const hash of ['#/history', '#/history/90', '#/accounts', '#/matrix', '#/accounts/91', '#/plans']) {
    await env.open(page, hash);
  }
  // The matrix writes its points as markup text: the name is its point's label and name, as text.
  await env.open(page, '#/matrix');
  const point = page.locator('a.matrix__point[href="#/accounts/91"]');
  assert.match(await point.getAttribute('aria-label'), /^<img src="x" onerror="window.pwned = 1">: /);
  assert.equal(await point.locator('text.matrix__label').textContent(), PAYLOADS[1]);
  assert.equal(await page.locator('.matrix img').count(), 0);
  // Imported from a backup file.
  await env.open(page, '#/settings');
  const backup = { app: 'account-grader', kind: 'backup', version: 3, data: { ...doc, version: 3 } };
  backup.data.portfolio.accounts = [{ ...doc.portfolio.accounts[0], id: 5, name: `${PAYLOADS[0]} imported` }];
  await page.locator('#import-file').setInputFiles({ name: 'b.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(backup)) });
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText(/^Imported: .*\.$/).waitFor();
  await env.open(page, '#/accounts');
  assert.match(await page.locator('.accounts-table').textContent(), /<script>window.pwned = 1<\/script> imported/);

  assert.equal(await page.evaluate(() => window.pwned), undefined, 'no payload ran');
  assert.equal(await page.locator('main img, main script').count(), 0, 'no element was created from text');
});

test('every screen loads with no request to any other host', async () => {
  const page = await env.newPage();
  const outside = [];
  await page.route('**/*', route => {
    const url = new URL(route.request().url());
    if (url.origin !== new URL(env.server.url).origin) { outside.push(url.href); return route.abort(); }
    return route.continue();
  });
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/1/plan');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await env.open(page);
  await page.getByRole('button', { name: 'Save assessment' }).click();
  for (const hash of ['#/grader', '#/history', '#/history/13', '#/accounts', '#/accounts/new', '#/accounts/1',
    '#/accounts/1/edit', '#/accounts/1/plan', '#/accounts/1/plan/view', '#/matrix', '#/plans', '#/templates/0',
    '#/settings', '#/no-such-screen']) {
    await env.open(page, hash);
  }
  await page.getByRole('link', { name: 'Matrix' }).click();
  await page.getByRole('radio', { name: 'Growth × share (BCG)' }).check();
  assert.deepEqual(outside, []);
});
