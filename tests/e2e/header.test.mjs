// The header on screens wide enough to show the navigation: one row, with every link and the
// theme picker in it. (At 390 px it folds behind a menu button: phone.test.mjs.)
import { after, before, test } from 'node:test';
import { assert, setUp } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

for (const width of [1280, 1100]) {
  test(`at ${width} px the header is one row holding the brand, every link and the theme picker`, async () => {
    const page = await env.newPage({ width });
    await env.open(page, '#/prospects');
    const { height, rows, hidden } = await page.evaluate(() => {
      const parts = [...document.querySelectorAll('.site-header .brand, .nav-list a, .theme-picker select')];
      const middles = parts.map(p => { const r = p.getBoundingClientRect(); return r.top + r.height / 2; });
      return {
        height: document.querySelector('.site-header').getBoundingClientRect().height,
        // Items in one row share a middle line (within a few pixels).
        rows: Math.round(Math.max(...middles) - Math.min(...middles)),
        hidden: parts.filter(p => p.getBoundingClientRect().width === 0).length,
      };
    });
    assert.ok(height <= 64, `header ${height}px tall`);
    assert.ok(rows <= 4, `items ${rows}px apart vertically`);
    assert.equal(hidden, 0);
    assert.equal(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').count(), 8);
    assert.equal(await page.getByRole('button', { name: 'Menu' }).isVisible(), false);
    // The picker keeps its name for screen readers though the word is not shown.
    assert.equal(await page.getByRole('combobox', { name: 'Theme' }).isVisible(), true);
  });
}
