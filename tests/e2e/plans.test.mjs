import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, fixture, setUp, stored } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

async function withDemo() {
  const page = await env.newPage({ acceptDownloads: true });
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await page.getByText('Showing 12 of 12 accounts').waitFor();
  return page;
}

async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

const sectionTitles = page => page.locator('.template-section legend').allTextContents();

test('copy the built-in template, add a section and reorder it with the keyboard alone', async () => {
  const page = await withDemo();
  await env.open(page, '#/plans');
  await page.getByRole('link', { name: 'Key account plan (built in)' }).click();
  await page.getByRole('button', { name: 'Make an editable copy' }).click();
  await page.getByRole('heading', { name: 'Template: My key account plan' }).waitFor();
  const before = await sectionTitles(page);
  assert.equal(before.length, 17);

  // Type a new section's title and press Enter; focus lands in the new section's title.
  await page.locator('#new-section-title').focus();
  await page.keyboard.type('Risks to the account');
  await page.keyboard.press('Enter');
  await page.getByText('Section 18 of 18: Risks to the account').waitFor();

  // Move it up twice with the keyboard: focus stays on the button between presses.
  await page.getByRole('button', { name: 'Move Risks to the account up' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Move Risks to the account up');
  await page.keyboard.press('Space');
  await page.waitForTimeout(100);
  const after = await sectionTitles(page);
  assert.equal(after[15], 'Section 16 of 18: Risks to the account');
  assert.equal(after[17], 'Section 18 of 18: Client consensus');

  // The built-in template itself is unchanged and read-only.
  await env.open(page, '#/templates/0');
  assert.equal(await page.getByRole('button', { name: /Move/ }).count(), 0);
  assert.equal(await page.locator('.template-sections > li').count(), 17);
});

test('a plan is created, filled in, kept across a reload, and exported', async () => {
  const page = await withDemo();
  await env.open(page, '#/accounts/1');
  await page.getByRole('link', { name: 'Create a plan' }).click();
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await page.getByRole('heading', { name: 'Account plan: Northwind Logistics' }).waitFor();

  const issue = n => page.getByRole('textbox', { name: `The client's top five issues item ${n}` });
  await issue(1).fill('Late deliveries in the north');
  await page.getByRole('button', { name: 'Add item' }).first().click();
  await issue(2).fill('New CFO wants lower costs');
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.locator('#section-relationships-1-name').fill('Ann Lee');
  await page.locator('#section-relationships-1-title').fill('Chief Financial Officer');
  await page.locator('#section-relationships-1-role').selectOption('decision-maker');
  await page.getByRole('button', { name: 'Add business review' }).click();
  // A meeting added but not filled in does not count as a filled-in section.
  assert.match(await page.locator('.plan-status').textContent(), /2 of 17 sections filled in/);
  await page.locator('#section-review-plan-1-date').fill('2026-12-15');
  await page.locator('#section-review-plan-1-note').fill('Q4 review, with NPS results');
  assert.match(await page.locator('.plan-status').textContent(), /3 of 17 sections filled in/);

  // Reload straight after typing: nothing is lost.
  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await issue(1).inputValue(), 'Late deliveries in the north');
  assert.equal(await issue(2).inputValue(), 'New CFO wants lower costs');
  assert.equal(await page.locator('#section-relationships-1-name').inputValue(), 'Ann Lee');

  // The top five issues stop at five.
  for (let n = 3; n <= 5; n++) await page.getByRole('button', { name: 'Add item' }).first().click();
  assert.ok(await page.getByRole('button', { name: 'Add item' }).first().isDisabled());

  await page.getByRole('link', { name: 'Read view, print and export' }).click();
  await page.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();
  assert.match(await page.locator('.plan-view').textContent(), /Ann Lee.*Chief Financial Officer.*Decision maker/);

  const md = await download(page, 'Export Markdown');
  assert.equal(md.name, 'northwind-logistics-plan.md');
  assert.match(md.text, /^# Account Development Plan: Northwind Logistics/);
  assert.match(md.text, /## The client's top five issues\n\n- Late deliveries in the north\n- New CFO wants lower costs\n/);
  assert.match(md.text, /\| Ann Lee \| Chief Financial Officer \|  \| Decision maker \|/);

  const cal = await download(page, /Export calendar/);
  assert.equal(cal.name, 'northwind-logistics-reviews.ics');
  assert.match(cal.text, /^BEGIN:VCALENDAR\r\n/);
  assert.match(cal.text.replace(/\r\n /g, ''), /DTSTART;VALUE=DATE:20261215\r\n.*\r\nSUMMARY:Business review: Northwind Logistics\r\nDESCRIPTION:Q4 review\\, with NPS results/s);

  const json = JSON.parse((await download(page, 'Export JSON')).text);
  assert.equal(json.kind, 'account-plan');
  assert.equal(json.account.name, 'Northwind Logistics');

  // The accounts list and the plans overview show the plan's completeness.
  await env.open(page, '#/plans');
  assert.match(await page.locator('.plans-table').textContent(), /Northwind Logistics.*3 of 17 sections/);
});

test('an action and a business review are added by keyboard alone and kept', async () => {
  const page = await withDemo();
  await env.open(page, '#/accounts/1/plan');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await page.getByRole('heading', { name: 'Account plan: Northwind Logistics' }).waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.id);
  // Chromium's date field takes a Tab of its own for its calendar button before focus leaves it.
  const leaveDate = async () => {
    const date = await focused();
    for (let n = 0; n < 3 && await focused() === date; n++) await page.keyboard.press('Tab');
  };

  // "Add action" puts focus in the new action's first field; Tab walks owner, due date, done.
  await page.getByRole('button', { name: 'Add action' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'section-actions-1-what');
  await page.keyboard.type('Send the cold-chain pilot offer');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'section-actions-1-owner');
  await page.keyboard.type('Priya (sales)');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'section-actions-1-due');
  await page.keyboard.type('01312027');
  await leaveDate();
  assert.equal(await focused(), 'section-actions-1-done');
  await page.keyboard.press('Space');
  assert.ok(await page.getByLabel('Done').isChecked());

  await page.getByRole('button', { name: 'Log a review' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'section-review-log-1-date');
  await page.keyboard.type('12152026');
  await leaveDate();
  for (const [id, text] of [['wins', 'Renewal signed for two years'], ['challenges', 'Late deliveries in the north'],
    ['decisions', 'Weekly call with the depot'], ['next', 'Visit the Hamburg plant']]) {
    if (id !== 'wins') await page.keyboard.press('Tab');
    assert.equal(await focused(), `section-review-log-1-${id}`);
    await page.keyboard.type(text);
  }
  assert.match(await page.locator('.plan-status').textContent(), /2 of 17 sections filled in/);

  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await page.getByLabel('What', { exact: true }).inputValue(), 'Send the cold-chain pilot offer');
  assert.equal(await page.getByLabel('Owner', { exact: true }).inputValue(), 'Priya (sales)');
  assert.equal(await page.getByLabel('Due', { exact: true }).inputValue(), '2027-01-31');
  assert.ok(await page.getByLabel('Done').isChecked());
  assert.equal(await page.locator('#section-review-log-1-date').inputValue(), '2026-12-15');
  assert.equal(await page.getByLabel('Next steps').inputValue(), 'Visit the Hamburg plant');

  await page.getByRole('link', { name: 'Read view, print and export' }).click();
  await page.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();
  const actions = await page.locator('.action-table tbody tr').textContent();
  assert.match(actions, /Yes.*Send the cold-chain pilot offer.*Priya \(sales\).*31 Jan 2027/);
  const log = await page.locator('.review-log').textContent();
  assert.match(log, /Review of 15 Dec 2026.*Wins.*Renewal signed for two years.*Challenges.*Late deliveries in the north.*Decisions.*Weekly call with the depot.*Next steps.*Visit the Hamburg plant/);
});

test('removing a section from a template keeps plans\' content under other sections', async () => {
  const page = await withDemo();
  await env.open(page, '#/plans');
  await page.getByRole('button', { name: 'New template from the built-in one' }).click();
  await page.getByRole('heading', { name: 'Template: My key account plan' }).waitFor();
  const templateUrl = page.url();
  await env.open(page, '#/accounts/2/plan');
  await page.getByLabel('Template').selectOption({ label: 'My key account plan: 17 sections' });
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await page.getByRole('textbox', { name: "The client's top five issues item 1" }).fill('Budget freeze');

  await page.goto(templateUrl);
  await page.getByRole('button', { name: "Remove The client's top five issues" }).click();
  await env.open(page, '#/accounts/2/plan');
  const other = page.locator('.plan-other');
  assert.match(await other.textContent(), /The client's top five issues.*Budget freeze/);
  assert.match(await page.locator('.plan-status').textContent(), /0 of 16 sections/);
  const doc = JSON.parse(await stored(page));
  assert.equal(doc.plans.plans[0].sections[0].content.value[0], 'Budget freeze');
});

test('plans saved with schema version 3 open as they were', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), ['account-grader', await fixture('v3.json')]);
  await env.open(page, '#/accounts/1/plan/view');
  await page.reload();
  await page.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();
  assert.match(await page.locator('.plan-view').textContent(), /Late deliveries in the north/);
  assert.match(await page.locator('.plan-view').textContent(), /Template: My key account plan/);
});
