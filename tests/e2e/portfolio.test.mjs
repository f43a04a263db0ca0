import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, fixture, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

async function withDemo(options) {
  const page = await env.newPage(options);
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await page.getByText('Showing 12 of 12 accounts').waitFor();
  return page;
}

const names = page => page.locator('.accounts-table tbody td[data-label="Name"]').allTextContents();

test('an empty portfolio offers a demo; the list searches, filters and sorts it', async () => {
  const page = await withDemo();
  await page.getByLabel('Search by name').fill('health');
  assert.deepEqual(await names(page), ['Harbor Health Group']);
  await page.getByLabel('Search by name').fill('');

  await page.getByLabel('Quadrant').selectOption({ label: 'Rethink' });
  assert.deepEqual(await names(page), ['Granite Construction', 'Lumen Media']);
  await page.getByLabel('Quadrant').selectOption({ label: 'Not rated' });
  assert.deepEqual(await names(page), ['Sable Biotech']);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  await page.getByLabel('Tier').selectOption('A');
  await page.getByLabel('Account manager').selectOption('Priya Shah');
  assert.deepEqual(await names(page), ['Harbor Health Group', 'Northwind Logistics']);
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // Sorting by a column header, twice for descending.
  await page.getByRole('button', { name: 'Revenue' }).click();
  await page.getByRole('button', { name: 'Revenue' }).click();
  assert.equal(await page.locator('th[aria-sort="descending"]').textContent(), 'Revenue ▼');
  const sorted = await names(page);
  assert.equal(sorted[0], 'Northwind Logistics');
  assert.equal(sorted.at(-1), 'Lumen Media');
  // The filters survive a visit to an account and back.
  await page.getByRole('link', { name: 'Northwind Logistics', exact: true }).click();
  await page.getByRole('link', { name: '← All accounts' }).click();
  await page.locator('th[aria-sort="descending"]').waitFor();
  assert.equal((await names(page))[0], 'Northwind Logistics');
});

test('the account form refuses bad input next to the field and saves nothing half-way', async () => {
  const page = await withDemo();
  await page.getByRole('link', { name: 'Add account' }).click();
  await page.getByRole('heading', { name: 'Add an account' }).waitFor();
  const save = page.getByRole('button', { name: 'Add account' });

  await page.getByLabel('Annual revenue (USD)').fill('-5');
  await save.click();
  assert.match(await page.locator('#account-name-error').textContent(), /Enter the account's name/);
  assert.match(await page.locator('#account-revenue-error').textContent(), /cannot be negative/);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'account-name');

  await page.getByLabel(/^Name/).fill('  lumen media ');
  await page.getByLabel('Annual revenue (USD)').fill('250.000');
  await save.click();
  assert.match(await page.locator('#account-name-error').textContent(), /already an account called/);
  assert.match(await page.locator('#account-revenue-error').textContent(), /plain number/);
  assert.equal((await storedDocument(page)).portfolio.accounts.length, 12, 'nothing saved');

  await page.getByLabel(/^Name/).fill('Zephyr Analytics');
  await page.getByLabel('Annual revenue (USD)').fill('75,000');
  await page.getByLabel('Account manager').fill('Mei Chen');
  await page.getByLabel('Tier').selectOption('B');
  await save.click();
  await page.getByRole('heading', { name: 'Zephyr Analytics', level: 1 }).waitFor();
  assert.match(await page.locator('.details-list').textContent(), /\$75,000/);
  assert.match(await page.locator('.classification').textContent(), /Not rated/);
});

test('a manager or industry typed in another case is the same one in the filters', async () => {
  const page = await withDemo();
  await page.getByRole('link', { name: 'Add account' }).click();
  await page.getByLabel(/^Name/).fill('Zephyr Analytics');
  await page.getByLabel('Account manager').fill('priya shah ');
  await page.getByLabel('Industry').fill('LOGISTICS');
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('heading', { name: 'Zephyr Analytics', level: 1 }).waitFor();
  await env.open(page, '#/accounts');
  const managers = await page.getByLabel('Account manager').locator('option').allTextContents();
  assert.equal(managers.filter(m => /priya shah/i.test(m)).length, 1, managers.join(', '));
  await page.getByLabel('Account manager').selectOption('Priya Shah');
  assert.ok((await names(page)).includes('Zephyr Analytics'));
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await env.open(page, '#/matrix');
  const industries = await page.getByLabel('Industry').locator('option').allTextContents();
  assert.equal(industries.filter(i => /logistics/i.test(i)).length, 1, industries.join(', '));
});

