// The app on a 390 px phone: a one-row header with the navigation behind a menu button, no
// sideways scrolling, a compact accounts list, touch targets of at least 44 px, and answer
// pills whose chosen one shows a filled mark in light and dark.
import { after, before, test } from 'node:test';
import { assert, setUp } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const SCREENS = ['#/grader', '#/history', '#/accounts', '#/accounts/1', '#/accounts/rate', '#/matrix',
  '#/plans', '#/settings', '#/accounts/1/plan', '#/accounts/1/plan/view', '#/templates/0'];

/** A 390 px page holding the demo portfolio, with a plan for account 1. */
async function phoneWithData(options = {}) {
  const page = await env.newPage({ width: 390, ...options });
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/1/plan');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  return page;
}

test('at 390 px the header is one row and no screen scrolls sideways', async () => {
  const page = await phoneWithData();
  const found = [];
  for (const hash of SCREENS) {
    await env.open(page, hash);
    const { header, overflow } = await page.evaluate(() => ({
      header: document.querySelector('.site-header').getBoundingClientRect().height,
      overflow: document.scrollingElement.scrollWidth - window.innerWidth,
    }));
    if (header > 64) found.push(`${hash}: header ${header}px tall`);
    if (overflow > 0) found.push(`${hash}: ${overflow}px sideways`);
  }
  assert.deepEqual(found, []);
  // The navigation is folded away until asked for.
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
});

test('the menu button opens the navigation, and Escape or a choice closes it', async () => {
  const page = await phoneWithData();
  await env.open(page, '#/grader');
  const button = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await button.getAttribute('aria-controls'), 'site-menu');

  // By keyboard: open, step into the links, Escape returns to the button.
  await button.focus();
  await page.keyboard.press('Enter');
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  await nav.waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Grader');
  await page.keyboard.press('Escape');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await nav.isVisible(), false);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'menu-button');

  // The theme picker is in the menu too. Choosing a screen goes there and closes the menu.
  await button.click();
  assert.equal(await page.getByLabel('Theme').isVisible(), true);
  await nav.getByRole('link', { name: 'Matrix' }).click();
  await page.getByRole('heading', { name: 'Portfolio matrix' }).waitFor();
  assert.equal(await button.getAttribute('aria-expanded'), 'false');
  assert.equal(await nav.isVisible(), false);

  // Tabbing past the last item closes it as well.
  await button.click();
  await page.getByLabel('Theme').focus();
  await page.keyboard.press('Tab');
  assert.equal(await button.getAttribute('aria-expanded'), 'false');

  // A wide screen shows the navigation in the header, with no menu button.
  await page.setViewportSize({ width: 1280, height: 900 });
  assert.equal(await nav.isVisible(), true);
  assert.equal(await button.isVisible(), false);
});

test('every control tapped on the main screens is at least 44 px each way', async () => {
  const page = await phoneWithData();
  const found = [];
  for (const hash of SCREENS) {
    await env.open(page, hash);
    const small = await page.evaluate(() => {
      const out = [];
      for (const el of document.querySelectorAll('a[href], button, input, select, textarea, summary, [tabindex="0"]')) {
        // A radio or checkbox is tapped through its label.
        const target = el.closest('label') ?? el;
        const box = target.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || getComputedStyle(target).visibility === 'hidden') continue;
        if (target.closest('.visually-hidden, .skip-link')) continue;
        // Exceptions WCAG allows: links in running text, and the chart's points, which
        // have full-size links in the lists below the chart.
        const parent = target.parentElement;
        const inText = ['inline', 'inline-block'].includes(getComputedStyle(target).display) && parent.closest('p, li')
          && parent.textContent.trim() !== target.textContent.trim();
        if (inText || target.closest('.matrix__point')) continue;
        if (box.height < 43.5 || box.width < 43.5) {
          const name = (target.getAttribute('aria-label') ?? target.textContent).trim().slice(0, 30);
          out.push(`${target.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`);
        }
      }
      return out;
    });
    found.push(...small.map(s => `${hash}: ${s}`));
  }
  assert.deepEqual(found, []);
});

test('the accounts list is one compact row per account, and still sorts', async () => {
  const page = await phoneWithData();
  await env.open(page, '#/accounts');
  const rows = page.locator('.accounts-table tbody tr');
  const first = rows.first();
  const shown = await first.locator('td').evaluateAll(cells =>
    cells.filter(c => getComputedStyle(c).display !== 'none').map(c => c.dataset.label));
  assert.deepEqual(shown, ['Name', 'Tier', 'Quadrant']);
  const heights = await rows.evaluateAll(rs => rs.map(r => r.getBoundingClientRect().height));
  assert.ok(Math.max(...heights) <= 80, `rows at most 80 px tall: ${heights.join(', ')}`);

  // Sorted by revenue, each row shows its revenue, in order.
  await page.locator('#sort-by').selectOption('revenue');
  const revenue = rows.locator('td[data-label="Revenue"]');
  assert.equal(await revenue.first().isVisible(), true);
  const figures = (await revenue.allTextContents()).map(t => Number(t.replace(/\D/g, '')));
  assert.deepEqual(figures, [...figures].sort((a, b) => a - b));
  // The name is a link a finger can hit.
  const link = await first.getByRole('link').boundingBox();
  assert.ok(link.height >= 44, `name link ${link.height} px tall`);
});

for (const colorScheme of ['light', 'dark']) {
  test(`the chosen answer pill shows a filled mark (${colorScheme})`, async () => {
    const page = await env.newPage({ width: 390, colorScheme });
    await env.open(page);
    await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
    await page.getByRole('radio', { name: 'Not yet' }).nth(1).check();
    const marks = await page.locator('.choice input').evaluateAll(inputs => inputs.slice(0, 4).map(i => {
      const style = getComputedStyle(i);
      const tick = getComputedStyle(i, '::before');
      return { checked: i.checked, fill: style.backgroundColor, ink: style.color, tick: tick.content !== 'none' && tick.content !== '' };
    }));
    for (const mark of marks) {
      if (mark.checked) {
        assert.equal(mark.fill, mark.ink, 'a chosen answer is filled with the pill text colour');
        assert.ok(mark.tick, 'and carries a tick');
      } else {
        assert.equal(mark.fill, 'rgba(0, 0, 0, 0)', 'an open answer is an empty ring');
        assert.equal(mark.tick, false);
      }
    }
    assert.deepEqual(marks.map(m => m.checked), [true, false, false, true]);
  });
}
