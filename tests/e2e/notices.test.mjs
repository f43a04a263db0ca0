// The notice after a destructive action: it goes by itself after a few seconds (a deleted
// record's and an import's stay until dismissed or their screen is left, through later
// changes), stays while the pointer or keyboard focus
// is on it, belongs to the screen it appeared on, and never covers the table or chart it is
// about. Time is Playwright's fake clock, moved on by hand, so no test waits for the seconds
// to pass.
import { after, before, test } from 'node:test';
import { assert, setUp } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const toast = page => page.locator('.toast');

/** The Grader with two answers given, then cleared, which raises a notice in place. */
async function clearedAnswers(page) {
  await page.clock.install();
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.getByRole('radio', { name: 'Not yet' }).nth(1).check();
  await page.getByRole('button', { name: 'Clear answers' }).click();
  await toast(page).getByText('Answers cleared.').waitFor();
}

test('a notice goes by itself after a few seconds, and Undo is there until then', async () => {
  const page = await env.newPage();
  await clearedAnswers(page);
  await page.clock.runFor(5_000);
  assert.equal(await toast(page).count(), 1, 'still shown after 5 s');
  await page.clock.runFor(4_000);
  await toast(page).waitFor({ state: 'detached' });
  // Gone for good: Undo is no longer offered, and the answers stay cleared.
  assert.equal(await page.getByRole('button', { name: 'Undo' }).count(), 0);
  assert.equal(await page.getByRole('radio', { checked: true }).count(), 0);
});

test('a notice stays while keyboard focus is in it, and goes once focus leaves', async () => {
  const page = await env.newPage();
  await clearedAnswers(page);
  // The app put focus on Undo after a click; the keyboard user moves on to Dismiss and back.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'undo-button');
  await page.clock.runFor(30_000);
  assert.equal(await toast(page).count(), 1, 'kept while focused');
  await page.keyboard.press('Enter');
  await toast(page).waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('radio', { checked: true }).count(), 2, 'Undo brought the answers back');

  // Cleared again, focus is moved off the notice: from then on it goes by itself.
  await page.getByRole('button', { name: 'Clear answers' }).focus();
  await page.keyboard.press('Enter');
  await toast(page).waitFor();
  await page.clock.runFor(30_000);
  assert.equal(await toast(page).count(), 1, 'a notice reached by keyboard stays');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => !!document.activeElement?.closest('.toast')), false);
  await page.clock.runFor(9_000);
  await toast(page).waitFor({ state: 'detached' });
});

test('a notice stays while the pointer is on it', async () => {
  const page = await env.newPage();
  await clearedAnswers(page);
  await toast(page).hover();
  await page.clock.runFor(30_000);
  assert.equal(await toast(page).count(), 1, 'kept while hovered');
  await page.mouse.move(5, 800);
  await page.clock.runFor(9_000);
  await toast(page).waitFor({ state: 'detached' });
  // Focus, which was on Undo, is back where the user was: Clear answers has nothing left to
  // clear, so on the button beside it.
  await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON');
  assert.ok(await page.getByRole('button', { name: 'Clear answers' }).isDisabled());
  assert.equal(await focusedName(page), 'Save assessment');
});

test('a notice stays on its screen: leaving dismisses it, a delete that moves screens keeps it', async () => {
  const page = await env.newPage();
  await clearedAnswers(page);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await page.getByRole('heading', { name: 'Assessment history' }).waitFor();
  assert.equal(await toast(page).count(), 0, 'not carried to History');
  await page.goBack();
  await page.getByRole('heading', { name: 'Grade your account management' }).waitFor();
  assert.equal(await toast(page).count(), 0, 'and not back on the Grader either');

  // Deleting an account goes to the list; the notice appears there, and Undo works.
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/2');
  const name = (await page.locator('main h1').textContent()).trim();
  await page.getByRole('button', { name: 'Delete this account' }).click();
  await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50))));
  await page.clock.runFor(1_000);
  assert.match(await toast(page).textContent(), new RegExp(`Deleted ${name}`));
  // A whole account (its ratings, its plan) deleted: its Undo stays on offer with nobody on
  // it, past the few seconds after which a smaller change's goes.
  await page.locator('main h1').focus();
  await page.mouse.move(0, 0);
  await page.clock.runFor(30_000);
  assert.equal(await toast(page).count(), 1, 'still offered after 30 s');
  // Undo takes the delete back with its move: the account's page again.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
  assert.equal(new URL(page.url()).hash, '#/accounts/2');
  await env.open(page, '#/accounts');
  await page.locator('.accounts-table').getByRole('link', { name, exact: true }).waitFor();

  // Staying is for its screen only: leaving it dismisses the notice as any other.
  await env.open(page, '#/accounts/3');
  await page.getByRole('button', { name: 'Delete this account' }).click();
  await toast(page).waitFor();
  await page.clock.runFor(30_000);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await page.getByRole('heading', { name: 'Assessment history' }).waitFor();
  assert.equal(await toast(page).count(), 0, 'gone with its screen');
});

