// A whole task done with the keyboard alone: no pointer event ever reaches the page.
import { after, before, test } from 'node:test';
import { assert, setUp, stored, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

test('grade, add and rate an account, open it from the matrix and plan it, by keyboard only', async () => {
  const page = await env.newPage();
  await page.addInitScript(() => {
    window.pointerEvents = 0;
    for (const type of ['pointerdown', 'mousedown']) addEventListener(type, () => { window.pointerEvents += 1; }, true);
  });
  const press = key => page.keyboard.press(key);
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim());
  /** Tabs forward until the element matching `test` has focus. */
  async function tabTo(description, test, limit = 80, arg = null) {
    for (let i = 0; i < limit; i++) {
      if (await page.evaluate(test, arg)) return;
      await press('Tab');
    }
    throw new Error(`could not reach ${description} with Tab`);
  }

  await env.open(page);
  await tabTo('the first answer', () => document.activeElement?.id === 'practice-1-yes');
  await press('Space');
  assert.equal(await page.locator('.score__value').textContent(), '1');

  // The navigation is reachable with Shift+Tab from here; Enter follows a link.
  await tabTo('the Accounts link', () => document.activeElement?.textContent === 'Accounts' && document.activeElement.closest('nav'));
  await press('Enter');
  await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
  await tabTo('the add account link', () => document.activeElement?.textContent === 'Add your first account');
  await press('Enter');
  await page.getByRole('heading', { name: 'Add an account' }).waitFor();
  await tabTo('the name field', () => document.activeElement?.id === 'account-name');
  await page.keyboard.type('Keyboard Co');
  await press('Enter');
  await page.getByRole('heading', { name: 'Keyboard Co', level: 1 }).waitFor();

  // Rate one criterion on each axis: Tab to the group, arrows pick the value.
  for (const group of ['rating-decisionmakeraccess', 'rating-longtermpotential']) {
    await tabTo(group, g => document.activeElement?.name === g, 120, group);
    for (let i = 0; i < 5; i++) await press('ArrowRight');
  }
  assert.match(await page.locator('.classification').textContent(), /Manage as a key account/);

  // Open it from the matrix.
  await tabTo('the View on matrix link', () => document.activeElement?.textContent === 'View on matrix', 150);
  await press('Enter');
  await page.getByRole('heading', { name: 'Portfolio matrix' }).waitFor();
  await tabTo('the point', () => document.activeElement?.classList?.contains('matrix__point'));
  await press('Enter');
  await page.getByRole('heading', { name: 'Keyboard Co', level: 1 }).waitFor();

  // Plan it: create, then type two top issues, Enter starting the second.
  await tabTo('Create a plan', () => document.activeElement?.textContent === 'Create a plan', 150);
  await press('Enter');
  await tabTo('Create the plan', () => document.activeElement?.textContent === 'Create the plan');
  await press('Enter');
  await page.getByRole('heading', { name: 'Account plan: Keyboard Co' }).waitFor();
  await tabTo('the first top issue', () => document.activeElement?.id === 'section-top-issues-item-1', 150);
  await page.keyboard.type('Budget cuts');
  await press('Enter');
  // Enter starts a new item and moves focus into it.
  await page.waitForFunction(() => document.activeElement?.id === 'section-top-issues-item-2');
  await page.keyboard.type('New CEO');

  const plan = (await storedDocument(page)).plans.plans[0];
  assert.deepEqual(plan.sections[0].content.value, ['Budget cuts', 'New CEO']);
  assert.equal(await page.evaluate(() => window.pointerEvents), 0, 'no pointer event at all');
  assert.ok(await focused());
});
