import { after, before, test } from 'node:test';
import { assert, setUp, stored, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

test('answering eight practices yes scores 8/10 in the 7-8 band, and the saved result survives a reload', async () => {
  const page = await env.newPage();
  await env.open(page);
  const yes = page.getByRole('radio', { name: 'We do this consistently' });
  const notYet = page.getByRole('radio', { name: 'Not yet' });
  assert.equal(await yes.count(), 10);

  for (let i = 0; i < 8; i++) await yes.nth(i).check();
  await notYet.nth(8).check();
  await notYet.nth(9).check();

  const scoreCard = page.locator('.score-card');
  assert.equal(await scoreCard.locator('.score__value').textContent(), '8');
  assert.match(await scoreCard.textContent(), /10 of 10 practices answered/);
  const badge = await scoreCard.locator('.band-badge').textContent();
  assert.match(badge, /Some areas to work on/);
  assert.match(badge, /7–8/);
  // The two missing practices are the next steps: the survey, a quick early warning, before
  // the client's vision.
  const steps = await page.locator('.next-steps__title').allTextContents();
  assert.deepEqual(steps, ['A yearly Net Promoter Score survey', "Each client's business vision written down"]);

  await page.getByLabel('Label (optional)').fill('Sales team, Q4');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByText('Saved with a score of 8/10.').waitFor();
  // The button is now a disabled "Saved": the focus is on the confirmation's link, not lost.
  await page.waitForFunction(() => document.activeElement?.textContent === 'View it in your history');

  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await page.locator('.score__value').textContent(), '8', 'answers in progress survive a reload');
  assert.ok(await yes.nth(0).isChecked());
  // Back after the save, nothing is saved twice without a word: the Grader says these
  // answers are saved already, with the way to them.
  const already = page.locator('#saved-before');
  assert.match(await already.textContent(), /These answers are saved already, as Sales team, Q4 \(.*\)\. View it\. Saving them again adds a second assessment\./);
  assert.equal(await page.getByRole('button', { name: 'Save assessment' }).getAttribute('aria-describedby'), 'saved-before');
  await notYet.nth(0).check();
  assert.equal(await already.count(), 0, 'changed answers are not saved yet');
  await yes.nth(0).check();

  await page.getByRole('link', { name: 'History' }).click();
  await page.getByRole('heading', { name: 'Assessment history', level: 1 }).waitFor();
  const rows = page.locator('.history-table tbody tr');
  assert.equal(await rows.count(), 1);
  const row = await rows.first().textContent();
  assert.match(row, /Sales team, Q4/);
  assert.match(row, /8\/10/);
  assert.match(row, /Some areas to work on/);

  const doc = await storedDocument(page);
  assert.equal(doc.version, 5, "saved with the current schema version");
  assert.equal(doc.grader.history.length, 1);
});

test('an assessment recorded after the fact is given its day when it is saved, and a day to come is refused', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).nth(0).check();
  await page.getByLabel('Label (optional)').fill('Q2 review');
  const date = page.getByLabel('Date (optional)');
  // A day to come: nothing is saved, the field says why and takes the focus.
  const tomorrow = await page.evaluate(() => { const d = new Date(); d.setDate(d.getDate() + 1); return d.toLocaleDateString('en-CA'); });
  await date.fill(tomorrow);
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByText('has not happened yet. Choose today or an earlier day.').waitFor();
  assert.equal(await date.getAttribute('aria-invalid'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'assessment-date');
  assert.equal((await storedDocument(page)).grader.history?.length ?? 0, 0, 'nothing saved');
  // A day half typed is not taken for today.
  await date.fill('');
  await date.focus();
  await page.keyboard.type('06');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByText('Enter the whole date the assessment stands for: day, month and year.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'assessment-date');
  assert.equal((await storedDocument(page)).grader.history?.length ?? 0, 0, 'still nothing saved');
  // The day is kept with the answers in progress, through a reload.
  await date.fill('2026-06-30');
  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await date.inputValue(), '2026-06-30');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByText('Saved with a score of 1/10.').waitFor();
  assert.equal(await date.inputValue(), '', 'the next one starts from today');
  const saved = (await storedDocument(page)).grader.history[0];
  assert.equal(saved.assessed_on, '2026-06-30');
  await page.getByRole('link', { name: 'View it in your history' }).click();
  await page.getByRole('heading', { level: 1, name: /Q2 review/ }).waitFor();
  assert.match(await page.locator('main').textContent(), /30 Jun 2026/);
});

test('an answer changes the score live and moves the band at its edges', async () => {
  const page = await env.newPage();
  await env.open(page);
  const yes = page.getByRole('radio', { name: 'We do this consistently' });
  const score = page.locator('.score__value');
  const badge = page.locator('.score-card .band-badge');
  assert.equal(await score.textContent(), '0');
  for (let i = 0; i < 6; i++) await yes.nth(i).check();
  assert.match(await badge.textContent(), /Accounts at risk/);
  await yes.nth(6).check();
  assert.equal(await score.textContent(), '7');
  assert.match(await badge.textContent(), /Some areas to work on/);
  await yes.nth(7).check();
  await yes.nth(8).check();
  assert.equal(await score.textContent(), '9');
  assert.match(await badge.textContent(), /Doing consistently well/);
  // Changing one answer back lowers the score again.
  await page.getByRole('radio', { name: 'Not yet' }).nth(8).check();
  assert.equal(await score.textContent(), '8');
});

test('clearing the answers can be undone', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).nth(2).check();
  await page.getByRole('button', { name: 'Clear answers' }).click();
  assert.equal(await page.locator('.score__value').textContent(), '0');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await page.locator('.score__value').textContent(), '1');
});

test('the grader works with the keyboard alone', async () => {
  const page = await env.newPage();
  await env.open(page);
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.id) === 'practice-1-yes') break;
  }
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'practice-1-yes');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('.score__value').textContent(), '1');
  // Arrow keys move within the practice's two answers.
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'practice-1-not-yet');
  assert.equal(await page.locator('.score__value').textContent(), '0');
  // The focused control shows a visible focus ring.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement.closest('label')).outlineStyle);
  assert.equal(outline, 'solid');
});

test('a phone-sized screen shows the grader without sideways scrolling', async () => {
  const page = await env.newPage({ width: 375 });
  await env.open(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
});