test("a deleted plan's Undo outlives a rating made after it, and brings the plan back with the rating kept", async () => {
  const page = await env.newPage();
  await planWithActions(page);
  await page.getByRole('button', { name: 'Delete this plan' }).click();
  await toast(page).getByText('Plan deleted.').waitFor();
  const access = page.getByRole('group', { name: 'Access to decision makers' });
  await access.getByRole('radio', { name: '1', exact: true }).click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('account-grader'))
    .portfolio.accounts[0].ratings['decision-maker-access'] === 1);
  assert.equal(await toast(page).count(), 1, 'the rating does not take the Undo away');
  await toast(page).getByRole('button', { name: 'Undo' }).click();
  await page.locator('#section-actions-2-what').waitFor();
  assert.equal(await page.locator('#section-actions-2-what').inputValue(), 'Send the pricing memo');
  await env.open(page, '#/accounts/1');
  assert.ok(await page.getByRole('group', { name: 'Access to decision makers' })
    .getByRole('radio', { name: '1', exact: true }).isChecked(), 'the rating is kept');
});

test('dismissing a notice that stayed returns the focus to the control used since, not to the delete', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/2');
  await page.getByRole('button', { name: 'Delete this account' }).click();
  await toast(page).waitFor();
  const search = page.getByLabel('Search by name');
  await search.fill('a');
  await toast(page).getByRole('button', { name: 'Dismiss' }).click();
  assert.equal(await toast(page).count(), 0);
  // The search field the user typed in last, not the deleted account's place.
  await page.waitForFunction(field => field === document.activeElement, await search.elementHandle());
});

test('a control reached by keyboard while a notice stays is scrolled into view below it, not under it (390 px)', async () => {
  const page = await env.newPage({ width: 390 });
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/3');
  await page.getByRole('button', { name: 'Delete this account' }).click();
  await toast(page).waitFor();
  // Each row's name: a link to its account's page.
  const links = page.locator('.accounts-table tbody a[href^="#/accounts/"]:not([href$="/plan"])');
  await links.nth(5).waitFor();
  // A row's link put right under the notice stuck at the top of the window, then reached
  // with Tab from the control before it.
  await links.nth(5).evaluate(a => window.scrollBy(0, a.getBoundingClientRect().top - 30));
  await links.nth(4).evaluate(a => a.focus({ preventScroll: true }));
  await links.nth(4).evaluate(a => window.scrollBy(0, a.getBoundingClientRect().top - 30));
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const [notice, link] = await Promise.all([toast(page).boundingBox(), links.nth(4).boundingBox()]);
  assert.equal(await links.nth(4).evaluate(a => a === document.activeElement), true);
  assert.ok(link.y >= notice.y + notice.height, `the focused link (top ${link.y}) is below the notice (bottom ${notice.y + notice.height})`);
});

for (const width of [1280, 390]) {
  test(`a notice never covers the table or the chart it is about (${width} px)`, async () => {
    const page = await env.newPage({ width });
    await env.open(page, '#/accounts');
    await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
    await env.open(page, '#/accounts/3');
    await page.getByRole('button', { name: 'Delete this account' }).click();
    await toast(page).waitFor();
    await page.locator('.accounts-table').waitFor();
    const apart = async (other) => {
      // Checked as laid out, and again scrolled to the other element's end.
      const boxes = () => Promise.all([toast(page).boundingBox(), page.locator(other).boundingBox()]);
      const overlap = ([a, b]) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      assert.equal(overlap(await boxes()), false, `${other} at the top`);
      await page.locator(other).evaluate(e => e.scrollIntoView({ block: 'end' }));
      const [a, b] = await boxes();
      assert.equal(overlap([a, b]), false, `${other} scrolled`);
    };
    await apart('.accounts-table');

    await env.open(page, '#/matrix');
    await page.getByRole('button', { name: 'Record snapshot' }).click();
    await page.getByRole('button', { name: /Delete snapshot of/ }).click();
    await toast(page).getByText('Snapshot deleted.').waitFor();
    await apart('.matrix__chart');
  });
}

