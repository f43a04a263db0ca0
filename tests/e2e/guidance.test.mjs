// Guidance that fits the firm: the firm size setting moves the key-account warning, ratings
// left unreviewed are flagged until re-rated or confirmed, and the Grader points out answers
// the portfolio contradicts.
import { after, before, test } from 'node:test';
import { assert, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

/** A page with the demo portfolio, changed by `edit` in storage and reloaded. */
async function demoEdited(edit) {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await page.getByText('Showing 12 of 12 accounts').waitFor();
  const doc = await storedDocument(page);
  edit(doc);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, JSON.stringify(doc)]);
  await page.reload();
  await page.locator('main h1').waitFor();
  return page;
}

test('the firm size setting decides when there are too many key accounts', async () => {
  // Every rated demo account rated 5 throughout: eleven key accounts.
  const page = await demoEdited(doc => {
    for (const a of doc.portfolio.accounts) {
      for (const c of Object.keys(a.ratings)) a.ratings[c] = 5;
    }
  });
  const warning = page.locator('.guideline--warning', { hasText: 'Start with fewer' });
  await env.open(page, '#/matrix');
  assert.match(await warning.textContent(), /11 key accounts is more than a small firm can usually serve well: about 5/);

  await env.open(page, '#/settings');
  await page.getByLabel('Firm size').selectOption('mid-sized');
  await page.getByText('about 25 key accounts').waitFor();
  await env.open(page, '#/matrix');
  await page.getByRole('heading', { name: 'Guidelines for this portfolio' }).waitFor();
  assert.equal(await warning.count(), 0, 'a mid-sized firm can carry eleven');

  await env.open(page, '#/settings');
  await page.getByLabel('Firm size').selectOption('clients');
  await page.getByLabel('Number of clients').fill('40');
  assert.equal((await storedDocument(page)).settings.firm_size, 40);
  await env.open(page, '#/matrix');
  assert.match(await warning.textContent(), /a firm with 40 clients can usually serve well: about 5/);
});

test('old ratings are flagged in the list and on the account until they are confirmed', async () => {
  const page = await demoEdited(doc => {
    const northwind = doc.portfolio.accounts.find(a => a.name === 'Northwind Logistics');
    northwind.reviewed_at = '2020-01-01T09:00:00.000Z';
  });
  await env.open(page, '#/accounts');
  const reviewed = name => page.locator('tr', { has: page.getByRole('link', { name, exact: true }) })
    .locator('td[data-label="Last reviewed"]');
  assert.match(await reviewed('Northwind Logistics').textContent(), /1 Jan 2020 Ratings old/);
  assert.doesNotMatch(await reviewed('Harbor Health Group').textContent(), /Ratings old/);
  await env.open(page, '#/matrix');
  await page.getByText("1 account's ratings were last reviewed more than 90 days ago").waitFor();

  await page.getByRole('link', { name: 'Northwind Logistics' }).first().click();
  const review = page.locator('.ratings-review');
  assert.match(await review.textContent(), /Ratings old/);
  await review.getByRole('button', { name: 'Ratings still hold' }).click();
  await review.getByText('Ratings count as old after 90 days').waitFor();
  assert.doesNotMatch(await review.textContent(), /Ratings old/);
  const northwind = (await storedDocument(page)).portfolio.accounts.find(a => a.name === 'Northwind Logistics');
  assert.ok(northwind.reviewed_at > '2025', `reviewed again: ${northwind.reviewed_at}`);

  await env.open(page, '#/accounts');
  assert.doesNotMatch(await reviewed('Northwind Logistics').textContent(), /Ratings old/);
});

test('a "yes" the accounts contradict gets a note beside it', async () => {
  // The demo's Lumen Media has no account manager, but as a tier C client it may go without;
  // Northwind Logistics (tier A) loses its manager here.
  const page = await demoEdited(doc => {
    doc.portfolio.accounts.find(a => a.name === 'Northwind Logistics').manager = '';
  });
  await env.open(page, '#/grader');
  const first = page.locator('.practice').first();
  await first.getByLabel('We do this consistently').check();
  assert.match(await first.locator('.practice__contradiction').textContent(),
    /Check this answer: Your accounts say otherwise: 1 tier A or B account has no account manager/);
  await first.getByLabel('Not yet').check();
  assert.equal(await first.locator('.practice__contradiction').count(), 0);
});
