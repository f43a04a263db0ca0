import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assert, setUp, stored, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const csvFile = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.isBuffer(text) ? text : Buffer.from(text) });
const accounts = async page => JSON.parse(await stored(page) ?? '{"portfolio":{"accounts":[]}}').portfolio.accounts;
/** The accounts stored once something is: a first visit's first save waits for the writer. */
const savedAccounts = async page => (await storedDocument(page)).portfolio.accounts;

/** A HubSpot-like export of 60 invented companies; the tier sits in a column named
 *  "Segment", which the app does not guess, and row 11 has a revenue it cannot read. */
function sixtyRows() {
  const lines = ['Company name,Company owner,Industry,Annual Revenue,Segment,Access to decision makers'];
  for (let i = 1; i <= 60; i++) {
    const revenue = i === 10 ? 'lots' : `"$${(i * 10000).toLocaleString('en-US')}"`;
    lines.push(`"Company ${i}, Inc.",Owner ${i % 4},Industry ${i % 5},${revenue},${'ABC'[i % 3]},${(i % 5) + 1}`);
  }
  return lines.join('\r\n') + '\r\n';
}

test('a 60-row CSV is mapped, previewed, imported, undone and imported again', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  await page.locator('#csv-file').setInputFiles(csvFile('companies.csv', sixtyRows()));
  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  await preview.waitFor();
  assert.match(await preview.textContent(), /To add: 60 accounts/);
  assert.equal(await page.locator('#csv-too-big').count(), 0, 'sixty accounts fit');
  assert.match(await preview.textContent(), /Row 11, Annual Revenue "lots"/);
  assert.equal(await preview.getByLabel('Company name').inputValue(), 'name');
  assert.equal(await preview.getByLabel('Company owner').inputValue(), 'manager');
  assert.equal(await preview.getByLabel('Segment').inputValue(), 'ignore');
  await preview.getByLabel('Segment').selectOption({ label: 'Tier' });
  assert.deepEqual(await accounts(page), [], 'nothing changes before Import');

  await preview.getByRole('button', { name: 'Import' }).click();
  await page.getByText('Imported from the spreadsheet: 60 added, 0 updated.').waitFor();
  let list = await savedAccounts(page);
  assert.equal(list.length, 60);
  const first = list.find(a => a.name === 'Company 1, Inc.');
  assert.equal(first.tier, 'B');
  assert.equal(first.revenue, 10000);
  assert.equal(first.manager, 'Owner 1');
  assert.equal(first.ratings['decision-maker-access'], 2);
  assert.equal(list.find(a => a.name === 'Company 10, Inc.').revenue ?? null, null);

  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).waitFor();
  assert.deepEqual(await accounts(page), []);

  // The mapping chosen is remembered for the next file with these headings.
  await page.locator('#csv-file').setInputFiles(csvFile('companies.csv', sixtyRows()));
  await preview.waitFor();
  assert.equal(await preview.getByLabel('Segment').inputValue(), 'tier');
  await preview.getByRole('button', { name: 'Import' }).click();
  await page.getByText('Imported from the spreadsheet: 60 added').waitFor();
  list = await savedAccounts(page);
  assert.equal(list.length, 60);
  assert.equal(list.find(a => a.name === 'Company 1, Inc.').tier, 'B');
});

