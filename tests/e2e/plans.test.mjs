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
  assert.equal(before.length, 13);

  // Type a new section's title and press Enter; focus lands in the new section's title.
  await page.locator('#new-section-title').focus();
  await page.keyboard.type('Risks to the account');
  await page.keyboard.press('Enter');
  await page.getByText('Section 14 of 14: Risks to the account').waitFor();

  // Move it up twice with the keyboard: focus stays on the button between presses.
  await page.getByRole('button', { name: 'Move Risks to the account up' }).focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Move Risks to the account up');
  await page.keyboard.press('Space');
  await page.waitForTimeout(100);
  const after = await sectionTitles(page);
  assert.equal(after[11], 'Section 12 of 14: Risks to the account');
  assert.equal(after[13], 'Section 14 of 14: Client consensus');

  // The built-in template itself is unchanged and read-only.
  await env.open(page, '#/templates/0');
  assert.equal(await page.getByRole('button', { name: /Move/ }).count(), 0);
  assert.equal(await page.locator('.template-sections > li').count(), 13);
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
  assert.match(await page.locator('.plan-status').textContent(), /2 of 13 sections filled in/);
  await page.locator('#section-review-plan-1-date').fill('2026-12-15');
  await page.locator('#section-review-plan-1-note').fill('Q4 review, with NPS results');
  assert.match(await page.locator('.plan-status').textContent(), /3 of 13 sections filled in/);

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
  assert.match(await page.locator('.plans-table').textContent(), /Northwind Logistics.*3 of 13 sections/);
});

test('removing a section from a template keeps plans\' content under other sections', async () => {
  const page = await withDemo();
  await env.open(page, '#/plans');
  await page.getByRole('button', { name: 'New template from the built-in one' }).click();
  await page.getByRole('heading', { name: 'Template: My key account plan' }).waitFor();
  const templateUrl = page.url();
  await env.open(page, '#/accounts/2/plan');
  await page.getByLabel('Template').selectOption({ label: 'My key account plan: 13 sections' });
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await page.getByRole('textbox', { name: "The client's top five issues item 1" }).fill('Budget freeze');

  await page.goto(templateUrl);
  await page.getByRole('button', { name: "Remove The client's top five issues" }).click();
  await env.open(page, '#/accounts/2/plan');
  const other = page.locator('.plan-other');
  assert.match(await other.textContent(), /The client's top five issues.*Budget freeze/);
  assert.match(await page.locator('.plan-status').textContent(), /0 of 12 sections/);
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
