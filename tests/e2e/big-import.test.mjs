// Large imports (issue 16): a backup or spreadsheet of tens of thousands of accounts is read
// and matched a slice at a time, so the page keeps painting and shows how far it has got.
import { after, before, test } from 'node:test';
import { assert, setUp, stored, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const AT = '2026-11-01T09:00:00Z';
const account = (i, name) => ({
  id: i + 1, name, industry: 'Services', manager: `Manager ${i % 40}`, revenue: 10000 + (i * 7919) % 900000,
  tier: 'ABC'[i % 3], notes: '', ratings: { 'needs-fit': 1 + (i % 5) }, created_at: AT, updated_at: AT,
});
const documentOf = names => JSON.stringify({
  version: 4, next_id: names.length + 1,
  portfolio: { accounts: names.map((n, i) => account(i, n)), snapshots: [] }, plans: { templates: [], plans: [] },
});
const names = (n, from = 0) => Array.from({ length: n }, (_, i) => `Account ${String(from + i).padStart(5, '0')}`);

/** A page with `count` accounts stored. */
async function pageWith(count, hash) {
  const page = await env.newPage();
  await page.context().addInitScript(d => {
    if (!sessionStorage.getItem('seeded')) { localStorage.setItem('account-grader', d); sessionStorage.setItem('seeded', '1'); }
  }, documentOf(names(count)));
  await env.open(page, hash);
  return page;
}

/** From the next file chosen until an element matching `present` is in the page and the
 *  progress bar `id` is not: the frames the page painted, and each state of the bar (value,
 *  maximum and its line) seen in them. (The page's CSP allows no code made from text.) */
function watch(page, id, present, startOn = 'change') {
  return page.evaluate(([id, present, startOn]) => {
    window.watched = new Promise(done => {
      let started = false, frames = 0;
      const seen = [];
      const until = performance.now() + 120_000;
      document.addEventListener(startOn, () => { started = true; }, { capture: true, once: true });
      const tick = () => {
        if (performance.now() > until) return done({ frames, seen: [...seen, `no ${present} within two minutes`] });
        if (started) {
          frames++;
          const bar = document.getElementById(id);
          const state = bar && `${bar.value}/${bar.max} ${bar.labels[0]?.textContent}`;
          if (state && state !== seen.at(-1)) seen.push(state);
          if (document.querySelector(present) && !bar) return done({ frames, seen });
        }
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
  }, [id, present, startOn]);
}

/** Presses the Cancel of the progress bar `id` as soon as it has moved. */
function cancelOnce(page, id) {
  return page.evaluate(id => {
    const press = () => {
      const bar = document.getElementById(id);
      if (bar && bar.value > 0) return bar.closest('.work-progress').querySelector('button').click();
      requestAnimationFrame(press);
    };
    requestAnimationFrame(press);
  }, id);
}

/** Once the progress bar `id` shows: how many Cancel buttons the page offers, and whether
 *  the file input `picker` is disabled. */
function whileWorking(page, id, picker) {
  return page.evaluate(([id, picker]) => new Promise(done => {
    // A bar that never shows fails the test rather than leaving it waiting for ever.
    const until = performance.now() + 60_000;
    const look = () => {
      if (performance.now() > until) return done({ barNeverShown: id });
      if (!document.getElementById(id)) return requestAnimationFrame(look);
      const visible = b => b.offsetParent !== null;
      done({
        cancels: [...document.querySelectorAll('button')].filter(b => b.textContent.trim() === 'Cancel' && visible(b)).length,
        pickerDisabled: document.getElementById(picker).disabled,
      });
    };
    look();
  }), [id, picker]);
}

/** Whether the element is wholly inside the window. */
const inView = locator => locator.evaluate(e => {
  const r = e.getBoundingClientRect();
  return r.top >= 0 && r.bottom <= window.innerHeight;
});

const accountsStored = async page => (await storedDocument(page)).portfolio.accounts.length;

test('a backup of 30 000 accounts into 10 000 shows its progress, keeps painting, and can be stopped', async () => {
  const page = await pageWith(10000, '#/settings');
  const incoming = names(30000, 5000);
  const backup = `{"app":"account-grader","kind":"backup","version":4,"exported_at":"${AT}","data":${documentOf(incoming)}}`;
  const file = { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(backup) };
  const before = await stored(page);

  // Stopped part-way (Cancel is pressed as soon as the bar has moved): nothing changes.
  await page.evaluate(() => {
    const press = () => {
      const bar = document.getElementById('import-progress');
      if (bar && bar.value > 0) return bar.closest('.work-progress').querySelector('button').click();
      requestAnimationFrame(press);
    };
    requestAnimationFrame(press);
  });
  await page.locator('#import-file').setInputFiles(file);
  await page.getByText('Import stopped. Nothing was changed.').waitFor();
  const bar = page.locator('#import-progress');
  assert.equal(await page.locator('.import-preview').count(), 0);
  assert.equal(await bar.count(), 0);
  assert.equal(await stored(page), before);

  await watch(page, 'import-progress', '.import-preview');
  await page.locator('#import-file').setInputFiles(file);
  const { frames, seen } = await page.evaluate(() => window.watched);
  // The bar moved through the file, then through its accounts, said in words as it went.
  assert.ok(seen.length >= 5, `progress seen: ${seen.join(' | ')}`);
  assert.ok(seen.some(s => / Reading the file: \d+ %…$/.test(s)), seen.join(' | '));
  assert.ok(seen.some(s => /Reading [\d\u00a0]+ of 30\u00a0000 accounts…$/.test(s)), seen.join(' | '));
  // (Matching the 40 000 names after that may take less than one slice of 10 ms on a fast
  // machine, and then shows no bar of its own: it is not asked for.)
  const values = seen.map(s => Number(s.split('/')[0]));
  assert.ok(new Set(values).size >= 4, seen.join(' | '));
  // Painted all along, not once before and once after.
  assert.ok(frames >= 5, `${frames} frames painted while reading: ${seen.join(' | ')}`);

  const preview = page.getByRole('region', { name: 'Import this backup?' });
  assert.match(await preview.textContent(), /Accounts: 25\u00a0000 added, 5\u00a0000 updated/);
  // (35 000 accounts would not fit in the browser's storage: the import itself is tested
  // with smaller files in backup.test.mjs.)
  await preview.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await stored(page), before);
});

test('a spreadsheet of 30 000 rows shows its progress while read and checked, and keeps painting', async () => {
  const page = await pageWith(10000, '#/accounts');
  const lines = ['Company name,Industry,Tier'];
  for (const [i, name] of names(30000, 5000).entries()) lines.push(`${name},Retail,${'ABC'[i % 3]}`);
  const csv = { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) };
  await watch(page, 'csv-progress', '.csv-summary');
  await page.locator('#csv-file').setInputFiles(csv);
  const { frames, seen } = await page.evaluate(() => window.watched);
  assert.ok(seen.some(s => / Reading the file: \d+ %…$/.test(s)), seen.join(' | '));
  assert.ok(seen.some(s => /Checking [\d\u00a0]+ of 30\u00a0000 rows…$/.test(s)), seen.join(' | '));
  assert.ok(new Set(seen.map(s => s.split(' ')[0])).size >= 4, seen.join(' | '));
  assert.ok(frames >= 5, `${frames} frames painted while reading: ${seen.join(' | ')}`);

  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  assert.match(await preview.textContent(), /To add: 25\u00a0000 accounts/);
  // A change of column checks every row again, with the figures of the last check in view.
  await preview.getByLabel('Industry').selectOption({ label: 'Notes' });
  await page.locator('.csv-summary').waitFor();
  await page.waitForFunction(() => !document.getElementById('csv-progress'));
  assert.match(await preview.textContent(), /To add: 25\u00a0000 accounts/);
  assert.equal(await preview.getByRole('button', { name: 'Import', exact: true }).isEnabled(), true);
});

// The Import itself (the merge, and the encoding of the data for the save after it) is done a
// slice at a time as well; only the one write to the browser's storage is not. The files are
// small enough for the result to fit in that storage.
test('importing a backup of 8 000 accounts into 10 000 shows its progress, keeps painting, and can be stopped or undone', async () => {
  const page = await pageWith(10000, '#/settings');
  const backup = `{"app":"account-grader","kind":"backup","version":4,"exported_at":"${AT}","data":${documentOf(names(8000, 7000))}}`;
  const file = { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) };
  const before = await stored(page);
  const preview = page.getByRole('region', { name: 'Import this backup?' });
  await page.locator('#import-file').setInputFiles(file);
  assert.match(await preview.textContent(), /Accounts: 5\u00a0000 added, 3\u00a0000 updated/);

  // Stopped while importing: nothing changes, after a reload either.
  await cancelOnce(page, 'import-progress');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Import stopped. Nothing was changed.').waitFor();
  assert.equal(await page.locator('.import-preview').count(), 0);
  assert.equal(await page.locator('#toast').count(), 0);
  assert.equal(await stored(page), before);
  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await accountsStored(page), 10000);

  await page.locator('#import-file').setInputFiles(file);
  await preview.waitFor();
  await watch(page, 'import-progress', '#toast', 'click');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  // While it runs, the bar's Cancel is the only one, and no other file can be chosen.
  assert.deepEqual(await whileWorking(page, 'import-progress', 'import-file'), { cancels: 1, pickerDisabled: true });
  const { frames, seen } = await page.evaluate(() => window.watched);
  // The bar rose through the accounts (the merge itself may take less than a slice), then
  // through their encoding for the save.
  assert.ok(seen.every(s => /(Importing [\d\u00a0]+ of 18\u00a0000 accounts|Preparing [\d\u00a0]+ of 15\u00a0000 accounts to save)…$/.test(s)), seen.join(' | '));
  assert.ok(seen.some(s => /Preparing [\d\u00a0]+ of 15\u00a0000 accounts to save…$/.test(s)), seen.join(' | '));
  assert.ok(seen.some(s => / Importing /.test(s)), seen.join(' | '));
  assert.ok(new Set(seen.map(s => s.split(' ')[0])).size >= 3, seen.join(' | '));
  assert.ok(frames >= 3, `${frames} frames painted while importing: ${seen.join(' | ')}`);

  await page.getByText(/^Imported: 5\u00a0000 accounts added, 3\u00a0000 updated\.$/).waitFor();
  assert.equal(await page.locator('#import-file').isEnabled(), true, 'a file can be chosen again');
  assert.equal(await page.locator('#toast').textContent().then(t => t.includes('Backup imported.')), true);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('account-grader')).portfolio.accounts.length === 15000);
  await page.locator('#undo-button').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('account-grader')).portfolio.accounts.length === 10000);
});