test('exported accounts import back unchanged, here and in another browser', async () => {
  const page = await env.newPage({ acceptDownloads: true });
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await page.getByText('Showing 12 of 12 accounts').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export accounts (CSV)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^accounts-\d{4}-\d{2}-\d{2}\.csv$/);
  const exported = await readFile(await download.path());
  const text = exported.toString('utf8');
  assert.match(text, /^\uFEFFName,Industry,Account manager,Annual revenue,Tier,Notes,/);
  assert.match(text.split('\r\n')[0], /Relationship score,Potential score,Quadrant,BCG category,Plan status,Last review$/);

  // Into the same data: every row matches and nothing would change.
  await page.locator('#csv-file').setInputFiles(csvFile('accounts.csv', exported));
  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  assert.match(await preview.textContent(), /To add: 0 accounts.*To update: 0 accounts.*To skip: 12 rows.*Problems: 0/);
  assert.equal(await preview.getByRole('button', { name: 'Import' }).isDisabled(), true);
  await preview.getByRole('button', { name: 'Cancel' }).click();

  // Into an empty browser: the same accounts, field for field.
  const other = await env.newPage();
  await env.open(other, '#/accounts');
  await other.locator('#csv-file').setInputFiles(csvFile('accounts.csv', exported));
  await other.getByRole('region', { name: 'Import these accounts?' }).getByRole('button', { name: 'Import' }).click();
  await other.getByText('Imported from the spreadsheet: 12 added').waitFor();
  const fields = a => ({ name: a.name, industry: a.industry, manager: a.manager, revenue: a.revenue, tier: a.tier, notes: a.notes, ratings: a.ratings });
  const byName = list => list.map(fields).sort((x, y) => x.name.localeCompare(y.name));
  assert.deepEqual(byName(await savedAccounts(other)), byName(await savedAccounts(page)));

  // The matrix's groups and guidelines, for a slide.
  await env.open(page, '#/matrix');
  const [groups] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Groups and guidelines (CSV)' }).click(),
  ]);
  const sheet = await readFile(await groups.path(), 'utf8');
  assert.match(sheet, /^\uFEFFGroup,Account,Tier,Account manager,Annual revenue\r\n/);
  assert.match(sheet, /\r\nGuideline,Level/);
});

test('files that are not usable are refused with a reason and change nothing', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  const input = page.locator('#csv-file');
  await input.setInputFiles(csvFile('empty.csv', ''));
  await page.getByText('This file is empty.').waitFor();
  await input.setInputFiles(csvFile('sheet.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 8, 0, 0, 0])));
  await page.getByText('This file is not a CSV file.').waitFor();
  // Too big to hand over as a buffer: written to a file first.
  const big = join(await mkdtemp(join(tmpdir(), 'csv-')), 'big.csv');
  await writeFile(big, Buffer.alloc(50 * 1024 * 1024, 'a'));
  await input.setInputFiles(big);
  await page.getByText(/This file is 50\.0 MB; files up to 10 MB/).waitFor();
  await input.setInputFiles(csvFile('headings.csv', 'Name,Tier\r\n'));
  await page.getByText('column headings but no rows').waitFor();

  // No column that looks like a name: the preview asks for one and cannot import.
  await input.setInputFiles(csvFile('other.csv', 'Colour;Size\nred;3\nblue;4\n'));
  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  await preview.getByText('No column is imported as the name').waitFor();
  assert.equal(await preview.getByRole('button', { name: 'Import' }).isDisabled(), true);
  await preview.getByLabel('Colour').selectOption({ label: 'Name' });
  assert.match(await preview.textContent(), /To add: 2 accounts/);
  await preview.getByRole('button', { name: 'Cancel' }).click();
  assert.deepEqual(await accounts(page), []);
});

test('a CSV file dropped on the panel opens the same preview', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  const panel = page.locator('.csv-panel');
  // The panel's controls come in a download of their own: until then it says they are on
  // their way, and a drop is not taken.
  await page.locator('#csv-file').waitFor({ state: 'attached' });
  const data = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Account Name;Industry\nDropped Co;Retail\n'], 'dropped.csv', { type: 'text/csv' }));
    return transfer;
  });
  await panel.dispatchEvent('dragover', { dataTransfer: data });
  await panel.dispatchEvent('drop', { dataTransfer: data });
  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  await preview.waitFor();
  assert.match(await preview.textContent(), /To add: 1 account/);
  await preview.getByRole('button', { name: 'Import' }).click();
  await page.getByText('Imported from the spreadsheet: 1 added, 0 updated.').waitFor();
  assert.deepEqual((await savedAccounts(page)).map(a => [a.name, a.industry]), [['Dropped Co', 'Retail']]);
});

