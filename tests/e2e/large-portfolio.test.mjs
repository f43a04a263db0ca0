// A portfolio larger than one page: the accounts list pages through it, and the matrix keeps
// its group lists short, pointing to the list for the rest.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { assert, setUp, STORAGE_KEY } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const CRITERIA = ['decision-maker-access', 'share-of-organization', 'promises-delivered', 'contact-cadence',
  'share-of-thought', 'long-term-potential', 'needs-fit', 'profitability', 'share-of-portfolio', 'strategic-value'];

/** A stored document of `n` rated accounts named "Client 001" and on, with revenue growing
 *  with the number, and every fourth account unrated (every one with `rated` false, which
 *  lets 20 000 of them fit in the browser's storage). */
function portfolio(n, rated = true) {
  const at = '2026-11-01T09:00:00Z';
  const accounts = Array.from({ length: n }, (_, i) => ({
    id: i + 1, name: `Client ${String(i + 1).padStart(3, '0')}`, industry: '', manager: '',
    revenue: 1000 * (i + 1), tier: 'ABC'[i % 3], notes: '',
    // The first five criteria make the relationship axis, the last five the potential axis.
    ratings: i % 4 === 3 || !rated ? {} : Object.fromEntries(CRITERIA.map((c, j) => [c, 1 + (j < 5 ? i % 5 : (i * 3 + 1) % 5)])),
    created_at: at, updated_at: at,
  }));
  return JSON.stringify({ version: 4, next_id: n + 1, portfolio: { accounts, snapshots: [] } });
}

/** A page showing `hash` with a stored portfolio of `n` accounts. */
async function withPortfolio(n, hash, options = {}, rated = true) {
  const page = await env.newPage(options);
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, portfolio(n, rated)]);
  await page.evaluate(h => { location.hash = h; }, hash);
  await page.reload();
  await page.locator('main h1').waitFor();
  return page;
}

const rowNames = page => page.locator('.accounts-table tbody tr td:first-child').allTextContents();

/** Another tab of the same browser, opened on the page's address, stores the document as
 *  `change` (given the stored document) leaves it; returns that tab, still open. */
async function changedInAnotherTab(page, change) {
  const doc = JSON.parse(await page.evaluate(key => localStorage.getItem(key), STORAGE_KEY));
  change(doc);
  const other = await page.context().newPage();
  await other.goto(page.url());
  await other.locator('main h1').waitFor();
  await other.evaluate(([key, text]) => localStorage.setItem(key, text), [STORAGE_KEY, JSON.stringify(doc)]);
  return other;
}

