import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, BACKUP_KEY, fixture, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const GARBAGE = '{"version":1,"grader": this is not json';

test('unreadable stored data gets a banner, a download, and is never overwritten', async () => {
  const page = await env.newPage({ acceptDownloads: true });
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, GARBAGE]);
  await page.reload();

  const banner = page.getByRole('alert').filter({ hasText: 'Your saved data could not be read' });
  await banner.waitFor();
  assert.equal(await stored(page), GARBAGE, 'the unreadable value is still in place');
  assert.equal(await stored(page, BACKUP_KEY), GARBAGE, 'and a copy is in the backup key');
  assert.equal(await page.locator('.score__value').textContent(), '0', 'the app starts empty');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    banner.getByRole('button', { name: 'Download the unreadable data' }).click(),
  ]);
  assert.equal(await readFile(await download.path(), 'utf8'), GARBAGE);

  // Reloading again does not lose anything either.
  await page.reload();
  await banner.waitFor();
  assert.equal(await stored(page), GARBAGE);

  // Only a change the user makes replaces the stored value; the backup stays.
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  const doc = await storedDocument(page);
  assert.equal(doc.grader.draft['assigned-manager'], 'yes');
  assert.equal(await stored(page, BACKUP_KEY), GARBAGE);
});

test('data from a newer version is kept and explained', async () => {
  const page = await env.newPage();
  await env.open(page);
  const newer = JSON.stringify({ version: 99, grader: {} });
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, newer]);
  await page.reload();
  await page.getByText('written by a newer version of Account Grader').waitFor();
  assert.equal(await stored(page), newer);
  // The newer version owns that data: changes here stay in this tab, even with a backup made.
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  assert.equal(await page.locator('.score__value').textContent(), '1');
  assert.equal(await stored(page), newer);
});

test('saved data of schema version 1 opens with its history', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, await fixture('v1.json')]);
  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await page.getByLabel('Label (optional)').inputValue(), 'Next review');
  assert.equal(await page.locator('.score__value').textContent(), '2');
  assert.equal(await page.getByRole('alert').count(), 0, 'no warning for good data');
});

test('two tabs never overwrite each other: each picks up what the other saved', async () => {
  const first = await env.newPage();
  await env.open(first);
  const second = await first.context().newPage();
  await second.goto(first.url());
  await second.locator('main h1').waitFor();

  // Save in the first tab.
  await first.getByRole('radio', { name: 'We do this consistently' }).nth(0).check();
  await first.getByRole('button', { name: 'Save assessment' }).click();
  // The second tab, opened earlier, learns about it...
  await second.getByText('Updated from another tab').waitFor();
  assert.equal(await second.locator('.score__value').textContent(), '1');
  // ...so a change made there keeps the first tab's saved assessment.
  await second.getByRole('radio', { name: 'We do this consistently' }).nth(1).check();
  const doc = await storedDocument(second);
  assert.equal(doc.grader.history.length, 1);
  assert.equal(doc.grader.draft['manageable-load'], 'yes');
  assert.equal(await first.locator('.score__value').textContent(), '2');
});

test('a copy of unreadable data set aside stays reachable from Settings after the notice is dismissed', async () => {
  const page = await env.newPage({ acceptDownloads: true });
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, GARBAGE]);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Your saved data could not be read' });
  await banner.getByRole('button', { name: 'Dismiss' }).click();
  // Focus, lost with the button, goes to the screen's heading.
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.reload();
  assert.equal(await banner.count(), 0, 'the notice does not come back');

  await env.open(page, '#/settings');
  const kept = page.getByRole('region', { name: 'Unreadable data kept aside' });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    kept.getByRole('button', { name: /^Download Copy 1/ }).click(),
  ]);
  assert.equal(await readFile(await download.path(), 'utf8'), GARBAGE);
  await kept.getByRole('button', { name: /^Delete Copy 1/ }).click();
  await kept.getByRole('button', { name: 'Yes, delete it' }).click();
  await kept.waitFor({ state: 'detached' });
  assert.equal(await stored(page, BACKUP_KEY), null);
});
