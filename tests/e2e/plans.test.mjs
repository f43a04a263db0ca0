import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, fixture, setUp, stored, storedDocument } from './harness.mjs';

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
  // The button went with its form: the focus is on the plan's heading, not on the page.
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));

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
  assert.match(md.text, /## The client's top five issues\n\n1\. Late deliveries in the north\n2\. New CFO wants lower costs\n/);
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
  const doc = await storedDocument(page);
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

/** The demo portfolio with a new plan (built-in template) for Northwind Logistics, open. */
async function newPlan(options) {
  const page = await env.newPage(options);
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await page.getByText('Showing 12 of 12 accounts').waitFor();
  await env.open(page, '#/accounts/1/plan');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await page.getByRole('heading', { name: 'Account plan: Northwind Logistics' }).waitFor();
  return page;
}

const focusedId = page => page.evaluate(() => document.activeElement?.id);

test('the section menu marks what is filled in and jumps to a section; sections collapse and open again', async () => {
  const page = await newPlan();
  const menu = page.getByRole('navigation', { name: 'On this plan' });
  const entry = title => menu.getByRole('listitem').filter({ has: page.getByRole('link', { name: title, exact: true }) });
  assert.match(await entry('Budget for this client').textContent(), /empty$/);
  await page.locator('#section-budget-hours').fill('40');
  await entry('Budget for this client').getByText('✓ filled').waitFor();
  assert.match(await menu.textContent(), /1 of 17 filled in/);

  const toggles = page.locator('.plan-section__toggle');
  assert.equal(await toggles.count(), 17);
  await menu.getByRole('button', { name: 'Collapse all' }).click();
  assert.deepEqual([...new Set(await toggles.evaluateAll(b => b.map(x => x.getAttribute('aria-expanded'))))], ['false']);
  assert.ok(!await page.locator('#section-budget-hours').isVisible());
  assert.ok(await menu.getByRole('button', { name: 'Collapse all' }).isDisabled());

  // A jump opens the section it goes to and puts the keyboard on its heading.
  await entry('Budget for this client').getByRole('link').click();
  await page.waitForFunction(() => document.activeElement?.id === 'section-budget-toggle');
  assert.equal(await page.locator('#section-budget-toggle').getAttribute('aria-expanded'), 'true');
  assert.equal(await page.locator('#section-budget-hours').inputValue(), '40');
  assert.ok(await page.locator('#section-budget-hours').isVisible());
  assert.ok(await page.locator('#section-budget-toggle').evaluate(b => b.getBoundingClientRect().top < 200), 'scrolled to the top');

  // The heading button folds its section by keyboard, and unfolds it again.
  await page.keyboard.press('Enter');
  assert.equal(await page.locator('#section-budget-toggle').getAttribute('aria-expanded'), 'false');
  assert.ok(!await page.locator('#section-budget-hours').isVisible());
  await page.keyboard.press('Space');
  assert.ok(await page.locator('#section-budget-hours').isVisible());
  await menu.getByRole('button', { name: 'Expand all' }).click();
  assert.deepEqual([...new Set(await toggles.evaluateAll(b => b.map(x => x.getAttribute('aria-expanded'))))], ['true']);
});

test('list items and people move by keyboard and by buttons, and the new order is kept', async () => {
  const page = await newPlan();
  const issue = n => page.locator(`#section-top-issues-item-${n}`);
  await issue(1).fill('Late deliveries');
  await issue(1).press('Enter');
  await issue(2).fill('New CFO wants lower costs');
  await issue(2).press('Enter');
  await issue(3).fill('Depot in Hamburg closing');
  const issues = () => page.locator('.list-editor').first().locator('textarea').evaluateAll(a => a.map(x => x.value));

  // Alt+Up in the third item moves it up; the keyboard follows it and the move is announced.
  await page.keyboard.press('Alt+ArrowUp');
  await page.waitForFunction(() => document.activeElement?.id === 'section-top-issues-item-2');
  assert.deepEqual(await issues(), ['Late deliveries', 'Depot in Hamburg closing', 'New CFO wants lower costs']);
  assert.equal(await page.getByRole('status').filter({ hasText: 'Moved' }).textContent(),
    "Moved The client's top five issues item 3 to position 2 of 3.");
  await page.keyboard.press('Alt+ArrowUp');
  await page.waitForFunction(() => document.activeElement?.id === 'section-top-issues-item-1');
  // At the top, Alt+Up changes nothing.
  await page.keyboard.press('Alt+ArrowUp');
  await page.keyboard.press('Alt+ArrowDown');
  await page.waitForFunction(() => document.activeElement?.id === 'section-top-issues-item-2');
  assert.deepEqual(await issues(), ['Late deliveries', 'Depot in Hamburg closing', 'New CFO wants lower costs']);

  // People move with their buttons; the keyboard stays on the button, or the other one at the end.
  for (const [n, name] of [[1, 'Ann Lee'], [2, 'Bo Chen'], [3, 'Cem Aydin']]) {
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.locator(`#section-relationships-${n}-name`).fill(name);
  }
  await page.getByRole('button', { name: 'Move Cem Aydin up' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'section-relationships-2-up');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'section-relationships-1-down');
  const people = () => page.locator('[id^=section-relationships-][id$=-name]').evaluateAll(a => a.map(x => x.value));
  assert.deepEqual(await people(), ['Cem Aydin', 'Ann Lee', 'Bo Chen']);
  assert.ok(await page.getByRole('button', { name: 'Move Cem Aydin up' }).isDisabled());
  // Alt+Down from a person's job title field moves the whole card.
  await page.locator('#section-relationships-1-title').fill('Head of Logistics');
  await page.locator('#section-relationships-1-title').press('Alt+ArrowDown');
  await page.waitForFunction(() => document.activeElement?.id === 'section-relationships-2-title');
  assert.deepEqual(await people(), ['Ann Lee', 'Cem Aydin', 'Bo Chen']);
  assert.equal(await page.locator('#section-relationships-2-title').inputValue(), 'Head of Logistics');

  await page.reload();
  await page.locator('main h1').waitFor();
  assert.deepEqual(await issues(), ['Late deliveries', 'Depot in Hamburg closing', 'New CFO wants lower costs']);
  assert.deepEqual(await people(), ['Ann Lee', 'Cem Aydin', 'Bo Chen']);
});

test("the client's agreement is shown once, in its section, with its notes", async () => {
  const page = await newPlan();
  assert.equal(await page.getByLabel('Reviewed with the client on').count(), 1);
  assert.doesNotMatch(await page.locator('.plan-status').textContent(), /consensus/i);
  const section = page.locator('section.plan-section').filter({ has: page.locator('#section-consensus-title') });
  await section.getByLabel('Reviewed with the client on').fill('2026-11-20');
  await section.getByLabel('The client agreed to the plan').check();
  await section.getByText('Reviewed with the client on 20 Nov 2026 and agreed').waitFor();
  await section.getByRole('textbox', { name: 'Client consensus' }).fill('They asked for a second depot visit.');
  assert.match(await page.locator('.plan-status').textContent(), /1 of 17 sections filled in/);

  await page.getByRole('link', { name: 'Read view, print and export' }).click();
  await page.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();
  const text = await page.locator('.plan-view').textContent();
  assert.equal(text.match(/Reviewed with the client on 20 Nov 2026 and agreed/g).length, 1);
  assert.match(text, /Client consensus\s*Reviewed with the client on 20 Nov 2026 and agreed\s*They asked for a second depot visit\./);
});

for (const width of [1280, 390]) {
  test(`a long job title wraps and is seen whole (${width} px)`, async () => {
    const page = await newPlan({ width });
    await page.getByRole('button', { name: 'Add person' }).click();
    const title = page.locator('#section-relationships-1-title');
    const long = 'Chief Marketing Officer and Head of Customer Experience, Europe, Middle East and Africa';
    await title.fill(long);
    assert.equal(await title.inputValue(), long);
    const fit = await title.evaluate(t => ({ wide: t.scrollWidth - t.clientWidth, tall: t.scrollHeight - t.clientHeight, lines: t.clientHeight / parseFloat(getComputedStyle(t).lineHeight) }));
    assert.ok(fit.wide <= 0 && fit.tall <= 0, `cut off: ${JSON.stringify(fit)}`);
    assert.ok(fit.lines > 1.5, `wraps onto more lines: ${JSON.stringify(fit)}`);
    // Enter does not break a one-line field.
    await title.press('Enter');
    assert.equal(await title.inputValue(), long);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
    // The read view's people table has room for it too: on a phone each person is a card.
    await page.locator('#section-relationships-1-name').fill('Ann Lee');
    await page.getByRole('link', { name: 'Read view, print and export' }).click();
    const cell = page.locator('td[data-label="Title"]');
    assert.equal(await cell.textContent(), long);
    const box = await cell.evaluate(c => ({ width: c.getBoundingClientRect().width, page: document.documentElement.clientWidth }));
    assert.ok(box.width > box.page * (width > 640 ? 0.15 : 0.8), `room for the title: ${JSON.stringify(box)}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);
  });
}

test('the printout numbers the top five issues and can leave out empty sections', async () => {
  const page = await newPlan();
  await page.locator('#section-top-issues-item-1').fill('Late deliveries');
  await page.locator('#section-top-issues-item-1').press('Enter');
  await page.locator('#section-top-issues-item-2').fill('New CFO wants lower costs');
  await page.locator('#section-vision-text').fill('Twice the size by 2028');
  await page.getByRole('link', { name: 'Read view, print and export' }).click();
  await page.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();
  const issues = page.locator('.plan-view__section').filter({ has: page.getByRole('heading', { name: "The client's top five issues" }) });
  assert.deepEqual(await issues.locator('ol > li').allTextContents(), ['Late deliveries', 'New CFO wants lower costs']);
  const printed = () => page.locator('.plan-view__section').evaluateAll(s => s.filter(x => getComputedStyle(x).display !== 'none')
    .map(x => x.querySelector('h2').textContent));

  await page.emulateMedia({ media: 'print' });
  assert.equal((await printed()).length, 17, 'everything by default');
  await page.emulateMedia({ media: 'screen' });
  await page.getByLabel('Leave out empty sections when printing').check();
  await page.getByText('15 empty sections will not be printed').waitFor();
  assert.equal((await printed()).length, 17, 'still all on screen');
  await page.emulateMedia({ media: 'print' });
  assert.deepEqual(await printed(), ["Client's business vision (1-3 years)", "The client's top five issues"]);
  assert.equal(await issues.locator('ol').evaluate(o => getComputedStyle(o).listStyleType), 'decimal');

  // The choice holds while the app is open.
  await page.emulateMedia({ media: 'screen' });
  await page.getByRole('link', { name: 'Edit plan' }).click();
  await page.getByRole('link', { name: 'Read view, print and export' }).click();
  assert.ok(await page.getByLabel('Leave out empty sections when printing').isChecked());
});
