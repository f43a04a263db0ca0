import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const file = (name, text) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text) });

test('all data exports to one file that imports into another browser, previewed and undoable', async () => {
  const source = await env.newPage({ acceptDownloads: true });
  await env.open(source, '#/accounts');
  await source.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(source, '#/settings');
  const [download] = await Promise.all([
    source.waitForEvent('download'),
    source.getByRole('button', { name: 'Export all data' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^account-grader-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const backup = await readFile(await download.path(), 'utf8');
  const parsed = JSON.parse(backup);
  assert.equal(parsed.app, 'account-grader');
  assert.equal(parsed.data.portfolio.accounts.length, 12);
  assert.doesNotMatch(await source.locator('#backup-title + p + p').textContent(), /never/);

  // Another browser with one account of its own.
  const target = await env.newPage();
  await env.open(target, '#/accounts/new');
  await target.getByLabel(/^Name/).fill('Zephyr Analytics');
  await target.getByRole('button', { name: 'Add account' }).click();
  await target.getByRole('heading', { name: 'Zephyr Analytics' }).waitFor();
  await env.open(target, '#/settings');

  // Wrong files change nothing and say why.
  await target.locator('#import-file').setInputFiles(file('notes.json', 'hello'));
  await target.getByText('This file is not a JSON file').waitFor();
  await target.locator('#import-file').setInputFiles(file('cut.json', backup.slice(0, 500)));
  await target.getByText('stops part-way through its data').waitFor();
  await target.locator('#import-file').setInputFiles(file('other.json', '{"name":"something else"}'));
  await target.getByText('was not made by Account Grader').waitFor();
  assert.equal((await storedDocument(target)).portfolio.accounts.length, 1);

  await target.locator('#import-file').setInputFiles(file('backup.json', backup));
  const preview = target.getByRole('region', { name: 'Import this backup?' });
  assert.match(await preview.textContent(), /Accounts: 12 added, 0 updated/);
  await preview.getByText('Replace my data').click();
  assert.match(await preview.textContent(), /Accounts: 12 from the file in place of 1 here/);
  // What replacing would delete is named, not only counted.
  const onlyHere = preview.getByRole('region', { name: 'Only here: replacing deletes them (1)' });
  assert.equal(await onlyHere.getByRole('listitem').textContent(), 'Account "Zephyr Analytics"');
  await preview.getByText('Merge with my data').click();
  await preview.getByRole('button', { name: 'Import' }).click();
  await target.getByText('Imported: 12 accounts added, 0 updated.', { exact: true }).waitFor();
  assert.equal((await storedDocument(target)).portfolio.accounts.length, 13);

  // An import's Undo stays on offer, with nobody on it, past the few seconds after which a
  // single change's goes.
  await target.locator('main h1').focus();
  await target.mouse.move(0, 0);
  await target.waitForTimeout(9000);
  // One click restores the data as it was before the import.
  await target.getByRole('button', { name: 'Undo' }).click();
  assert.equal((await storedDocument(target)).portfolio.accounts.length, 1);
});

test('merging the same backup a second time says nothing changed, saves nothing and offers no Undo', async () => {
  const source = await env.newPage({ acceptDownloads: true });
  await env.open(source, '#/accounts');
  await source.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(source, '#/settings');
  const [download] = await Promise.all([
    source.waitForEvent('download'),
    source.getByRole('button', { name: 'Export all data' }).click(),
  ]);
  const backup = await readFile(await download.path(), 'utf8');

  const page = await env.newPage();
  await env.open(page, '#/settings');
  const preview = page.getByRole('region', { name: 'Import this backup?' });
  await page.locator('#import-file').setInputFiles(file('backup.json', backup));
  await preview.getByRole('button', { name: 'Import' }).click();
  await page.getByText('Imported: 12 accounts added, 0 updated.', { exact: true }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).waitFor();
  await storedDocument(page);
  const once = await stored(page);

  await page.locator('#import-file').setInputFiles(file('backup.json', backup));
  assert.match(await preview.textContent(), /Accounts: 0 added, 12 unchanged/);
  await preview.getByRole('button', { name: 'Import' }).click();
  await page.getByText('Nothing to import: your data already holds everything in this file').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 0);
  assert.equal(await stored(page), once);
});

test('a backup is suggested when data is over a month old and never exported', async () => {
  const page = await env.newPage();
  await env.open(page);
  const old = {
    version: 3,
    next_id: 2,
    portfolio: { accounts: [{ id: 1, name: 'Old Client', created_at: '2020-01-01T09:00:00Z', updated_at: '2020-01-01T09:00:00Z' }] },
  };
  await page.evaluate(v => localStorage.setItem('account-grader', v), JSON.stringify(old));
  await page.reload();
  await page.getByText('Time for a backup').waitFor();
  await page.getByRole('button', { name: 'Not now' }).click();
  assert.equal(await page.getByText('Time for a backup').count(), 0);
});

const account = (id, name, extra = {}) =>
  ({ id, name, created_at: '2026-11-01T09:00:00Z', updated_at: '2026-11-01T09:00:00Z', ...extra });

test('data that could not be read at start-up comes back through Import, with what was left out listed', async () => {
  const page = await env.newPage({ acceptDownloads: true });
  await env.open(page);
  const doc = {
    version: 3,
    next_id: 4,
    portfolio: {
      accounts: [
        account(1, 'Acme Logistics', { revenue: 250000, notes: 'Key client' }),
        account(2, 'Birch Foods', { revenue: 'lots', notes: 'Renewal in May' }),
        account(3, 'Cedar Health', { tier: 'A' }),
      ],
      snapshots: [],
    },
  };
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, JSON.stringify(doc)]);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Your saved data could not be read' });
  await banner.waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download the unreadable data' }).click(),
  ]);
  const text = await readFile(await download.path(), 'utf8');

  // The banner says where to take the file.
  await banner.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('heading', { name: 'Backup and restore' }).waitFor();
  await page.locator('#import-file').setInputFiles({ name: download.suggestedFilename(), mimeType: 'text/plain', buffer: Buffer.from(text) });
  const preview = page.getByRole('region', { name: 'Import this saved data?' });
  await preview.waitFor();
  assert.match(await preview.textContent(), /Accounts: 3 added, 0 updated/);
  const left = preview.getByRole('region', { name: /Left out: could not be read \(1\)/ });
  assert.match(await left.textContent(), /Account "Birch Foods": "revenue" left out \(expected a number, found text\)/);
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Imported: 3 accounts added, 0 updated; the 1 part that could not be read was left out.').waitFor();

  const accounts = (await storedDocument(page)).portfolio.accounts;
  assert.deepEqual(accounts.map(a => a.name), ['Acme Logistics', 'Birch Foods', 'Cedar Health']);
  assert.equal(accounts[0].revenue, 250000);
  assert.equal(accounts[1].revenue, null, 'only the unreadable figure is gone');
  assert.equal(accounts[1].notes, 'Renewal in May');
  await env.open(page, '#/accounts');
  assert.match(await page.locator('.accounts-table').textContent(), /Birch Foods/);
});

