// The theme setting (system, light or dark, remembered and shared between tabs) and putting
// settings back to their defaults without touching the user's data.
import { after, before, test } from 'node:test';
import { assert, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const LIGHT_BG = 'rgb(245, 246, 250)';
const DARK_BG = 'rgb(17, 19, 26)';

const background = page => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const themeAttribute = page => page.evaluate(() => document.documentElement.getAttribute('data-theme'));
const picker = page => page.getByRole('combobox', { name: 'Theme' });
const storedSettings = async page => (await storedDocument(page)).settings;

test('choosing Dark on a light system makes the page dark, and it is remembered', async () => {
  const page = await env.newPage({ colorScheme: 'light' });
  await env.open(page, '#/settings');
  assert.equal(await background(page), LIGHT_BG);
  assert.equal(await page.getByRole('radio', { name: 'Match the system' }).isChecked(), true);

  await page.getByRole('radio', { name: 'Dark' }).check();
  assert.equal(await themeAttribute(page), 'dark');
  assert.equal(await background(page), DARK_BG);
  assert.equal(await picker(page).inputValue(), 'dark', 'the header picker shows the same choice');
  assert.equal((await storedSettings(page)).theme, 'dark');

  await page.reload();
  await page.locator('main h1').waitFor();
  assert.equal(await background(page), DARK_BG, 'still dark after a reload');
  assert.equal(await page.getByRole('radio', { name: 'Dark' }).isChecked(), true);

  // The header picker, from the keyboard, on another screen.
  await env.open(page, '#/grader');
  await picker(page).focus();
  await picker(page).selectOption('light');
  assert.equal(await themeAttribute(page), 'light');
  assert.equal(await background(page), LIGHT_BG);
  await picker(page).selectOption('system');
  assert.equal(await themeAttribute(page), null, 'no attribute: the system decides');
  await env.open(page, '#/settings');
  assert.equal(await page.getByRole('radio', { name: 'Match the system' }).isChecked(), true);
});

test('"Match the system" follows a dark system, Light overrides it, and the reset can be undone', async () => {
  const page = await env.newPage({ colorScheme: 'dark' });
  await env.open(page, '#/settings');
  assert.equal(await themeAttribute(page), null);
  assert.equal(await background(page), DARK_BG);
  const reset = page.getByRole('button', { name: 'Reset theme to default' });
  assert.equal(await reset.isDisabled(), true, 'nothing to reset yet');

  await picker(page).selectOption('light');
  assert.equal(await background(page), LIGHT_BG);
  assert.equal(await page.getByRole('radio', { name: 'Light' }).isChecked(), true);

  await reset.click();
  assert.equal(await background(page), DARK_BG);
  assert.equal(await picker(page).inputValue(), 'system');
  await page.getByRole('status').filter({ hasText: 'Theme reset to defaults.' }).waitFor();
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await background(page), LIGHT_BG);
  assert.equal(await picker(page).inputValue(), 'light');
});

test('a theme chosen in one tab applies in the others', async () => {
  const page = await env.newPage();
  await env.open(page, '#/grader');
  const other = await page.context().newPage();
  await env.open(other, '#/settings');
  await other.getByRole('radio', { name: 'Dark' }).check();
  await page.waitForFunction(() => document.documentElement.getAttribute('data-theme') === 'dark');
  assert.equal(await background(page), DARK_BG);
  assert.equal(await picker(page).inputValue(), 'dark');
});

test('a chosen theme gives every colour the same value as the system scheme would', async () => {
  // The dark palette is written twice in base.css (system dark, chosen dark); so is the
  // condition for the light one. Both ways must agree on every colour token.
  async function tokens(colorScheme, theme) {
    const page = await env.newPage({ colorScheme });
    await env.open(page, '#/settings');
    if (theme) await page.getByRole('radio', { name: theme }).check();
    return page.evaluate(() => {
      const names = new Set();
      const collect = rules => {
        for (const rule of rules) {
          if (rule.cssRules) collect(rule.cssRules);
          if (rule.style) for (const p of rule.style) if (p.startsWith('--')) names.add(p);
        }
      };
      for (const sheet of document.styleSheets) collect(sheet.cssRules);
      const style = getComputedStyle(document.documentElement);
      return Object.fromEntries([...names, 'color-scheme'].sort().map(n => [n, style.getPropertyValue(n).trim()]));
    });
  }
  const systemDark = await tokens('dark');
  const chosenDark = await tokens('light', 'Dark');
  assert.ok(Object.keys(systemDark).length > 30, 'the tokens were found');
  assert.equal(systemDark['--bg'], '#11131a');
  assert.deepEqual(chosenDark, systemDark);
  const systemLight = await tokens('light');
  const chosenLight = await tokens('dark', 'Light');
  assert.equal(systemLight['--bg'], '#f5f6fa');
  assert.deepEqual(chosenLight, systemLight);
});

