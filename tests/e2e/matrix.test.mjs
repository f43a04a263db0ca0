// The matrix at a real firm's size (issue 18): 72 accounts, a chart with the page's width,
// filters, arrow keys between points by position, a count where accounts share a spot, and
// a first tap that shows a point's details before a second opens it.
import { after, before, test } from 'node:test';
import { assert, setUp, STORAGE_KEY } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const CRITERIA = ['decision-maker-access', 'share-of-organization', 'promises-delivered', 'contact-cadence',
  'share-of-thought', 'long-term-potential', 'needs-fit', 'profitability', 'share-of-portfolio', 'strategic-value'];
const MANAGERS = ['Ana', 'Ben', 'Chloé'];
const INDUSTRIES = ['Retail', 'Logistics', 'Healthcare', 'Energy'];
const N = 72;

/** A v4 document of N rated accounts spread over the matrix. Accounts 71 and 72 are rated as
 *  account 1 is, so three share one spot. */
function portfolio() {
  const at = '2026-11-01T09:00:00Z';
  // A fixed pseudo-random spread, the same on every run.
  const rating = i => {
    let seed = (i >= 70 ? 0 : i) * 7919 + 17;
    return Object.fromEntries(CRITERIA.map(c => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return [c, 1 + Math.floor(seed / 65536) % 5];
    }));
  };
  const accounts = Array.from({ length: N }, (_, i) => ({
    id: i + 1, name: `Firm ${String(i + 1).padStart(2, '0')}`, industry: INDUSTRIES[i % 4],
    manager: MANAGERS[i % 3], revenue: 5000 * (i + 1), tier: 'ABC'[i % 3], notes: '',
    ratings: rating(i), created_at: at, updated_at: at,
  }));
  return JSON.stringify({ version: 4, next_id: N + 1, portfolio: { accounts, snapshots: [] } });
}

async function matrixPage(options = {}) {
  const page = await env.newPage(options);
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, portfolio()]);
  await page.evaluate(() => { location.hash = '#/matrix'; });
  await page.reload();
  await page.locator('.matrix__chart').waitFor();
  return page;
}

const points = page => page.locator('a.matrix__point');
const focusedName = page => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
const centre = async (page, name) => page.evaluate(n => {
  const a = [...document.querySelectorAll('a.matrix__point')].find(p => p.getAttribute('aria-label') === n);
  const r = a.querySelector('.matrix__dot').getBoundingClientRect();
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}, name);

test('at 1280 px the chart is at least 800 px wide, and filters narrow its points', async () => {
  const page = await matrixPage();
  const width = await page.locator('.matrix__chart').evaluate(e => e.getBoundingClientRect().width);
  assert.ok(width >= 800, `chart ${width} px wide`);
  assert.equal(await points(page).count(), N);

  await page.getByLabel('Manager', { exact: true }).selectOption({ label: 'Ana' });
  assert.equal(await points(page).count(), 24);
  await page.getByLabel('Tier', { exact: true }).selectOption('A');
  // Ana has every third account, as tier A does: the same 24.
  assert.equal(await points(page).count(), 24);
  await page.getByLabel('Industry', { exact: true }).selectOption({ label: 'Retail' });
  const retail = await points(page).count();
  assert.ok(retail > 0 && retail < 24, `${retail} points`);
  assert.match(await page.getByRole('status').filter({ hasText: 'Showing' }).textContent(), new RegExp(`Showing ${retail} of ${N}`));
  for (const label of await points(page).evaluateAll(ps => ps.map(p => p.getAttribute('aria-label')))) {
    assert.match(label, /tier A/);
  }
  await page.getByRole('button', { name: 'Clear filters' }).click();
  assert.equal(await points(page).count(), N);
  await page.getByLabel('Quadrant', { exact: true }).selectOption({ label: 'Manage as a key account' });
  const key = await points(page).count();
  assert.ok(key > 0 && key < N);
  for (const label of await points(page).evaluateAll(ps => ps.map(p => p.getAttribute('aria-label')))) {
    assert.match(label, /Key account/);
  }
});