test('the accounts list shows 100 at a time and pages through the rest', async () => {
  const page = await withPortfolio(250, '#/accounts');
  const count = page.locator('#account-count');
  assert.equal(await count.textContent(), 'Showing 1–100 of 250 accounts');
  let names = await rowNames(page);
  assert.equal(names.length, 100);
  assert.equal(names[0], 'Client 001');

  const pager = page.getByRole('navigation', { name: 'Pages of the list' });
  assert.equal(await pager.getByRole('button', { name: '← Previous' }).isDisabled(), true);
  await pager.getByRole('button', { name: 'Next →' }).click();
  assert.equal(await count.textContent(), 'Showing 101–200 of 250 accounts');
  assert.equal((await rowNames(page))[0], 'Client 101');
  // Focus goes to the count above the new rows, so the next Tab walks them from the top.
  assert.equal(await page.evaluate(() => document.activeElement.id), 'account-count');

  await pager.getByRole('combobox').focus();
  await pager.getByRole('combobox').selectOption('3');
  // Choosing a page keeps focus on the select, so arrow keys can go on through the pages.
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SELECT');
  names = await rowNames(page);
  assert.equal(names.length, 50);
  assert.equal(names.at(-1), 'Client 250');
  assert.equal(await pager.getByRole('button', { name: 'Next →' }).isDisabled(), true);
  // The select follows the buttons too, even after the user picked from it.
  await pager.getByRole('button', { name: '← Previous' }).click();
  assert.equal(await pager.getByRole('combobox').inputValue(), '2');
  await pager.getByRole('button', { name: 'Next →' }).click();
  assert.equal(await pager.getByRole('combobox').inputValue(), '3');

  // The page is kept while visiting an account and coming back, with the account's link in
  // view and focused, where the visitor left it.
  const client = page.getByRole('link', { name: 'Client 201', exact: true });
  await client.focus();
  const left = await page.evaluate(() => scrollY);
  await page.keyboard.press('Enter');
  await page.locator('main h1', { hasText: 'Client 201' }).waitFor();
  await page.goBack();
  assert.equal(await count.textContent(), 'Showing 201–250 of 250 accounts');
  await page.waitForFunction(() => document.activeElement?.textContent === 'Client 201');
  assert.equal(await page.evaluate(() => scrollY), left);

  // Reordering starts again from the first page.
  await page.getByRole('button', { name: 'Revenue' }).click();
  await page.getByRole('button', { name: 'Revenue' }).click();
  assert.equal(await count.textContent(), 'Showing 1–100 of 250 accounts');
  assert.equal((await rowNames(page))[0], 'Client 250', 'highest revenue first');

  // Clearing filters shows "All" again in a filter the user had picked from.
  await page.getByLabel('Tier').selectOption('B');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  assert.equal(await page.getByLabel('Tier').inputValue(), '');

  // Narrowing to fewer than a page hides the pager.
  await page.getByLabel('Search by name').fill('Client 1');
  assert.match(await count.textContent(), /^Showing 100 of 250 accounts/);
  assert.equal(await pager.count(), 0, '100 matches fit on one page');
  await page.getByLabel('Search by name').fill('Client 12');
  assert.match(await count.textContent(), /^Showing 10 of 250 accounts/);
  assert.equal(await pager.count(), 0);
});

test('a reload puts the visitor back where they were, and so does Back to a screen left before it', async () => {
  const page = await withPortfolio(250, '#/accounts');
  // Far down the list, on an account's link; reloaded at once, with nothing else done.
  const client = page.getByRole('link', { name: 'Client 080', exact: true });
  await client.focus();
  const left = await page.evaluate(() => scrollY);
  assert.ok(left > 1000, `the link is far down the list (${left})`);
  await page.reload();
  await page.locator('.accounts-table tbody tr').first().waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Client 080');
  assert.equal(await page.evaluate(() => scrollY), left);
  // Screen readers read the reloaded page's title themselves: the screen is not named again.
  const announced = () => page.locator('#screen-announcer').textContent();
  await page.waitForTimeout(300);
  assert.equal(await announced(), '', 'nothing said on top of the title as the page loads');

  // Onwards to the account, reloaded there, then Back: the list's place is still known.
  await page.keyboard.press('Enter');
  await page.locator('main h1', { hasText: 'Client 080' }).waitFor();
  await page.reload();
  await page.locator('main h1', { hasText: 'Client 080' }).waitFor();
  assert.equal(await page.evaluate(() => scrollY), 0, 'the account opened at its top');
  await page.goBack();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Client 080');
  assert.equal(await page.evaluate(() => scrollY), left);
  // The focus is on a link, not the heading: screen readers are told which screen this is.
  await page.waitForFunction(() => document.getElementById('screen-announcer')?.textContent === 'Accounts');

  // A screen opened afresh, by a link, still starts at its heading.
  await page.getByRole('link', { name: 'Matrix' }).first().click();
  await page.locator('main h1', { hasText: /matrix/i }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  assert.equal(await announced(), '', 'the heading says the name itself');
});

// The accounts' code comes after the reload's first render here: the place waits for it.
test("a reload puts the place back when the screen's code arrives late, unless the visitor has moved on", async () => {
  const page = await withPortfolio(250, '#/accounts', { serviceWorkers: 'block' });
  const client = page.getByRole('link', { name: 'Client 080', exact: true });
  const GROUP = /_split_portfolio\.wasm$/;
  const reloadHeld = async () => {
    const held = [];
    await page.route(GROUP, route => { held.push(route); });
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Loading this screen…' }).waitFor({ state: 'attached' });
    return held;
  };
  const release = async held => {
    for (const route of held) await route.continue();
    await page.unroute(GROUP);
  };

  await client.focus();
  const left = await page.evaluate(() => scrollY);
  await release(await reloadHeld());
  await page.waitForFunction(() => document.activeElement?.textContent === 'Client 080');
  assert.equal(await page.evaluate(() => scrollY), left);

  // This time the visitor goes on to the header's links while the code is on its way.
  const held = await reloadHeld();
  await page.keyboard.press('Tab');
  const moved = await page.evaluate(() => document.activeElement?.textContent);
  await release(held);
  await client.waitFor();
  await page.evaluate(() => new Promise(done => setTimeout(done, 300)));
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), moved, 'the focus stays where the visitor put it');
});

