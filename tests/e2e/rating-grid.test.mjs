// The rating grid: a portfolio rated by keyboard alone at one key press per rating, filters,
// Enter to open an account, and the account page's way on to the next account to rate.
import { after, before, test } from 'node:test';
import { assert, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const CRITERIA = ['decision-maker-access', 'share-of-organization', 'share-of-portfolio', 'share-of-thought',
  'promises-delivered', 'contact-cadence', 'long-term-potential', 'needs-fit', 'profitability', 'strategic-value'];

/** A stored document of `n` unrated accounts "Client 01" and on, with managers, tiers and
 *  industries that the filters can tell apart; `rated(i)` gives some accounts full ratings. */
function portfolio(n, rated = () => false) {
  const at = '2026-11-01T09:00:00Z';
  const accounts = Array.from({ length: n }, (_, i) => ({
    id: i + 1, name: `Client ${String(i + 1).padStart(2, '0')}`, industry: ['Retail', 'Energy', ''][i % 3],
    manager: ['Ana', 'Ben'][i % 2], revenue: null, tier: 'ABC'[i % 3], notes: '',
    ratings: rated(i) ? Object.fromEntries(CRITERIA.map(c => [c, 3])) : {},
    created_at: at, updated_at: at,
  }));
  return JSON.stringify({ version: 4, next_id: n + 1, portfolio: { accounts, snapshots: [] } });
}

async function withPortfolio(doc, hash, options = {}) {
  const page = await env.newPage(options);
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, doc]);
  await page.evaluate(h => { location.hash = h; }, hash);
  await page.reload();
  await page.locator('main h1').waitFor();
  return page;
}

const focused = page => page.evaluate(() => document.activeElement.getAttribute('aria-label'));

test('60 accounts are fully rated by keyboard alone, one key press per rating', async () => {
  const page = await withPortfolio(portfolio(60), '#/accounts/rate');
  assert.equal(await page.locator('main h1').textContent(), 'Rate accounts');
  assert.equal(await page.locator('#grid-count').textContent(), '60 accounts, 60 with ratings missing');
  // One cell is in the tab order: Tab from the last filter reaches it.
  assert.equal(await page.locator('[role=gridcell][tabindex="0"]').count(), 1);
  await page.locator('#grid-industry').focus();
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Client 01, Access to decision makers: not rated');

  let presses = 0;
  // Ratings differ by account and criterion, so the accounts land in different quadrants.
  const digit = (i, j) => String(1 + ((i * 7 + j * (i % 2 ? 1 : 3)) % 5));
  for (let i = 0; i < 60; i++) {
    for (let j = 0; j < 10; j++) {
      await page.keyboard.press(digit(i, j));
      presses++;
    }
  }
  assert.equal(presses, 600);
  assert.equal(await page.locator('#grid-count').textContent(), '60 accounts, 0 with ratings missing');
  // The cursor went on to the second page of 50 rows, and the last rating left it on the last cell.
  assert.match(await focused(page), /^Client 60, Strategic value beyond revenue: \d of 5$/);

  const check = async () => {
    const doc = await storedDocument(page);
    assert.equal(doc.version, 5);
    doc.portfolio.accounts.forEach((a, i) => {
      assert.deepEqual(CRITERIA.map(c => a.ratings[c]), CRITERIA.map((_, j) => Number(digit(i, j))), a.name);
      assert.ok(a.reviewed_at, `${a.name} has a review date`);
    });
    // The grid shows 50 rows a page; the accounts list shows all 60 with their quadrants.
    await page.evaluate(() => { location.hash = '#/accounts'; });
    await page.locator('.accounts-table').waitFor();
    const quadrants = await page.locator('.accounts-table tbody tr td:nth-child(7)').allTextContents();
    assert.equal(quadrants.length, 60);
    assert.ok(quadrants.every(q => q && q !== 'Not rated'), 'every account is placed');
    assert.ok(new Set(quadrants).size > 1, 'the accounts are not all in one quadrant');
  };
  await check();
  await page.reload();
  await page.locator('main h1').waitFor();
  await check();
  await page.evaluate(() => { location.hash = '#/accounts/rate'; });
  assert.equal(await page.locator('#grid-count').textContent(), '60 accounts, 0 with ratings missing');
  await page.close();
});