test('arrow keys move between points by position, with the details beside the point', async () => {
  const page = await matrixPage();
  // One tab stop for the whole chart.
  assert.equal(await page.locator('a.matrix__point[tabindex="0"]').count(), 1);
  await page.locator('a.matrix__point[tabindex="0"]').focus();
  await page.keyboard.press('Home');
  const first = await focusedName(page);
  const start = await centre(page, first);
  await page.keyboard.press('ArrowRight');
  const second = await focusedName(page);
  assert.notEqual(second, first);
  const next = await centre(page, second);
  assert.ok(next.x >= start.x, 'ArrowRight went right');
  await page.keyboard.press('ArrowUp');
  const third = await focusedName(page);
  const up = await centre(page, third);
  assert.ok(up.y < next.y, 'ArrowUp went up');
  await page.keyboard.press('End');
  const last = await centre(page, await focusedName(page));
  const all = await points(page).evaluateAll(ps => ps.map(p => p.querySelector('.matrix__dot').getBoundingClientRect().x));
  assert.ok(last.x + 1 >= Math.max(...all), 'End is the rightmost point');
  // The moved-to point is the only tab stop.
  assert.equal(await page.locator('a.matrix__point[tabindex="0"]').count(), 1);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('tabindex')), '0');

  // The details are next to the point, in view.
  const name = await focusedName(page);
  const details = page.locator('.matrix__details');
  assert.match(await details.textContent(), /Relationship \d+ · Potential \d+/);
  assert.ok((await details.textContent()).startsWith(name.split(':')[0]));
  const box = await details.boundingBox();
  const dot = await centre(page, name);
  const gap = Math.max(box.x - dot.x, dot.x - (box.x + box.width), box.y - dot.y, dot.y - (box.y + box.height), 0);
  assert.ok(gap < 40, `details ${gap} px from the point`);
  assert.ok(box.y >= 0 && box.y + box.height <= 900, 'details within the window');

  await page.keyboard.press('Enter');
  await page.locator('main h1', { hasText: name.split(':')[0] }).waitFor();
});

test('where accounts share a spot, the chart shows how many', async () => {
  const page = await matrixPage();
  const firm = page.getByRole('link', { name: /^Firm 01: / });
  const others = Number((await firm.getAttribute('aria-label')).match(/(\d+) other accounts at this same spot/)[1]);
  assert.ok(others >= 2);
  const counts = await page.locator('.matrix__pile-count').allTextContents();
  assert.ok(counts.includes(String(others + 1)), `badges: ${counts.join(', ')}`);
  // Every one of the pile can be reached by arrow keys: from the first drawn, ArrowRight
  // steps through the rest before leaving the spot.
  const spot = (await firm.getAttribute('aria-label')).match(/relationship \d+, potential \d+/)[0];
  const pile = (await points(page).evaluateAll(ps => ps.map(p => p.getAttribute('aria-label'))))
    .filter(l => l.includes(`: ${spot},`)).map(l => l.split(':')[0]);
  assert.equal(pile.length, others + 1);
  await page.getByRole('link', { name: new RegExp(`^${pile[0]}: `) }).focus();
  const seen = [pile[0]];
  for (let i = 0; i < others; i++) {
    await page.keyboard.press('ArrowRight');
    seen.push((await focusedName(page)).split(':')[0]);
  }
  assert.deepEqual([...seen].sort(), [...pile].sort());
});

test('on a touch screen a first tap shows the details and a second opens the account', async () => {
  const page = await env.newPage({ width: 390 });
  await page.close();
  const context = await page.context().browser().newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
  const touch = await context.newPage();
  const errors = [];
  touch.on('pageerror', e => errors.push(String(e)));
  await touch.goto(env.server.url + '#/grader');
  await touch.waitForFunction(() => !document.getElementById('prerendered'));
  await touch.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, portfolio()]);
  await touch.evaluate(() => { location.hash = '#/matrix'; });
  await touch.reload();
  await touch.locator('.matrix__chart').waitFor();
  // A point alone on its spot: in a pile, the top dot takes the tap.
  const names = await touch.locator('a.matrix__point').evaluateAll(links => links.map(l => l.getAttribute('aria-label')));
  const name = names.find(n => !/same spot/.test(n));
  // A tap lands only on what is on the screen.
  await touch.locator(`a.matrix__point[aria-label="${name}"]`).scrollIntoViewIfNeeded();
  const at = await centre(touch, name);
  await touch.touchscreen.tap(at.x, at.y);
  await touch.waitForTimeout(300);
  assert.match(touch.url(), /#\/matrix$/, 'the first tap stays on the matrix');
  assert.match(await touch.locator('.matrix__details').textContent(), new RegExp(name.split(':')[0]));
  assert.match(touch.url(), /#\/matrix$/, 'still on the matrix');
  await touch.touchscreen.tap(at.x, at.y);
  await touch.locator('main h1', { hasText: name.split(':')[0] }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
