// What the build does to the stylesheets (scripts/post-build.mjs): they are put into the page
// with comments and layout whitespace taken out, and must mean exactly what style/ says.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, setUp } from './harness.mjs';
import { minifyCss } from '../../scripts/post-build.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

/** The stylesheets named in index.html, in its order, as written. */
async function sources() {
  const page = await readFile(new URL('../../index.html', import.meta.url), 'utf8');
  const names = [...page.matchAll(/<link data-trunk rel="css" href="([^"]+)"/g)].map(m => m[1]);
  assert.ok(names.length >= 5, 'index.html names the stylesheets');
  const texts = await Promise.all(names.map(n => readFile(new URL(`../../${n}`, import.meta.url), 'utf8')));
  return texts.join('\n');
}

test('the page carries every stylesheet rule as written, in less text', async () => {
  const written = await sources();
  const page = await env.newPage();
  await env.open(page);
  const { shipped, expected } = await page.evaluate(written => {
    const rules = sheet => [...sheet.cssRules].map(r => r.cssText);
    const inline = [...document.styleSheets].filter(s => !s.href);
    const parsed = new CSSStyleSheet();
    parsed.replaceSync(written);
    return { shipped: inline.flatMap(rules), expected: rules(parsed) };
  }, written);
  assert.ok(expected.length > 100, `${expected.length} rules in style/`);
  assert.deepEqual(shipped, expected);
  const inPage = await page.evaluate(() => [...document.querySelectorAll('style')].map(s => s.textContent).join(''));
  assert.ok(inPage.length < written.length * 0.85, `${inPage.length} characters in the page, ${written.length} written`);
});

test('minifying keeps strings and drops comments, even with quotes in them', () => {
  assert.equal(
    minifyCss('a , b {\n  color : red ;\n  content: "x ,  y ; /* kept */" ;\n}\n/* the "or" case, the chart\'s points\' rules */\n.q > p { margin: 0 }'),
    'a , b{color : red;content: "x ,  y ; /* kept */"}.q > p{margin: 0}',
  );
});