test('importing a spreadsheet of 7 500 rows against 10 000 accounts shows its progress, keeps painting, and can be stopped or undone', async () => {
  const page = await pageWith(10000, '#/accounts');
  const lines = ['Company name,Industry,Tier'];
  for (const [i, name] of names(7500, 7500).entries()) lines.push(`${name},Retail,${'ABC'[i % 3]}`);
  const csv = { name: 'rows.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\r\n')) };
  const before = await stored(page);
  const preview = page.getByRole('region', { name: 'Import these accounts?' });
  await page.locator('#csv-file').setInputFiles(csv);
  await page.locator('.csv-summary').waitFor();
  assert.match(await preview.textContent(), /To add: 5\u00a0000 accounts/);

  await cancelOnce(page, 'csv-progress');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText('Import stopped. Nothing was changed.').waitFor();
  assert.equal(await page.locator('.import-preview').count(), 0);
  assert.equal(await page.locator('#toast').count(), 0);
  assert.equal(await stored(page), before);
  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await accountsStored(page), 10000);

  await page.locator('#csv-file').setInputFiles(csv);
  await page.locator('.csv-summary').waitFor();
  await watch(page, 'csv-progress', '#toast', 'click');
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  assert.deepEqual(await whileWorking(page, 'csv-progress', 'csv-file'), { cancels: 1, pickerDisabled: true });
  const { frames, seen } = await page.evaluate(() => window.watched);
  assert.ok(seen.every(s => /(Importing [\d\u00a0]+ of 17\u00a0500 accounts|Preparing [\d\u00a0]+ of 15\u00a0000 accounts to save)…$/.test(s)), seen.join(' | '));
  assert.ok(seen.some(s => /Preparing [\d\u00a0]+ of 15\u00a0000 accounts to save…$/.test(s)), seen.join(' | '));
  assert.ok(seen.some(s => / Importing /.test(s)), seen.join(' | '));
  assert.ok(new Set(seen.map(s => s.split(' ')[0])).size >= 3, seen.join(' | '));
  assert.ok(frames >= 3, `${frames} frames painted while importing: ${seen.join(' | ')}`);

  assert.match(await page.locator('#toast').textContent(), /Imported from the spreadsheet: 5\u00a0000 added, 2\u00a0500 updated\./);
  assert.equal(await page.locator('#csv-file').isEnabled(), true, 'a file can be chosen again');
  // The result is in view: the list's count has focus, not the Import button far below.
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'account-count');
  assert.equal(await inView(page.locator('#account-count')), true);
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('account-grader')).portfolio.accounts.length === 15000);
  await page.locator('#undo-button').click();
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('account-grader')).portfolio.accounts.length === 10000);
  assert.equal(await accountsStored(page), 10000);
});

