// axe-core (from npm) checks every screen in its empty and filled states, with errors,
// banners, dialogs and notices showing, in light and dark colours, whether the system or the
// theme chosen in Settings picks them. The page's CSP forbids injected scripts, so these pages
// bypass it; the CSP itself is tested in routes.test.mjs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { after, before, test } from 'node:test';
import { assert, setUp, STORAGE_KEY } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

async function violations(page, state) {
  await page.locator('main h1').waitFor();
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations
    .map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`));
  return found.map(v => `${state}: ${v}`);
}

for (const colorScheme of ['light', 'dark']) {
  test(`no accessibility violations on any screen (${colorScheme})`, async () => {
    const page = await env.newPage({ colorScheme, bypassCSP: true });
    const found = [];
    const visit = async (hash, state = hash) => { await env.open(page, hash); found.push(...await violations(page, state)); };

    for (const hash of ['#/grader', '#/history', '#/accounts', '#/accounts/rate', '#/matrix', '#/plans', '#/prospects', '#/settings', '#/nowhere']) {
      await visit(hash, `empty ${hash}`);
    }
    await env.open(page, '#/accounts');
    await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
    await env.open(page, '#/accounts/1/plan');
    await page.getByRole('button', { name: 'Create the plan' }).click();
    await page.getByRole('button', { name: 'Add person' }).click();
    await page.getByRole('button', { name: 'Add measure' }).click();
    await page.getByRole('button', { name: 'Add business review' }).click();
    // A row of each newer kind, filled in so the read view below shows them too.
    for (const [button, field] of [['Add action', 'actions-1-what'], ['Log a review', 'review-log-1-wins'],
      ['Add competitor or risk', 'competitors-risks-1-name'], ['Add to the roadmap', 'technology-roadmap-1-what']]) {
      await page.getByRole('button', { name: button }).click();
      await page.locator(`#section-${field}`).fill('Something to say');
    }
    await page.locator('#section-technology-roadmap-1-stage').selectOption('could-use');
    found.push(...await violations(page, 'plan editor with rows'));
    await page.getByRole('button', { name: 'Collapse all' }).click();
    found.push(...await violations(page, 'plan editor collapsed'));
    await env.open(page, '#/accounts/1/plan/view');
    await page.getByLabel('Leave out empty sections when printing').check();
    found.push(...await violations(page, 'plan read view leaving out empty sections'));
    await env.open(page);
    for (let i = 0; i < 8; i++) await page.getByRole('radio', { name: 'We do this consistently' }).nth(i).check();
    await page.getByRole('button', { name: 'Save assessment' }).click();
    found.push(...await violations(page, 'grader filled and saved'));
    // The way back from an invitation, and the prospects it fills.
    await page.getByText('Invite someone to grade their team').click();
    await page.getByLabel('E-mail for their reply (optional)').fill('not an address');
    found.push(...await violations(page, 'invitation panel with an error'));
    await page.getByLabel('E-mail for their reply (optional)').fill('dana@acme.example');
    await page.goto(await page.getByLabel('Invitation link').inputValue());
    found.push(...await violations(page, 'invitation with the send-back step'));
    await page.goto(await page.getByLabel('Your result link').inputValue());
    found.push(...await violations(page, 'received result'));
    await page.getByRole('button', { name: 'Add to prospects' }).click();
    await page.getByRole('heading', { name: 'Talking points for the first meeting' }).waitFor();
    found.push(...await violations(page, 'prospect compared'));
    await visit('#/prospects', 'filled #/prospects');
    for (const hash of ['#/history', '#/accounts', '#/accounts/1', '#/accounts/1/edit', '#/accounts/1/plan/view',
      '#/accounts/rate', '#/matrix', '#/plans', '#/templates/0', '#/settings']) {
      await visit(hash, `filled ${hash}`);
    }
    // The rating grid with the cursor moved and a rating typed, filtered to ratings missing.
    await env.open(page, '#/accounts/rate');
    await page.locator('[role=gridcell][tabindex="0"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('3');
    await page.getByLabel('Only accounts with ratings missing').check();
    found.push(...await violations(page, 'rating grid in use'));
    await env.open(page, '#/settings');
    // The theme chosen in Settings against the system's: forced dark on a light system, forced
    // light on a dark one. Then back to following the system for the rest.
    const forced = colorScheme === 'light' ? 'Dark' : 'Light';
    await page.getByRole('radio', { name: forced }).check();
    for (const hash of ['#/settings', '#/matrix', '#/accounts/1', '#/accounts/rate']) await visit(hash, `forced ${forced} ${hash}`);
    await env.open(page, '#/settings');
    await page.getByRole('button', { name: 'Reset theme to default' }).click();
    found.push(...await violations(page, 'theme reset notice'));
    // Share and import panels open, a notice after deleting, form errors.
    await env.open(page, '#/accounts/1');
    await page.getByText('Share this account').click();
    await page.getByRole('button', { name: 'Delete this account' }).click();
    found.push(...await violations(page, 'undo notice'));
    await env.open(page, '#/accounts/new');
    await page.getByRole('button', { name: 'Add account' }).click();
    found.push(...await violations(page, 'form errors'));
    await env.open(page, '#/settings');
    await page.locator('#import-file').setInputFiles({ name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('nope') });
    await page.getByText('This file is not a JSON file').waitFor();
    found.push(...await violations(page, 'import error'));
    // A preview with name collisions and parts left out.
    const at = '2026-11-01T09:00:00Z';
    const stored = { version: 3, portfolio: { accounts: ['Acme', 'acme', 7].map((name, i) => ({ id: i + 1, name, revenue: 'lots', created_at: at, updated_at: at })) } };
    await page.locator('#import-file').setInputFiles({ name: 'data.txt', mimeType: 'text/plain', buffer: Buffer.from(JSON.stringify(stored)) });
    await page.getByRole('region', { name: /Left out/ }).waitFor();
    found.push(...await violations(page, 'import preview'));
    await page.getByRole('button', { name: 'Cancel' }).click();
    // The unreadable-data banner.
    await page.evaluate(k => localStorage.setItem(k, 'garbage'), STORAGE_KEY);
    await page.reload();
    await page.getByText('Your saved data could not be read').waitFor();
    found.push(...await violations(page, 'unreadable data banner'));

    assert.deepEqual(found, []);
  });
}

test('on a phone-sized screen no page scrolls sideways', async () => {
  const page = await env.newPage({ width: 360 });
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  const wide = [];
  for (const hash of ['#/grader', '#/history', '#/accounts', '#/accounts/1', '#/accounts/rate', '#/matrix', '#/plans', '#/prospects', '#/settings', '#/accounts/1/plan']) {
    await env.open(page, hash);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) wide.push(`${hash}: ${overflow}px`);
  }
  assert.deepEqual(wide, []);
});

for (const colorScheme of ['light', 'dark']) {
  test(`no accessibility violations on a phone with the menu open and a notice showing (${colorScheme})`, async () => {
    const page = await env.newPage({ width: 390, colorScheme, bypassCSP: true });
    await env.open(page, '#/accounts');
    await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
    await env.open(page, '#/accounts/1');
    await page.getByRole('button', { name: 'Delete this account' }).click();
    await page.locator('.toast').waitFor();
    await page.getByRole('button', { name: 'Menu' }).click();
    const found = await violations(page, `phone ${colorScheme}`);
    await env.open(page);
    await page.getByRole('radio', { name: 'Not yet' }).first().check();
    found.push(...await violations(page, `phone grader ${colorScheme}`));
    assert.deepEqual(found, []);
  });
}