test('keys move, clear and open; a click puts the cursor on a cell', async () => {
  const page = await withPortfolio(portfolio(5, i => i === 1), '#/accounts/rate');
  await page.locator('[role=gridcell][tabindex="0"]').focus();
  for (const [key, label] of [
    ['ArrowRight', 'Client 01, Share of organization: not rated'],
    ['ArrowDown', 'Client 02, Share of organization: 3 of 5'],
    ['End', 'Client 02, Strategic value beyond revenue: 3 of 5'],
    ['ArrowRight', 'Client 02, Strategic value beyond revenue: 3 of 5'],
    ['Home', 'Client 02, Access to decision makers: 3 of 5'],
    ['PageDown', 'Client 05, Access to decision makers: not rated'],
    ['ArrowUp', 'Client 04, Access to decision makers: not rated'],
  ]) {
    await page.keyboard.press(key);
    assert.equal(await focused(page), label, key);
  }
  // A rating shows at once in the scores; clearing it stays on the cell.
  await page.keyboard.press('5');
  const row4 = page.locator('.rating-grid tbody tr').nth(3);
  assert.equal(await row4.locator('td.num').first().textContent(), '100');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Delete');
  assert.equal(await focused(page), 'Client 04, Access to decision makers: not rated');
  assert.equal(await row4.locator('td.num').first().textContent(), '—');

  // Mouse and touch: a tap on a cell, then a button of the bar below the grid.
  await page.getByRole('gridcell', { name: 'Client 03, Their needs fit our capabilities: not rated' }).click();
  await page.getByRole('group', { name: /Client 03/ }).getByRole('button', { name: '4' }).click();
  assert.equal(await page.getByRole('gridcell', { name: 'Client 03, Their needs fit our capabilities: 4 of 5' }).count(), 1);
  assert.equal((await storedDocument(page)).portfolio.accounts[2].ratings['needs-fit'], 4);

  await page.getByRole('gridcell', { name: 'Client 05, Profitability, past and forecast: not rated' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('main h1', { hasText: 'Client 05' }).waitFor();
  assert.match(await page.evaluate(() => location.hash), /^#\/accounts\/5$/);
  await page.close();
});

test('filters: ratings missing, manager, tier and industry', async () => {
  const page = await withPortfolio(portfolio(12, i => i < 4), '#/accounts/rate');
  const names = () => page.locator('.rating-grid tbody th').allTextContents();
  assert.equal((await names()).length, 12);
  await page.getByLabel('Only accounts with ratings missing').check();
  assert.deepEqual(await names(), ['Client 05', 'Client 06', 'Client 07', 'Client 08', 'Client 09', 'Client 10', 'Client 11', 'Client 12']);
  assert.equal(await page.locator('#grid-count').textContent(), '8 accounts, 8 with ratings missing (filtered from 12) · Clear filters');
  await page.getByLabel('Account manager').selectOption('Ana');
  assert.deepEqual(await names(), ['Client 05', 'Client 07', 'Client 09', 'Client 11']);
  await page.getByLabel('Tier').selectOption('A');
  assert.deepEqual(await names(), ['Client 07']);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  assert.equal((await names()).length, 12);
  await page.getByLabel('Industry').selectOption('Energy');
  assert.deepEqual(await names(), ['Client 02', 'Client 05', 'Client 08', 'Client 11']);
  await page.getByLabel('Industry').selectOption({ label: 'No industry' });
  assert.deepEqual(await names(), ['Client 03', 'Client 06', 'Client 09', 'Client 12']);

  // A row that becomes fully rated under "ratings missing" stays until the filters change.
  await page.getByLabel('Industry').selectOption('');
  await page.getByLabel('Only accounts with ratings missing').check();
  await page.locator('[role=gridcell][tabindex="0"]').focus();
  for (let j = 0; j < 10; j++) await page.keyboard.press('2');
  assert.equal((await names())[0], 'Client 05');
  assert.equal(await focused(page), 'Client 06, Access to decision makers: not rated');
  await page.close();
});

test('an account page leads on to the next account to rate, in list order', async () => {
  const page = await withPortfolio(portfolio(6, i => i === 1 || i === 2), '#/accounts/1');
  const next = page.getByRole('link', { name: 'Next account to rate' });
  await next.click();
  await page.locator('main h1', { hasText: 'Client 04' }).waitFor();
  await next.click();
  await page.locator('main h1', { hasText: 'Client 05' }).waitFor();
  await next.click();
  await page.locator('main h1', { hasText: 'Client 06' }).waitFor();
  // Round to the start of the list.
  await next.click();
  await page.locator('main h1', { hasText: 'Client 01' }).waitFor();
  // Reachable from the accounts screen and the navigation.
  await page.evaluate(() => { location.hash = '#/accounts'; });
  await page.getByRole('link', { name: 'Rate in a grid' }).click();
  await page.locator('main h1', { hasText: 'Rate accounts' }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rate' }).getAttribute('aria-current'), 'page');
  await page.close();
});

test('at 390 px the grid scrolls inside itself, not the page', async () => {
  const page = await withPortfolio(portfolio(8), '#/accounts/rate', { width: 390 });
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth, view: document.documentElement.clientWidth,
    grid: document.querySelector('.rating-grid__scroll').scrollWidth,
    box: document.querySelector('.rating-grid__scroll').clientWidth,
  }));
  assert.ok(widths.page <= widths.view, `the page is ${widths.page} px wide in ${widths.view}`);
  assert.ok(widths.grid > widths.box, 'the grid scrolls sideways');
  // Moving right keeps the focused cell in view.
  await page.locator('[role=gridcell][tabindex="0"]').focus();
  for (let j = 0; j < 9; j++) await page.keyboard.press('ArrowRight');
  const inView = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return r.right <= window.innerWidth && r.left >= 0;
  });
  assert.ok(inView);
  await page.close();
});