test('a file dropped before the panel\'s controls arrive is not opened by the browser, and the panel says to drop it again', async () => {
  const page = await env.newPage();
  const held = [];
  await page.route(/split_spreadsheet\.wasm$/, route => { held.push(route); });
  await env.open(page, '#/accounts');
  const panel = page.locator('.csv-panel');
  await panel.getByText('The spreadsheet import is on its way…').waitFor();
  const data = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(['Name\nEarly Co\n'], 'early.csv', { type: 'text/csv' }));
    return transfer;
  });
  assert.equal(await page.evaluate(() => {
    const event = new DragEvent('drop', { dataTransfer: new DataTransfer(), bubbles: true, cancelable: true });
    document.querySelector('.csv-panel').dispatchEvent(event);
    return event.defaultPrevented;
  }), true, 'the browser does not open the file');
  await panel.dispatchEvent('drop', { dataTransfer: data });
  await panel.getByText('drop the file again in a moment').waitFor();
  await Promise.all(held.map(r => r.continue()));
  await page.locator('#csv-file').waitFor({ state: 'attached' });
  await page.context().close();
});

test('taking a column\'s choice for another says so, and undoing it gives it back', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  // Below a list, the header reaches the panel in one step; the preview takes focus once read.
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await page.getByText('Showing 12 of 12 accounts').waitFor();
  await page.getByRole('button', { name: 'Import a spreadsheet…' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'csv-file');
  await page.locator('#csv-file').setInputFiles(csvFile('crm.csv', 'Company name,Notes,Lifecycle Stage\nAcme,Met at fair,Lead\n'));
  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  await preview.waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'csv-preview-title');
  assert.equal(await preview.getByLabel('Notes', { exact: true }).inputValue(), 'notes');
  await preview.getByLabel('Lifecycle Stage').selectOption({ label: 'Notes' });
  await preview.getByText('“Notes” is no longer imported as Notes: “Lifecycle Stage” is, as you chose.').waitFor();
  assert.equal(await preview.getByLabel('Notes', { exact: true }).inputValue(), 'ignore');
  await preview.getByLabel('Lifecycle Stage').selectOption({ label: 'Do not import' });
  assert.equal(await preview.getByLabel('Notes', { exact: true }).inputValue(), 'notes', 'given back');
  assert.equal(await preview.getByText('is no longer imported as').count(), 0);
});

test('tier words are mapped in one small table, their problem is one line, Import stays in view, and the result comes into view', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  const words = ['Strategic', 'Key', 'Growth', 'Maintain'];
  const lines = ['Name,Tier,Manager,Revenue,Industry'];
  for (let i = 0; i < 2000; i++) lines.push(`Firm ${i + 1},${words[i % 4]},Manager ${i % 7},${1000 + i},Retail`);
  const file = csvFile('tiers.csv', lines.join('\n'));
  await page.locator('#csv-file').setInputFiles(file);
  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  await preview.waitFor();
  await page.locator('.csv-summary').waitFor();

  // One line for 2 000 rows of the same problem, saying what becomes of the values.
  const problems = preview.getByRole('region', { name: /^Problems/ }).getByRole('listitem');
  assert.equal(await problems.count(), 1);
  assert.match(await problems.first().textContent(),
    /^Tier, 2\u00a0000 rows \(2, 3, 4 and 1\u00a0997 more\) with “Strategic” \(500\), “Key” \(500\), “Growth” \(500\) and 1 more value: Not A, B or C, so no tier is taken from it: an account here keeps its tier, a new one gets tier C\./);
  assert.match(await preview.textContent(), /To add: 2\u00a0000 accounts/);
  // Each word once, with its rows, unmapped until chosen: no guess from a business word.
  const tiers = preview.getByRole('region', { name: 'Tier values' });
  assert.deepEqual(await tiers.locator('tbody th label').allTextContents(), words);
  assert.deepEqual(await tiers.locator('tbody td.num').allTextContents(), words.map(() => '500'));
  for (const w of words) assert.equal(await tiers.getByLabel(w, { exact: true }).inputValue(), '');

  // Import and Cancel stay in view while the long lists scroll past.
  const importButton = preview.getByRole('button', { name: 'Import', exact: true });
  await preview.getByRole('heading', { name: /^To add/ }).scrollIntoViewIfNeeded();
  assert.equal(await inView(importButton), true);
  assert.equal(await inView(preview.getByRole('button', { name: 'Cancel' })), true);

  await tiers.getByLabel('Strategic', { exact: true }).selectOption({ label: 'Tier A' });
  await tiers.getByLabel('Key', { exact: true }).selectOption({ label: 'Tier B' });
  await tiers.getByLabel('Growth', { exact: true }).selectOption({ label: 'Tier C' });
  await tiers.getByLabel('Maintain', { exact: true }).selectOption({ label: 'Leave as is' });
  await page.waitForFunction(() => /Problems: 0/.test(document.querySelector('.csv-summary')?.textContent));
  await page.waitForFunction(() => !document.getElementById('csv-progress'));
  await importButton.click();
  await page.getByText('Imported from the spreadsheet: 2\u00a0000 added, 0 updated.').waitFor();
  const byName = Object.fromEntries((await savedAccounts(page)).map(a => [a.name, a.tier]));
  assert.deepEqual([byName['Firm 1'], byName['Firm 2'], byName['Firm 3'], byName['Firm 4']], ['A', 'B', 'C', 'C']);

  // The result is in view and has focus: the list's count, not the spot where Import was.
  const count = page.locator('#account-count');
  await page.waitForFunction(() => document.activeElement?.id === 'account-count');
  assert.equal(await count.textContent(), 'Showing 1–100 of 2\u00a0000 accounts');
  assert.equal(await inView(count), true);

  // The words' tiers are remembered with the columns for the next file.
  await page.locator('#csv-file').setInputFiles(file);
  await preview.waitFor();
  assert.equal(await tiers.getByLabel('Strategic', { exact: true }).inputValue(), 'a');
  assert.equal(await tiers.getByLabel('Maintain', { exact: true }).inputValue(), 'leave');
});

