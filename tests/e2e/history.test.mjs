import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { assert, fixture, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

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
  const chart = page.getByRole('img', { name: /Score trend: 2 assessments/ });
  assert.match(await chart.getAttribute('aria-label'), /from Sales, Q1 \(2 Mar 2026\), 4\/10, to 14 Sep 2026, 8\/10/);
  assert.equal(await chart.locator('circle').count(), 2);
  // Points are named under the chart by their label, with the date.
  assert.match(await chart.locator('.trend__tick').first().textContent(), /Sales, Q1\s*2 Mar 2026/);

  const rows = page.locator('.history-table tbody tr');
  assert.equal(await rows.count(), 2);
  assert.match(await rows.nth(0).textContent(), /14 Sep 2026, 16:40.*8\/10.*4 gained(?!, 0)/);
  assert.match(await rows.nth(1).textContent(), /Sales, Q1.*4\/10.*First assessment/);

  await page.getByRole('link', { name: 'Open assessment 14 Sep 2026, 16:40' }).click();
  await page.getByRole('heading', { name: 'Assessment of 14 Sep 2026, 16:40', level: 1 }).waitFor();
  assert.equal(await page.getByText(/^Compared with/).textContent(),
    'Compared with Sales, Q1 (2 Mar 2026), which scored 4/10.');
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
  assert.equal((await storedDocument(page)).grader.history.length, 1);
  // Focus moves to Undo, since the pressed Delete button is gone.
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Undo');

  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  assert.equal(await rows.count(), 2);
  assert.equal((await storedDocument(page)).grader.history.length, 2);
});

test('a saved assessment can start the next one', async () => {
  const page = await withFixture();
  await env.open(page, '#/history/1');
  await page.getByRole('button', { name: 'Start a new assessment from these answers' }).click();
  await page.getByRole('heading', { name: 'Grade your account management' }).waitFor();
  assert.equal(await page.locator('.score__value').textContent(), '4');
});

test("an assessment's label and date can be changed: it moves in the order and the chart, and stays so", async () => {
  const page = await withFixture();
  await env.open(page, '#/history/3');
  await page.getByRole('button', { name: 'Edit label, team and date' }).click();
  const label = page.getByLabel('Label (optional)');
  await label.waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'details-label');
  const date = page.getByLabel('Date it stands for');
  assert.equal(await date.inputValue(), '2026-09-14');

  // A day still to come is refused with a reason, and nothing changes.
  await label.fill('Q1 catch-up');
  await date.fill('2999-01-01');
  await page.getByRole('button', { name: 'Save details' }).click();
  assert.equal(await page.locator('#details-date-error').textContent(),
    '1 Jan 2999 has not happened yet. Choose today or an earlier day.');
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  // Focus goes to the field to mend once the error is drawn (a task after it, not with it).
  await page.waitForFunction(() => document.activeElement?.id === 'details-date');
  assert.equal((await storedDocument(page)).grader.history[1].label, '');

  await date.fill('2026-01-15');
  await page.getByRole('button', { name: 'Save details' }).click();
  await page.getByRole('heading', { name: 'Q1 catch-up: 15 Jan 2026', level: 1 }).waitFor();
  // Focus goes back to the button that opened the form once the undo notice has appeared,
  // and stays there (the notice used to take it back at times).
  await page.waitForFunction(() => document.activeElement?.id === 'edit-details');
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).waitFor();
  await page.waitForTimeout(100);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'edit-details');
  // Now the earliest, so there is nothing before it to compare with.
  await page.getByText('This is the first saved assessment, so there is nothing to compare yet.').waitFor();

  // Undo puts the details back; the change is then made again.
  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('heading', { name: 'Assessment of 14 Sep 2026, 16:40', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Edit label, team and date' }).click();
  await label.fill('Q1 catch-up');
  await date.fill('2026-01-15');
  await date.press('Enter');
  await page.getByRole('heading', { name: 'Q1 catch-up: 15 Jan 2026', level: 1 }).waitFor();

  const saved = (await storedDocument(page)).grader.history.find(a => a.id === 3);
  assert.equal(saved.assessed_on, '2026-01-15');
  assert.equal(saved.saved_at, '2026-09-14T16:40:00.000Z', 'the moment it was saved stays');

  for (const reload of [false, true]) {
    await env.open(page, '#/history');
    if (reload) await page.reload();
    const rows = page.locator('.history-table tbody tr');
    assert.match(await rows.nth(0).textContent(), /2 Mar 2026.*Sales, Q1.*4\/10/);
    assert.match(await rows.nth(1).textContent(), /15 Jan 2026.*Q1 catch-up.*8\/10.*First assessment/);
    const chart = page.getByRole('img', { name: /Score trend/ });
    assert.match(await chart.getAttribute('aria-label'),
      /from Q1 catch-up \(15 Jan 2026\), 8\/10, to Sales, Q1 \(2 Mar 2026\), 4\/10/);
    assert.match(await chart.locator('.trend__tick').first().textContent(), /Q1 catch-up\s*15 Jan 2026/);
  }
});

