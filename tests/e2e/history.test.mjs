import { after, before, test } from 'node:test';
import { assert, fixture, setUp, stored, STORAGE_KEY } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

async function withFixture() {
  const page = await env.newPage();
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, await fixture('v1.json')]);
  await env.open(page, '#/history');
  await page.reload();
  await page.locator('main h1').waitFor();
  return page;
}

test('history shows the trend and each assessment with its change since the previous one', async () => {
  const page = await withFixture();
  const chart = page.getByRole('img', { name: /Score trend over 2 assessments/ });
  assert.match(await chart.getAttribute('aria-label'), /4\/10 on 2 Mar 2026 to 8\/10 on 14 Sep 2026/);
  assert.equal(await chart.locator('circle').count(), 2);

  const rows = page.locator('.history-table tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /14 Sep 2026, 16:40.*8\/10.*4 gained(?!, 0)/);
  assert.match(await rows.nth(1).textContent(), /Sales, Q1.*4\/10.*First assessment/);

  await page.getByRole('link', { name: 'Open assessment 14 Sep 2026, 16:40' }).click();
  await page.getByRole('heading', { name: 'Assessment of 14 Sep 2026, 16:40', level: 1 }).waitFor();
  const change = await page.locator('.change').textContent();
  assert.match(change, /Gained 4/);
  assert.match(change, /A relationship matrix for each account/);
  assert.doesNotMatch(change, /Lost/);
  // Focus moves to the new screen's heading for keyboard and screen reader users.
  assert.equal(await page.evaluate(() => document.activeElement?.tagName), 'H1');
});

test('deleting an assessment can be undone, and the deletion is stored', async () => {
  const page = await withFixture();
  const rows = page.locator('.history-table tbody tr');
  await page.getByRole('button', { name: 'Delete assessment Sales, Q1 (2 Mar 2026, 09:15)' }).click();
  assert.equal(await rows.count(), 1);
  assert.equal(JSON.parse(await stored(page)).grader.history.length, 1);
  // Focus moves to Undo, since the pressed Delete button is gone.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Undo');

  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  assert.equal(await rows.count(), 2);
  assert.equal(JSON.parse(await stored(page)).grader.history.length, 2);
});

test('a saved assessment can start the next one', async () => {
  const page = await withFixture();
  await env.open(page, '#/history/1');
  await page.getByRole('button', { name: 'Start a new assessment from these answers' }).click();
  await page.getByRole('heading', { name: 'Grade your account management' }).waitFor();
  assert.equal(await page.locator('.score__value').textContent(), '4');
});