test('a change made in another tab during a big import starts the import again, and both are kept', async () => {
  const page = await pageWith(10000, '#/settings');
  const other = await page.context().newPage();
  await other.goto(page.url().replace(/#.*/, '#/accounts/1'));
  await other.getByRole('heading', { name: 'Account 00000', level: 1 }).waitFor();
  const rate = await other.getByRole('group', { name: 'Access to decision makers' }).getByRole('radio', { name: '4', exact: true }).elementHandle();
  const backup = `{"app":"account-grader","kind":"backup","version":4,"exported_at":"${AT}","data":${documentOf(names(8000, 7000))}}`;
  const file = { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) };
  const preview = page.getByRole('region', { name: 'Import this backup?' });
  await page.locator('#import-file').setInputFiles(file);
  assert.match(await preview.textContent(), /Accounts: 5\u00a0000 added, 3\u00a0000 updated/);

  // Slowed, so that the import spans many slices; the other tab rates an account that the
  // file does not have once the bar has moved.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 10 });
  await page.evaluate(() => {
    const moved = () => (document.getElementById('import-progress')?.value > 0 ? (window.moved = true) : requestAnimationFrame(moved));
    requestAnimationFrame(moved);
  });
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  await page.waitForFunction(() => window.moved === true);
  await rate.evaluate(radio => radio.click());

  await page.getByText('Your data changed during the import (another tab or an edit): starting again.').waitFor();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await page.getByText('Imported: 5\u00a0000 accounts added, 3\u00a0000 updated.').waitFor();
  const both = ([key]) => {
    const doc = JSON.parse(localStorage.getItem(key));
    const first = doc.portfolio.accounts.find(a => a.name === 'Account 00000');
    return doc.portfolio.accounts.length === 15000 && first.ratings['decision-maker-access'] === 4;
  };
  await page.waitForFunction(both, ['account-grader']);
  await page.reload();
  await page.locator('main h1').waitFor();
  assert.ok(await page.evaluate(both, ['account-grader']), 'after a reload too');
});

test('leaving the screen during a big import stops it, changes nothing, and says so', async () => {
  const page = await pageWith(5000, '#/settings');
  const before = await stored(page);
  const backup = `{"app":"account-grader","kind":"backup","version":4,"exported_at":"${AT}","data":${documentOf(names(6000, 3000))}}`;
  const file = { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) };
  const preview = page.getByRole('region', { name: 'Import this backup?' });
  await page.locator('#import-file').setInputFiles(file);
  await preview.waitFor();

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  // Leaves for the Grader as soon as the bar has moved.
  await page.evaluate(() => {
    const leave = () => (document.getElementById('import-progress')?.value > 0 ? (location.hash = '#/grader') : requestAnimationFrame(leave));
    requestAnimationFrame(leave);
  });
  await preview.getByRole('button', { name: 'Import', exact: true }).click();
  const notice = page.getByRole('status').filter({ hasText: 'Import stopped' });
  await notice.getByText('You left the page before it finished, so nothing was changed.').waitFor();
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  // Given the time the import would have taken, still nothing has changed.
  await page.waitForTimeout(3000);
  assert.equal(await page.locator('#toast').count(), 0);
  assert.equal(await stored(page), before);
  // Dismiss is drawn as a button, not as a word in the text.
  const dismiss = notice.getByRole('button', { name: 'Dismiss' });
  assert.notEqual(await dismiss.evaluate((b) => getComputedStyle(b).borderTopStyle), 'none');
  assert.notEqual(await dismiss.evaluate((b) => getComputedStyle(b).borderTopColor), 'rgba(0, 0, 0, 0)');
  await dismiss.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.getByText('You left the page before it finished').count(), 0);
  // The keyboard user goes on from the screen's heading, not from the top of the page.
  await page.waitForFunction(() => document.activeElement?.matches('main h1'));
  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await accountsStored(page), 5000);
});