function assessment(id, day, label, team, yes) {
  const practices = ['assigned-manager', 'manageable-load', 'growth-goals', 'tiered-profiles', 'check-in-cadence',
    'business-reviews', 'relationship-matrix', 'technology-roadmap', 'client-vision', 'nps-survey'];
  const answers = Object.fromEntries(practices.map((p, i) => [p, i < yes ? 'yes' : 'not-yet']));
  return { id, saved_at: '2026-11-20T10:00:00.000Z', label, answers, team, assessed_on: day };
}

async function withTeams(options, more = []) {
  const page = await env.newPage(options);
  await env.open(page);
  const doc = {
    version: 5,
    grader: {
      draft: {}, draft_label: '', history: [
        assessment(1, '2026-03-31', 'Q1', 'Sales', 4),
        assessment(2, '2026-04-10', 'Spring check', 'Support', 7),
        assessment(3, '2026-06-30', 'Q2', 'Sales', 6),
        assessment(4, '2026-07-20', 'Summer check', 'Support', 5),
        ...more,
      ],
    },
    next_id: 5,
  };
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, JSON.stringify(doc)]);
  await env.open(page, '#/history');
  await page.reload();
  await page.locator('main h1').waitFor();
  return page;
}

test('team names match whatever their case and accents, in any script, as the app compares them with the browser', async () => {
  const page = await withTeams({}, [
    // No accent, then the accent typed as a letter and a combining mark.
    assessment(9, '2026-06-01', 'Jun', 'Equipe Nord', 4),
    assessment(10, '2026-06-15', 'Mid-Jun', 'E\u0301QUIPE  nord', 5),
    assessment(5, '2026-08-01', 'Aug', 'ÉQUIPE NORD ', 6),
    assessment(6, '2026-09-01', 'Sep', 'équipe nord', 8),
    assessment(7, '2026-09-15', 'Mid-Sep', 'ΟΜΆΔΑ', 3),
    assessment(8, '2026-10-01', 'Oct', 'ομάδα', 4),
  ]);
  const rows = page.locator('.history-table tbody tr');
  assert.match(await rows.nth(0).textContent(), /Oct.*ομάδα.*4\/10.*1 gained/);
  assert.match(await rows.nth(1).textContent(), /Mid-Sep.*ΟΜΆΔΑ.*3\/10.*First for ΟΜΆΔΑ/);
  assert.match(await rows.nth(2).textContent(), /Sep.*équipe nord.*8\/10.*2 gained/);
  assert.match(await rows.nth(3).textContent(), /Aug.*ÉQUIPE NORD.*6\/10.*gained/);
  assert.doesNotMatch(await rows.nth(3).textContent(), /First for/);
  // One team, one line, named by its latest spelling.
  await page.getByRole('checkbox', { name: 'équipe nord (4 assessments)' }).waitFor();
  assert.equal(await page.getByRole('checkbox', { name: /nord/i }).count(), 1);
});

