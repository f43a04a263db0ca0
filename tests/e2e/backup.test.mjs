import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, setUp, stored } from './harness.mjs';

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
  await target.locator('#import-file').setInputFiles(file('other.json', '{"name":"something else"}'));
  await target.getByText('was not exported by Account Grader').waitFor();
  assert.equal(JSON.parse(await stored(target)).portfolio.accounts.length, 1);

  await target.locator('#import-file').setInputFiles(file('backup.json', backup));
  const preview = target.getByRole('region', { name: 'Import this backup?' });
  assert.match(await preview.textContent(), /Accounts: 12 added, 0 updated/);
  await preview.getByText('Replace my data').click();
  assert.match(await preview.textContent(), /Accounts: 12 added, 1 removed/);
  await preview.getByText('Merge with my data').click();
  await preview.getByRole('button', { name: 'Import' }).click();
  assert.equal(JSON.parse(await stored(target)).portfolio.accounts.length, 13);

  // One click restores the data as it was before the import.
  await target.getByRole('button', { name: 'Undo' }).click();
  assert.equal(JSON.parse(await stored(target)).portfolio.accounts.length, 1);
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