/** A plan for the first demo account with five actions, its Action list far down the page
 *  and enough below the second action that removing it cannot pull the page's end up. */
async function planWithActions(page) {
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/1/plan');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  for (const [n, what] of [[1, 'Book the depot visit'], [2, 'Send the pricing memo'], [3, 'Call the new CFO'],
    [4, 'Draft the joint roadmap'], [5, 'Plan the spring review']]) {
    await page.getByRole('button', { name: 'Add action' }).click();
    await page.locator(`#section-actions-${n}-what`).fill(what);
  }
}

/** Puts the button in the middle of the window, and says how far down the page that is. */
async function centred(button) {
  await button.evaluate(b => b.scrollIntoView({ block: 'center' }));
  return button.page().evaluate(() => window.scrollY);
}

const focusedName = page => page.evaluate(() =>
  document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent.trim());

for (const width of [1280, 390]) {
  test(`removing a row far down a plan keeps the page where it was, and focus comes back to the rows (${width} px)`, async () => {
    const page = await env.newPage({ width });
    await page.clock.install();
    await planWithActions(page);
    const remove = page.getByRole('button', { name: 'Remove Send the pricing memo' });
    const before = await centred(remove);
    assert.ok(before > 1500, `the row is far down the plan (${before}px)`);
    const row = await remove.evaluate(b => b.getBoundingClientRect().top);
    await remove.click();
    await toast(page).getByText(/Removed an entry from Action list/).waitFor();
    // The rows the user was working on stay where they were on screen, and the notice is
    // in view with them, focus on its Undo.
    const next = page.getByRole('button', { name: 'Remove Call the new CFO' });
    const moved = await next.evaluate((b, row) => Math.abs(b.getBoundingClientRect().top - row), row);
    assert.ok(moved < 120, `the next row is where the removed one was (moved ${moved}px)`);
    assert.ok(Math.abs(await page.evaluate(() => window.scrollY) - before) < 120, 'no jump up the page');
    const box = await toast(page).boundingBox();
    assert.ok(box.y >= 0 && box.y + box.height <= 900, `notice in view: ${JSON.stringify(box)}`);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'undo-button');

    // Dismissed, focus goes to the row that took the removed one's place. (Clicked where it
    // is on screen: Playwright's locator click at times scrolls the page before clicking a
    // sticky element, which no person's click does.)
    const dismiss = await page.getByRole('button', { name: 'Dismiss' }).boundingBox();
    await page.mouse.click(dismiss.x + dismiss.width / 2, dismiss.y + dismiss.height / 2);
    await toast(page).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON');
    assert.equal(await focusedName(page), 'Remove Call the new CFO');
    const after = await page.evaluate(() => window.scrollY);
    assert.ok(Math.abs(after - before) < 200, `still far down (${before} → ${after})`);

    // Undone from the keyboard, focus goes to the row brought back.
    const again = await centred(next);
    await next.click();
    await toast(page).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'undo-button');
    await page.keyboard.press('Enter');
    await toast(page).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON');
    assert.equal(await focusedName(page), 'Remove Call the new CFO');
    const later = await page.evaluate(() => window.scrollY);
    assert.ok(Math.abs(later - again) < 200, `still far down (${again} → ${later})`);

    // Left to go by itself while focus is on Undo, it hands focus back the same way.
    await page.getByRole('button', { name: 'Remove Book the depot visit' }).click();
    await toast(page).waitFor();
    await page.clock.runFor(9_000);
    await toast(page).waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.activeElement?.tagName === 'BUTTON');
    assert.equal(await focusedName(page), 'Remove Call the new CFO');
  });
}