test('grouped by team, each team has its own line and legend entry, and a team can be hidden', async () => {
  const page = await withTeams();
  const chart = page.getByRole('img', { name: /Score trend/ });
  // Two teams: a line each from the start, not one line joining their scores.
  const groupBy = page.getByLabel('Draw a line for each');
  assert.equal(await groupBy.inputValue(), 'team');
  assert.equal(await chart.locator('.trend__series').count(), 2);
  await groupBy.selectOption({ label: 'Nothing (one line)' });
  assert.equal(await chart.locator('.trend__series').count(), 1);

  await groupBy.selectOption({ label: 'Team' });
  assert.equal(await chart.locator('.trend__series').count(), 2);
  assert.equal(await chart.locator('polyline').count(), 2);
  assert.equal(await chart.getAttribute('aria-label'),
    'Score trends of 2 groups. Sales: 2 assessments, from Q1 (31 Mar 2026), 4/10, to Q2 (30 Jun 2026), 6/10. '
    + 'Support: 2 assessments, from Spring check (10 Apr 2026), 7/10, to Summer check (20 Jul 2026), 5/10.');
  // The lines differ by more than colour: one is dashed, and their markers have other shapes.
  const dashes = await chart.locator('polyline').evaluateAll(ls => ls.map(l => l.getAttribute('stroke-dasharray')));
  assert.notEqual(dashes[0], dashes[1]);
  assert.equal(await chart.locator('.trend__series').nth(0).locator('circle').count(), 2);
  assert.equal(await chart.locator('.trend__series').nth(1).locator('path').count(), 2);

  const sales = page.getByRole('checkbox', { name: 'Sales (2 assessments)' });
  const support = page.getByRole('checkbox', { name: 'Support (2 assessments)' });
  assert.ok(await sales.isChecked() && await support.isChecked());

  // Hiding a team by keyboard leaves the other's line alone, spread over the whole chart.
  await support.focus();
  await page.keyboard.press('Space');
  assert.equal(await support.isChecked(), false);
  assert.equal(await chart.locator('.trend__series').count(), 1);
  assert.equal(await chart.getAttribute('aria-label'),
    'Score trend: 2 assessments, from Q1 (31 Mar 2026), 4/10, to Q2 (30 Jun 2026), 6/10.');
  await page.getByText("The chart's figures as a table").click();
  const figures = page.locator('.trend__data tbody tr');
  assert.equal(await figures.count(), 2);
  assert.match(await figures.nth(1).textContent(), /30 Jun 2026.*Q2.*Sales.*6\/10/);

  await sales.uncheck();
  await page.getByText('Every line is hidden. Tick one above to draw it.').waitFor();
  await support.check();
  assert.equal(await chart.locator('.trend__series').count(), 1);

  // The list compares each assessment with its own team's previous one.
  const rows = page.locator('.history-table tbody tr');
  assert.match(await rows.nth(0).textContent(), /Summer check.*Support.*5\/10.*2 lost/);
  assert.match(await rows.nth(2).textContent(), /Spring check.*Support.*First for Support/);
  await page.getByRole('link', { name: 'Open assessment Q2 (30 Jun 2026)' }).click();
  await page.getByText('Compared with Q1 (31 Mar 2026), which scored 4/10: the previous assessment of Sales.').waitFor();
});