test('a reload with the copy of the places garbled starts the screen as usual', async () => {
  const page = await withPortfolio(250, '#/accounts');
  // The entry's own tag with a place that is not one, and copies that are no list of places.
  const tag = await page.evaluate(() => history.state.accountGraderPlace);
  const garbled = [[tag, 'far', 3, 4, '#/accounts/80', 0], [tag, 1e400, 3, 4, '#/accounts/80', 0], [tag]];
  for (const garbage of ['{', '"text"', '[1, 2]', 'null', ...garbled.map(g => JSON.stringify([g]).replace('null', '1e400'))]) {
    await page.getByRole('link', { name: 'Client 080', exact: true }).focus();
    assert.ok(await page.evaluate(() => scrollY) > 1000);
    // In place of the copy the page wrote as it was left, as the reloaded page starts.
    await page.addInitScript(g => sessionStorage.setItem('account-grader.places', g), garbage);
    await page.reload();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    await page.locator('.accounts-table tbody tr').first().waitFor();
    assert.equal(await page.evaluate(() => scrollY), 0, `started at the top with ${garbage}`);
  }
});

test('the accounts list keeps its search, filters, order and page over a reload, and Back finds the row', async () => {
  const page = await withPortfolio(250, '#/accounts');
  const count = page.locator('#account-count');
  await page.getByLabel('Tier').selectOption('B');
  await page.getByLabel('Sort by').selectOption('revenue');
  await page.getByRole('button', { name: 'Sorted ascending; switch to descending' }).click();
  await page.getByLabel('Search by name').fill('Client');
  await page.waitForFunction(() => /^Showing 83 of 250/.test(document.getElementById('account-count').textContent));
  const shown = await rowNames(page);
  assert.equal(shown[0], 'Client 248', 'tier B, largest first');
  const client = page.getByRole('link', { name: shown[60], exact: true });
  await client.focus();
  const left = await page.evaluate(() => scrollY);
  await client.press('Enter');
  await page.locator('main h1', { hasText: shown[60] }).waitFor();
  await page.reload();
  await page.locator('main h1', { hasText: shown[60] }).waitFor();
  await page.goBack();
  await page.waitForFunction(name => document.activeElement?.textContent === name, shown[60]);
  assert.equal(await page.evaluate(() => scrollY), left);
  assert.deepEqual(await rowNames(page), shown);
  assert.match(await count.textContent(), /^Showing 83 of 250/);
  assert.equal(await page.getByLabel('Search by name').inputValue(), 'Client');
  assert.equal(await page.getByLabel('Tier').inputValue(), 'B');
  assert.equal(await page.getByLabel('Sort by').inputValue(), 'revenue');

  // The page too; and the usual list once the filters are cleared, over the next reload.
  await page.getByLabel('Search by name').fill('');
  await page.getByLabel('Tier').selectOption('');
  await page.getByRole('navigation', { name: 'Pages of the list' }).getByRole('button', { name: 'Next →' }).click();
  await page.waitForFunction(() => /^Showing 101–200 of 250/.test(document.getElementById('account-count').textContent));
  await page.reload();
  await page.locator('.accounts-table tbody tr').first().waitFor();
  assert.match(await count.textContent(), /^Showing 101–200 of 250/);
  assert.equal((await rowNames(page))[0], 'Client 150', 'still by revenue, largest first');
});