test('reset all brings back every default, keeps the data, and can be undone', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await page.getByText('Showing 12 of 12 accounts').waitFor();
  await env.open(page, '#/settings');
  const resetAll = page.getByRole('button', { name: 'Reset all settings to defaults' });
  assert.equal(await resetAll.isDisabled(), true, 'everything is at its default');

  const weight = page.locator('#weight-needsfit');
  const threshold = page.getByLabel('Relationship strength threshold');
  const staleDays = page.getByLabel(/Flag a plan as stale after/);
  await page.getByRole('radio', { name: 'Dark' }).check();
  await page.getByLabel('Revenue is entered in').selectOption('EUR');
  await weight.selectOption('4');
  await threshold.fill('70');
  await staleDays.fill('30');
  await page.getByLabel('High market growth from (% a year)').fill('5');
  await page.getByLabel('High market growth from (% a year)').press('Tab');
  for (const name of ['Reset theme to default', 'Reset currency to default', 'Reset thresholds to defaults',
    'Reset weights to defaults', 'Reset growth-share thresholds to defaults', 'Reset review period to default']) {
    assert.equal(await page.getByRole('button', { name }).isEnabled(), true, `${name} is offered`);
  }
  const changed = await storedSettings(page);
  assert.equal(changed.weights['needs-fit'], 4);
  assert.equal(changed.thresholds.relationship, 70);
  const before = await storedDocument(page);

  // One section alone.
  await page.getByRole('button', { name: 'Reset weights to defaults' }).click();
  assert.equal(await weight.inputValue(), '1');
  assert.equal(await threshold.inputValue(), '70', 'other sections are left alone');
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await weight.inputValue(), '4');

  // Everything, with text that was not saved still in a field: the reset replaces it.
  await threshold.fill('abc');
  await page.getByText('Not saved: enter a whole number from 0 to 100.').waitFor();
  await resetAll.click();
  await page.getByRole('status').filter({ hasText: 'All settings reset to defaults.' }).waitFor();
  assert.equal(await weight.inputValue(), '1');
  assert.equal(await threshold.inputValue(), '50');
  assert.equal(await page.getByText('Not saved:').count(), 0, 'the old error is gone');
  assert.equal(await staleDays.inputValue(), '90');
  assert.equal(await page.getByLabel('Revenue is entered in').inputValue(), 'USD');
  assert.equal(await page.getByLabel('High market growth from (% a year)').inputValue(), '10');
  assert.equal(await page.getByRole('radio', { name: 'Match the system' }).isChecked(), true);
  assert.equal(await background(page), LIGHT_BG);
  assert.equal(await resetAll.isDisabled(), true);
  const after = await storedDocument(page);
  assert.deepEqual({ ...after, settings: before.settings, written: before.written }, before, 'accounts, plans and assessments are untouched');

  await page.getByRole('button', { name: 'Undo' }).click();
  assert.equal(await weight.inputValue(), '4');
  assert.equal(await threshold.inputValue(), '70');
  assert.equal(await staleDays.inputValue(), '30');
  assert.equal(await page.getByLabel('Revenue is entered in').inputValue(), 'EUR');
  assert.equal(await background(page), DARK_BG);
  assert.deepEqual(await storedSettings(page), changed);
});

/** Bytes as the Settings screen writes them: 1 KB = 1024 bytes, one decimal under 10. */
function bytes(n) {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let unit = 0;
  while (n >= 1024 && unit < units.length - 1) { n /= 1024; unit++; }
  return unit === 0 ? `${Math.round(n)} bytes` : `${n < 10 ? n.toFixed(1) : n.toFixed(0)} ${units[unit]}`;
}

test('Settings says whether the browser keeps the data, how much room it takes, and what deletes it', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await env.open(page, '#/settings');
  const section = page.getByRole('region', { name: 'Keeping your data' });
  const state = section.locator('#persistence-state');
  await state.filter({ hasNotText: 'Asking the browser' }).waitFor();
  const browser = await page.evaluate(async () =>
    ({ persisted: await navigator.storage.persisted(), quota: (await navigator.storage.estimate()).quota }));
  assert.match(await state.textContent(), browser.persisted ? /^Kept\. / : /^Not guaranteed\. /);
  assert.equal(await section.getByRole('button', { name: 'Ask the browser to keep it' }).count(),
    browser.persisted ? 0 : 1);
  const saved = await page.evaluate(k => new TextEncoder().encode(localStorage.getItem(k)).length, STORAGE_KEY);
  assert.equal(await section.locator('#stored-size').textContent(),
    `Your data takes ${bytes(saved)} in the browser's local storage, which holds about 5 MB for each site.`);
  // Usage moves as the service worker caches the app; the quota does not.
  const usage = await section.locator('#storage-usage').textContent();
  assert.match(usage, /^All told, this site uses \d+(\.\d)? (bytes|KB|MB|GB) of the /);
  assert.ok(usage.includes(`of the ${bytes(browser.quota)} this browser allows it`), usage);
  const text = await section.textContent();
  assert.match(text, /Clearing this site's data, or all browsing data, .* deletes everything/);
  assert.match(text, /Safari .* seven days .* Home Screen/);
});

test('the browser is asked to keep the data once there is some, not on a first visit', async () => {
  const page = await env.newPage();
  // Counts the requests, and answers as a browser that has not agreed yet would.
  await page.addInitScript(() => {
    window.persistRequests = 0;
    navigator.storage.persisted = async () => false;
    navigator.storage.persist = async () => { window.persistRequests++; return false; };
  });
  await env.open(page);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.persistRequests), 0);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.waitForFunction(() => window.persistRequests === 1);
  await page.getByRole('radio', { name: 'We do this consistently' }).nth(1).check();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.persistRequests), 1, 'asked once, not on every save');

  await env.open(page, '#/settings');
  const section = page.getByRole('region', { name: 'Keeping your data' });
  await section.locator('#persistence-state', { hasText: /^Not guaranteed\./ }).waitFor();
  const asked = await page.evaluate(() => window.persistRequests);
  await section.getByRole('button', { name: 'Ask the browser to keep it' }).click();
  await page.waitForFunction(n => window.persistRequests === n + 1, asked);
});