test('Back from an assessment finds History as it was left: the chart, the place in the list, the focus', async () => {
  const page = await withTeams();
  await page.getByLabel('Draw a line for each').selectOption('label');
  await page.getByRole('checkbox', { name: 'Q1 (1 assessment)' }).uncheck();
  await page.getByText("The chart's figures as a table").click();
  const open = page.getByRole('link', { name: 'Open assessment Q1 (31 Mar 2026)' });
  await open.focus();
  const left = await page.evaluate(() => scrollY);
  assert.ok(left > 300, `the last row is further down the page (${left})`);
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Q1: 31 Mar 2026', level: 1 }).waitFor();
  assert.ok(await page.evaluate(() => scrollY) < left, 'the assessment starts at its heading');
  // The tab, and the browser's list of pages behind Back, name the assessment.
  assert.equal(await page.title(), 'Assessment: Q1 (31 Mar 2026) · Account Grader');

  const asLeft = async () => {
    await page.getByRole('heading', { name: 'Assessment history', level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label') ?? document.activeElement.textContent),
      'Open assessment Q1 (31 Mar 2026)');
    assert.equal(await page.evaluate(() => scrollY), left);
    assert.equal(await page.getByLabel('Draw a line for each').inputValue(), 'label');
    assert.equal(await page.getByRole('checkbox', { name: 'Q1 (1 assessment)' }).isChecked(), false);
    assert.ok(await page.locator('.trend__data').evaluate(d => d.open), 'the figures are still open');
  };
  await page.goBack();
  await asLeft();
  // Forward goes back to the assessment, and Back again finds History the same.
  await page.goForward();
  await page.getByRole('heading', { name: 'Q1: 31 Mar 2026', level: 1 }).waitFor();
  await page.goBack();
  await asLeft();

  // Reached from a link instead, History starts at its heading; the chart is as chosen.
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Grader' }).click();
  await page.getByRole('heading', { name: 'Grade your account management', level: 1 }).waitFor();
  await nav.getByRole('link', { name: 'History' }).click();
  await page.getByRole('heading', { name: 'Assessment history', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'H1');
  assert.equal(await page.getByLabel('Draw a line for each').inputValue(), 'label');
});

test("deleting an assessment from its own page leaves no way Back to a page that says it is gone", async () => {
  const page = await withTeams();
  await page.getByRole('link', { name: 'Open assessment Q1 (31 Mar 2026)' }).click();
  await page.getByRole('heading', { name: 'Q1: 31 Mar 2026', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Delete this assessment' }).click();
  await page.getByRole('heading', { name: 'Assessment history', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { name: 'Assessment history', level: 1 }).waitFor();
  assert.equal(await page.getByText('Assessment not found').count(), 0);
  assert.equal(await page.locator('.history-table tbody tr').count(), 3);
  assert.ok(await page.evaluate(() => document.activeElement !== document.body), 'the focus is not lost');
});

test('Back while the undo notice has the focus still puts the screen back as it was left', async () => {
  const page = await withTeams();
  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Grader' }).click();
  await page.getByRole('heading', { name: 'Grade your account management', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => scrollY), 0);
  await nav.getByRole('link', { name: 'History' }).click();
  await page.getByRole('button', { name: 'Delete assessment Q1 (31 Mar 2026)' }).click();
  await page.waitForFunction(() => document.activeElement?.id === 'undo-button');
  assert.ok(await page.evaluate(() => scrollY) > 0, 'the deleted row was further down');
  await page.goBack();
  await page.getByRole('heading', { name: 'Grade your account management', level: 1 }).waitFor();
  assert.equal(await page.evaluate(() => scrollY), 0, 'the Grader where it was left');
  assert.ok(await page.evaluate(() => document.activeElement !== document.body), 'the focus is not lost');
});

test("on a phone the chart's figures fit the screen, each score in view with its label", async () => {
  // A long label without a space, as pasted from an address, must not push the score away.
  const long = 'QuarterlyAccountReviewForTheNorthernRegionKeyAccountsAndPartners2026';
  const page = await withTeams({ width: 390 }, [assessment(5, '2026-08-01', long, 'Support', 6)]);
  await page.getByText("The chart's figures as a table").click();
  const table = page.locator('.trend__data table');
  const [fits, wide] = await table.evaluate(t => [t.parentElement.scrollWidth <= t.parentElement.clientWidth, t.parentElement.clientWidth]);
  assert.ok(fits, `the table is no wider than its ${wide} px box`);
  const score = table.locator('tbody tr').first().locator('td.num');
  assert.ok(await score.isVisible());
  assert.equal(await score.evaluate(td => getComputedStyle(td, '::before').content), '"Score"');
  const box = await score.boundingBox();
  assert.ok(box.x + box.width <= 390, 'the score is on screen');
});

test('the team typed when saving is saved with the assessment and kept for the next one', async () => {
  const page = await env.newPage();
  await env.open(page, '#/history');
  await env.open(page, '#/grader');
  await page.getByLabel('Team (optional)').fill('Key accounts');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.reload();
  assert.equal(await page.getByLabel('Team (optional)').inputValue(), 'Key accounts');
  await env.open(page, '#/history');
  assert.match(await page.locator('.history-table tbody tr').first().textContent(), /Key accounts/);
  assert.equal((await storedDocument(page)).grader.history[0].team, 'Key accounts');
});

test('the chart grouped by team and the details form with a problem have no accessibility violations', async () => {
  for (const colorScheme of ['light', 'dark']) {
    // axe is injected as a script, which the page's CSP forbids (see a11y.test.mjs).
    const page = await withTeams({ colorScheme, bypassCSP: true });
    await page.getByText("The chart's figures as a table").click();
    await page.addScriptTag({ content: AXE });
    const axe = () => page.evaluate(async () => (await window.axe.run(document)).violations
      .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`));
    assert.deepEqual(await axe(), [], `grouped chart, ${colorScheme}`);
    await page.getByRole('link', { name: 'Open assessment Q2 (30 Jun 2026)' }).click();
    await page.getByRole('button', { name: 'Edit label, team and date' }).click();
    await page.getByLabel('Date it stands for').fill('1999-12-31');
    await page.getByRole('button', { name: 'Save details' }).click();
    await page.locator('#details-date-error').waitFor();
    assert.deepEqual(await axe(), [], `details form with a problem, ${colorScheme}`);
  }
});