test('Back to a list of 6 000 from an account finds the row left, in the order it had', async () => {
  const page = await withPortfolio(6000, '#/accounts', {}, false);
  await page.locator('.accounts-table tbody tr').first().waitFor();
  const client = page.getByRole('link', { name: 'Client 080', exact: true });
  await client.focus();
  const left = await page.evaluate(() => scrollY);
  assert.ok(left > 1000, `the link is far down the list (${left})`);
  await page.keyboard.press('Enter');
  await page.locator('main h1', { hasText: 'Client 080' }).waitFor();
  // Every frame from Back on: was the list ever shown without its rows, being sorted again?
  await page.evaluate(() => {
    window.seen = { rowless: 0 };
    const sample = () => {
      if (document.querySelector('#account-count') && !document.querySelector('.accounts-table tbody tr')) window.seen.rowless++;
      if (!window.seen.done) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.goBack();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Client 080');
  assert.equal(await page.evaluate(() => scrollY), left);
  const seen = await page.evaluate(() => { window.seen.done = true; return window.seen; });
  assert.equal(seen.rowless, 0, 'the list came back drawn, not sorting again');
});

test('Back to the list after another tab deleted the account left focuses the row now in its place', async () => {
  const page = await withPortfolio(250, '#/accounts');
  const client = page.getByRole('link', { name: 'Client 080', exact: true });
  await client.focus();
  const inWindow = () => page.evaluate(() => document.activeElement.getBoundingClientRect().top);
  const left = await inWindow();
  await page.keyboard.press('Enter');
  await page.locator('main h1', { hasText: 'Client 080' }).waitFor();
  const other = await changedInAnotherTab(page, doc => { doc.portfolio.accounts = doc.portfolio.accounts.filter(a => a.name !== 'Client 080'); });
  await other.close();
  await page.goBack();
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Client 081');
  // Where the row left was in the window, though the notice of the other tab's change now
  // sits above the list.
  await page.getByText('Updated from another tab').waitFor();
  const now = await inWindow();
  assert.ok(Math.abs(now - left) < 1, `${now} px from the window's top, against ${left} before`);
});

test("Back to the top of the list after another tab's change keeps its notice in view", async () => {
  const page = await withPortfolio(250, '#/accounts');
  await page.getByRole('link', { name: 'Client 002', exact: true }).click();
  await page.locator('main h1', { hasText: 'Client 002' }).waitFor();
  const other = await changedInAnotherTab(page, doc => { doc.portfolio.accounts[0].name = 'A renamed client'; });
  await other.close();
  await page.getByText('Updated from another tab').waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => scrollY), 0);
  assert.ok(await page.getByText('Updated from another tab').isVisible());
  assert.ok(await page.getByText('Updated from another tab').evaluate(e => e.getBoundingClientRect().top >= 0), 'the notice is in the window');
});

test("Back to the matrix from an account named in a group's list focuses that name, not the chart's point", async () => {
  const page = await withPortfolio(30, '#/matrix');
  const member = page.locator('.quadrant-card__members a').nth(2);
  const name = await member.textContent();
  await member.focus();
  const left = await page.evaluate(() => scrollY);
  await page.keyboard.press('Enter');
  await page.locator('main h1', { hasText: name }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Portfolio matrix', level: 1 }).waitFor();
  await page.waitForFunction(() => document.activeElement?.closest('.quadrant-card__members'));
  assert.equal(await page.evaluate(() => document.activeElement.textContent), name);
  assert.equal(await page.evaluate(() => scrollY), left);
});

test('Back to the matrix from a button that left it focuses that button again, where it was', async () => {
  const page = await withPortfolio(250, '#/matrix');
  const seeAll = page.getByRole('button', { name: /^See all [\d,]+ in the accounts list$/ }).last();
  const label = await seeAll.textContent();
  await seeAll.focus();
  const left = await page.evaluate(() => scrollY);
  assert.ok(left > 0, 'the button is further down the page');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Portfolio matrix', level: 1 }).waitFor();
  await page.waitForFunction(text => document.activeElement?.textContent === text, label);
  assert.equal(await page.evaluate(() => scrollY), left);
});

test('the plans list shows 100 accounts at a time, and keeps its page while a plan is open', async () => {
  const page = await withPortfolio(250, '#/plans');
  const rows = page.locator('.plans-table tbody tr');
  const count = page.locator('#plan-count');
  assert.equal(await count.textContent(), 'Showing 1–100 of 250 accounts');
  assert.equal(await rows.count(), 100);
  const pager = page.getByRole('navigation', { name: 'Pages of the list' });
  await pager.getByRole('button', { name: 'Next →' }).click();
  assert.equal(await count.textContent(), 'Showing 101–200 of 250 accounts');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'plan-count');
  const first = await rows.first().locator('td').first().textContent();
  await rows.first().getByRole('link', { name: /Create a plan for/ }).click();
  await page.locator('main h1', { hasText: first }).waitFor();
  await page.goBack();
  assert.equal(await count.textContent(), 'Showing 101–200 of 250 accounts');
  assert.equal(await rows.first().locator('td').first().textContent(), first);
  await pager.getByRole('combobox').selectOption('3');
  assert.equal(await rows.count(), 50);
});

test('a long list is painted with its rows, never as an empty table first', async () => {
  const page = await withPortfolio(2000, '#/grader');
  // Every frame from the route change until the rows are in: does it show the table empty?
  // (A frame's animation callback sees the page as that frame will paint it.)
  await page.evaluate(() => {
    window.frames_ = [];
    const sample = () => {
      const table = document.querySelector('.accounts-table');
      const rows = table ? table.querySelectorAll('tbody tr').length : -1;
      window.frames_.push(rows);
      if (rows <= 0) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
    location.hash = '#/accounts';
  });
  await page.locator('.accounts-table tbody tr').first().waitFor();
  const frames = await page.evaluate(() => window.frames_);
  assert.equal(frames.at(-1), 100, 'the last frame sampled shows the first page of rows');
  assert.ok(!frames.includes(0), `no frame shows the table without rows (rows per frame: ${frames.join(', ')})`);
});

test('searching a list of 20 000 keeps the table on screen while typing, and ends on the matches', async () => {
  const page = await withPortfolio(20000, '#/accounts', {}, false);
  const count = page.locator('#account-count');
  await page.locator('.accounts-table tbody tr').first().waitFor();
  // Every frame from the first key until the search is done: is the table there, is it
  // marked busy, and what does the count line say?
  await page.evaluate(() => {
    window.seen = { tableless: 0, busy: 0, counts: [] };
    const sample = () => {
      if (!document.querySelector('.accounts-table')) window.seen.tableless++;
      if (document.querySelector('.list-result[aria-busy="true"]')) window.seen.busy++;
      const said = document.getElementById('account-count').textContent;
      if (said !== window.seen.counts.at(-1)) window.seen.counts.push(said);
      if (!window.seen.done) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  await page.getByLabel('Search by name').focus();
  await page.keyboard.type('Client 1999', { delay: 40 });
  await page.waitForFunction(() => /^Showing 11 of 20\u00a0000 accounts/.test(document.getElementById('account-count').textContent));
  const seen = await page.evaluate(() => { window.seen.done = true; return window.seen; });
  assert.equal(seen.tableless, 0, `the table never left the screen (count lines: ${seen.counts.join(' | ')})`);
  assert.ok(seen.busy > 0, 'the earlier rows were marked busy while the new order was worked out');
  assert.ok(!seen.counts.some(c => c.includes('Sorting')), seen.counts.join(' | '));
  // What a screen reader is told: the final count, not "updating" on the way.
  assert.equal(await page.locator('#account-count [aria-hidden="true"]').count(), 0);
  assert.equal(await page.locator('.list-result[aria-busy="true"]').count(), 0);
  const names = await rowNames(page);
  assert.equal(names.length, 11);
  assert.ok(names.every(n => n.startsWith('Client 1999')), names.join(', '));
  assert.match(await count.textContent(), /^Showing 11 of 20\u00a0000 accounts/);
});

test('a long list changed by another tab shows no row that has gone while it is ordered again', async () => {
  const page = await withPortfolio(20000, '#/accounts', {}, false);
  await page.locator('.accounts-table tbody tr').first().waitFor();
  assert.equal((await rowNames(page))[0], 'Client 001');
  // From the other tab's change on, every frame: does the table still list the old name?
  await page.evaluate(() => {
    window.seen = { changed: false, stale: 0, frames: 0 };
    addEventListener('storage', () => { window.seen.changed = true; });
    const sample = () => {
      if (window.seen.changed) {
        window.seen.frames++;
        const names = [...document.querySelectorAll('.accounts-table tbody tr td:first-child')].map(td => td.textContent);
        if (names.includes('Client 001')) window.seen.stale++;
      }
      if (!window.seen.done) requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  });
  const other = await changedInAnotherTab(page, doc => { doc.portfolio.accounts[0].name = 'A renamed client'; });
  await page.waitForFunction(() => [...document.querySelectorAll('.accounts-table tbody tr td:first-child')].some(td => td.textContent === 'A renamed client'));
  const seen = await page.evaluate(() => { window.seen.done = true; return window.seen; });
  assert.ok(seen.frames > 0);
  assert.equal(seen.stale, 0, `frames that still listed the renamed account under its old name: ${seen.stale} of ${seen.frames}`);
  await other.close();
});

test('the matrix draws every point but lists only the largest of each group', async () => {
  const page = await withPortfolio(250, '#/matrix');
  assert.equal(await page.locator('a.matrix__point').count(), 250 - 62, 'every rated account');

  const cards = page.locator('.quadrant-card');
  let linked = 0;
  for (const card of await cards.all()) {
    const names = await card.locator('.quadrant-card__members li').count();
    assert.ok(names <= 20, `at most 20 names in a group, got ${names}`);
    linked += names;
  }
  assert.ok(linked > 20, 'the groups do list names');

  // Hovering a point shows its details below the chart.
  await page.locator('a.matrix__point').first().hover();
  assert.match(await page.locator('.matrix__details').textContent(), /Relationship \d+ · Potential \d+/);

  // A long group links to the accounts list, filtered to it and largest first.
  const more = page.getByRole('button', { name: /^See all \d+ in the accounts list$/ }).first();
  const total = Number((await more.textContent()).match(/\d+/)[0]);
  await more.click();
  await page.locator('main h1', { hasText: 'Accounts' }).waitFor();
  const count = await page.locator('#account-count').textContent();
  assert.ok(count.includes(`of ${total} accounts`) || count.startsWith(`Showing ${total} of 250 accounts`), count);
  const revenues = await page.locator('.accounts-table tbody tr td[data-label="Revenue"]').allTextContents();
  const numbers = revenues.map(r => Number(r.replace(/[^0-9]/g, '')));
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), 'largest revenue first');

  // The unrated ones are named up to the same limit, with a way to see them all.
  await page.evaluate(() => { location.hash = '#/matrix'; });
  await page.getByRole('button', { name: 'See all 62 unrated accounts' }).click();
  await page.locator('main h1', { hasText: 'Accounts' }).waitFor();
  assert.match(await page.locator('#account-count').textContent(), /^Showing 62 of 250 accounts/);
  assert.equal(await page.getByLabel('Quadrant').inputValue(), 'unrated');
});

for (const colorScheme of ['light', 'dark']) {
  test(`the pager and the shortened group lists pass axe-core (${colorScheme})`, async () => {
    // axe is injected, which the page's CSP forbids; routes.test.mjs tests the CSP itself.
    const page = await withPortfolio(250, '#/accounts', { colorScheme, bypassCSP: true, width: 375 });
    const found = [];
    for (const hash of ['#/accounts', '#/matrix']) {
      await page.evaluate(h => { location.hash = h; }, hash);
      await page.locator('main h1').waitFor();
      if (hash === '#/accounts') await page.getByRole('button', { name: 'Next →' }).click();
      await page.addScriptTag({ content: AXE });
      found.push(...await page.evaluate(async () => (await window.axe.run(document)).violations
        .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)));
    }
    assert.deepEqual(found, []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `no sideways scroll at 375 px (${overflow} px)`);
  });
}