/** Whether the element is wholly inside the window. */
const inView = locator => locator.evaluate(e => {
  const r = e.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
});

test('a file too large for what the browser keeps is said to be so before Import', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  const rows = Array.from({ length: 20000 }, (_, i) => `Client ${i},Dana Reyes,Logistics,125000`);
  await page.locator('#csv-file').setInputFiles(csvFile('big.csv', ['Name,Manager,Industry,Revenue', ...rows].join('\n')));
  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  await preview.waitFor();
  const warning = page.locator('#csv-too-big');
  await warning.waitFor();
  assert.match(await warning.textContent(), /more than the browser keeps for this site \(about 5\.0 MB\).*export all data afterwards/);
  assert.ok(await preview.getByRole('button', { name: 'Import', exact: true }).isEnabled(), 'it can still be imported, knowingly');
});

test('a spreadsheet previewed on the empty list carries on when another tab adds the first accounts', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  const other = await page.context().newPage();
  await other.goto(page.url());
  const demo = other.getByRole('button', { name: /Explore a demo portfolio/ });
  await demo.waitFor();

  await page.locator('#csv-file').setInputFiles(csvFile('two.csv', 'Name,Industry\nNorthwind Logistics,Freight\nFresh Start Ltd,Retail\n'));
  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  await preview.waitFor();
  assert.match(await preview.textContent(), /To add: 2 accounts/);

  // The other tab fills the list, one of its accounts named as a row of the file: the empty
  // screen gives way to the list, and the preview stays, checked against the new accounts.
  await demo.click();
  await page.locator('.accounts-table').waitFor();
  await page.waitForFunction(() => /To update: 1 account(?!s)/.test(document.querySelector('.csv-summary')?.textContent));
  assert.match(await preview.textContent(), /To add: 1 account(?!s)/);
  await preview.getByRole('button', { name: 'Import' }).click();
  await page.getByText('Imported from the spreadsheet: 1 added, 1 updated.').waitFor();
  const list = await savedAccounts(page);
  assert.equal(list.find(a => a.name === 'Northwind Logistics').industry, 'Freight');
  assert.ok(list.some(a => a.name === 'Fresh Start Ltd'));
  assert.equal(list.filter(a => a.demo).length + 1, list.length, 'the demo accounts and the new one');
  assert.equal(await page.getByText('you left the page').count(), 0);
});