test('typing left in the account form is kept for later, and a reload asks first', async () => {
  const page = await withDemo();
  await page.getByRole('link', { name: 'Add account' }).click();
  await page.getByRole('heading', { name: 'Add an account' }).waitFor();
  await page.getByLabel(/^Name/).fill('Half-typed Holdings');
  await page.getByLabel('Notes').fill('Met at the trade fair');

  // A reload asks before the typing is lost; staying keeps it.
  const asked = new Promise(resolve => page.once('dialog', dialog => { resolve(dialog.type()); dialog.dismiss(); }));
  page.reload().catch(() => {});
  assert.equal(await asked, 'beforeunload');
  assert.equal(await page.getByLabel(/^Name/).inputValue(), 'Half-typed Holdings');

  // Leaving for another screen and coming back finds the typing, with a way to drop it.
  await page.getByRole('link', { name: 'Matrix' }).click();
  await page.getByRole('heading', { name: 'Portfolio matrix' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Add an account' }).waitFor();
  assert.equal(await page.getByLabel(/^Name/).inputValue(), 'Half-typed Holdings');
  assert.equal(await page.getByLabel('Notes').inputValue(), 'Met at the trade fair');
  await page.getByRole('button', { name: 'Discard them' }).click();
  assert.equal(await page.getByLabel(/^Name/).inputValue(), '');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'account-name');
  assert.equal((await storedDocument(page)).portfolio.accounts.length, 12, 'nothing saved');

  // Cancel means the typing is not wanted.
  await page.getByLabel(/^Name/).fill('Not wanted');
  await page.getByRole('link', { name: 'Cancel' }).click();
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Add account' }).click();
  await page.getByRole('heading', { name: 'Add an account' }).waitFor();
  assert.equal(await page.getByLabel(/^Name/).inputValue(), '');

  // A saved form leaves no draft behind.
  await page.getByLabel(/^Name/).fill('Zephyr Analytics');
  await page.getByRole('button', { name: 'Add account' }).click();
  await page.getByRole('heading', { name: 'Zephyr Analytics', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Accounts' }).first().click();
  await page.getByRole('link', { name: 'Add account' }).click();
  await page.getByRole('heading', { name: 'Add an account' }).waitFor();
  assert.equal(await page.getByLabel(/^Name/).inputValue(), '');
  assert.equal(await page.getByRole('button', { name: 'Discard them' }).count(), 0);

  // Editing an existing account keeps its typing the same way.
  await env.open(page, '#/accounts/1/edit');
  await page.getByLabel(/^Name/).fill('Northwind Logistics Group');
  await page.getByRole('link', { name: 'Matrix' }).click();
  await page.getByRole('heading', { name: 'Portfolio matrix' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Edit Northwind Logistics' }).waitFor();
  assert.equal(await page.getByLabel(/^Name/).inputValue(), 'Northwind Logistics Group');
  await page.getByRole('button', { name: 'Discard them' }).waitFor();
});

test('rating an account places it in a quadrant with the reasons, and it survives a reload', async () => {
  const page = await withDemo();
  await env.open(page, '#/accounts/12');
  await page.getByRole('heading', { name: 'Sable Biotech' }).waitFor();
  const rate = (criterion, value) => page.getByRole('group', { name: criterion }).getByRole('radio', { name: value, exact: true }).check();
  await rate('Access to decision makers', '1');
  await rate('Promises delivered, trust earned', '2');
  await rate('Long-term relationship potential', '5');
  await rate('Their needs fit our capabilities', '4');

  const card = page.locator('.classification');
  assert.match(await card.textContent(), /Invest in the relationship/);
  assert.match(await card.textContent(), /Relationship strength 13 \/ 100: weak/);
  assert.match(await card.textContent(), /held back by: Access to decision makers \(1\/5\), Promises delivered, trust earned \(2\/5\)/);
  assert.match(await card.textContent(), /Potential for mutual gain 88 \/ 100: high/);
  // Two ratings per axis make a first placement, and the screen says so.
  assert.match(await card.textContent(), /A first placement: not every criterion is rated yet/);
  assert.equal(await page.locator('#axis-relationship .ratings__score').textContent(), '13 / 100 · 2 of 6 rated');

  // Unrated stays unrated, not zero.
  assert.ok(await page.getByRole('group', { name: 'Share of thought' }).getByRole('radio', { name: 'Not rated' }).isChecked());
  await page.reload();
  await page.locator('main h1').waitFor();
  assert.match(await page.locator('.classification').textContent(), /Invest in the relationship/);
});

test('the matrix shows each rated account as a focusable point that opens it', async () => {
  const page = await withDemo({ acceptDownloads: true });
  await env.open(page, '#/matrix');
  const points = page.locator('a.matrix__point');
  assert.equal(await points.count(), 11, 'every rated account, not the unrated one');
  const northwind = page.getByRole('link', { name: 'Northwind Logistics: relationship 83, potential 81, Key account, tier A' });
  await northwind.focus();
  assert.match(await page.locator('.matrix__details').textContent(), /Relationship 83 · Potential 81/);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();

  await page.goBack();
  await page.locator('.matrix__chart').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  assert.equal(download.suggestedFilename(), 'portfolio-matrix.svg');
  const svg = await readFile(await download.path(), 'utf8');
  assert.match(svg, /^<\?xml/);
  assert.match(svg, /<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  assert.match(svg, /Northwind Logistics/);
  assert.match(svg, /Manage as a key account/);
  // The file has no stylesheet: the points' colours travel inside it.
  assert.match(svg, /<style>[^<]*\.matrix__dot--a\{fill:#3730a3\}/);

  // The growth-share lens.
  await page.getByRole('radio', { name: 'Growth × share (BCG)' }).check();
  assert.match(await page.locator('.matrix__chart').textContent(), /Question mark/);
  await page.getByRole('link', { name: /^Northwind Logistics: market growth 12%, relative share 1.4, Star/ }).waitFor();
  assert.match(await page.locator('.quadrant-cards').textContent(), /Star/);
});

test('an exported chart is well-formed XML whatever the accounts are called', async () => {
  const page = await withDemo({ acceptDownloads: true });
  await env.open(page, '#/accounts/1/edit');
  // The page's HTML serializer wrote the no-break space as `&nbsp;`, which XML does not know.
  const name = 'Northwind\u00a0Logistics <EU> & "Co"';
  await page.getByLabel(/^Name/).fill(name);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  await env.open(page, '#/matrix');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'Export SVG' }).click(),
  ]);
  const svg = await readFile(await download.path(), 'utf8');
  // Read as a file opened on its own would be: away from the app, whose security policy
  // would refuse the file's own <style>.
  await page.goto('about:blank');
  const parsed = await page.evaluate(text => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: `${doc.documentElement.namespaceURI} ${doc.documentElement.localName}`,
      points: [...doc.querySelectorAll('a')].map(a => a.getAttribute('aria-label')),
    };
  }, svg);
  assert.equal(parsed.error, null);
  assert.equal(parsed.root, 'http://www.w3.org/2000/svg svg');
  assert.ok(parsed.points.some(p => p.startsWith(`${name}: relationship`)), parsed.points.join('\n'));
});

test('a snapshot shows how accounts moved since it was taken', async () => {
  const page = await withDemo();
  await env.open(page, '#/matrix');
  await page.getByRole('button', { name: 'Record snapshot' }).click();
  await page.getByRole('status').filter({ hasText: 'Recorded a snapshot of 11 accounts.' }).waitFor();
  assert.match(await page.locator('.snapshot-list').textContent(), /11 rated accounts/);
  await env.open(page, '#/accounts/10');
  await page.getByRole('group', { name: 'Access to decision makers' }).getByRole('radio', { name: '5', exact: true }).check();
  await env.open(page, '#/matrix');
  assert.equal(await page.locator('.matrix__move').count(), 0);
  await page.getByLabel('Show moves since').selectOption({ index: 1 });
  assert.equal(await page.locator('.matrix__move').count(), 1, 'one arrow for the one account that moved');
});

test('settings change the currency, thresholds and weights everywhere', async () => {
  const page = await withDemo();
  await env.open(page, '#/settings');
  await page.getByLabel('Revenue is entered in').selectOption('EUR');
  await page.getByLabel('Relationship strength threshold').fill('80');
  await page.getByLabel('Relationship strength threshold').press('Tab');
  await env.open(page, '#/accounts');
  await page.getByLabel('Quadrant').selectOption({ label: 'Manage as a key account' });
  assert.deepEqual(await names(page), ['Northwind Logistics'], 'only 83 is above 80');
  assert.match(await page.locator('.accounts-table').textContent(), /€480,000/);

  await env.open(page, '#/settings');
  await page.getByRole('button', { name: 'Reset thresholds to defaults' }).click();
  assert.equal(await page.getByLabel('Relationship strength threshold').inputValue(), '50');
  const doc = await storedDocument(page);
  assert.equal(doc.settings.currency, 'EUR');
  assert.equal(doc.settings.thresholds.relationship, 50);
});

test('deleting an account can be undone from the keyboard, and the demo goes in one step', async () => {
  const page = await withDemo();
  await env.open(page, '#/accounts/1');
  await page.getByRole('button', { name: 'Delete this account' }).click();
  await page.getByText('Showing 11 of 11 accounts').waitFor();
  assert.match(await page.getByRole('status').filter({ hasText: 'Deleted' }).textContent(), /Deleted Northwind Logistics\./);
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'undo-button', 'Undo has focus');
  // Undone, the account is back, and so is its page, where the delete was made.
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Northwind Logistics' }).waitFor();
  await env.open(page, '#/accounts');
  await page.getByText('Showing 12 of 12 accounts').waitFor();

  await page.getByRole('button', { name: 'Remove the demo accounts' }).click();
  await page.getByRole('heading', { name: 'Accounts' }).waitFor();
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Showing 12 of 12 accounts').waitFor();
});

test('portfolio data of schema version 2 opens as it was saved', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, await fixture('v2.json')]);
  await env.open(page, '#/accounts');
  await page.reload();
  await page.getByText('Showing 3 of 3 accounts').waitFor();
  assert.match(await page.locator('.accounts-table').textContent(), /€420,000/);
  assert.match(await page.locator('.accounts-table').textContent(), /Manage as a key account/);
});