test('names that differ only in capitals or spaces are one name: every collision is listed, and nothing is lost', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts/new');
  await page.getByLabel(/^Name/).fill('Acme');
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('heading', { name: 'Acme' }).waitFor();
  await env.open(page, '#/settings');

  const data = {
    version: 3,
    next_id: 5,
    // ACME's copy is newer than the Acme made above, so that merging takes the file's.
    portfolio: { accounts: [account(1, 'ACME ', { updated_at: '2030-01-01T09:00:00Z' }), account(2, 'acme'), account(3, 'Beta'), account(4, 'beta')], snapshots: [] },
  };
  const backup = { app: 'account-grader', kind: 'backup', version: 3, exported_at: '2026-11-01T09:00:00Z', data };
  await page.locator('#import-file').setInputFiles(file('backup.json', JSON.stringify(backup)));
  const preview = page.getByRole('region', { name: 'Import this backup?' });
  await preview.waitFor();
  assert.match(await preview.textContent(), /Accounts: 3 added, 1 updated/);
  const names = await preview.getByRole('region', { name: /Names taken \(3\)/ }).getByRole('listitem').allTextContents();
  assert.deepEqual(names, [
    'Account "ACME " has the same name as "Acme" here: the file\'s details replace the ones here.',
    'Account "acme" has the same name as "ACME " earlier in the file; it is added as "acme 2".',
    'Account "beta" has the same name as "Beta" earlier in the file; it is added as "beta 2".',
  ]);
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText(/^Imported: .*\.$/).waitFor();
  const accounts = (await storedDocument(page)).portfolio.accounts;
  assert.deepEqual(accounts.map(a => a.name), ['ACME', 'acme 2', 'Beta', 'beta 2']);
});

test('a file from a newer version is refused, and says why', async () => {
  const page = await env.newPage();
  await env.open(page, '#/settings');
  const newer = JSON.stringify({ version: 99, portfolio: { accounts: [account(1, 'Acme')] } });
  await page.locator('#import-file').setInputFiles(file('newer.json', newer));
  await page.getByText('This file comes from a newer version of Account Grader').waitFor();
  assert.equal(await page.getByRole('region', { name: /Import this/ }).count(), 0);
});
