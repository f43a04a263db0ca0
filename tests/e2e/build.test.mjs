// What the build does to the stylesheets (scripts/post-build.mjs): they are put into the page
// with comments and layout whitespace taken out, and must mean exactly what style/ says. And
// the compressed copies it writes beside each file (scripts/precompress.mjs): each one holds
// exactly its file, and a browser served them gets a working app in far fewer bytes.
import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { assert, setUp } from './harness.mjs';
import { FIRST_SCREEN_STYLES, LAST_IN_BOTH, minifyCss } from '../../scripts/post-build.mjs';
import { COMPRESSIBLE } from '../../scripts/precompress.mjs';

const DIST = new URL('../../dist/', import.meta.url);

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

/** The stylesheets named in index.html, in its order, as written: those the first screen
 *  needs, and those of the other screens (post-build.mjs's FIRST_SCREEN_STYLES). */
async function sources() {
  const page = await readFile(new URL('../../index.html', import.meta.url), 'utf8');
  const names = [...page.matchAll(/<link data-trunk rel="css" href="([^"]+)"/g)].map(m => m[1]);
  assert.ok(names.length >= 5, 'index.html names the stylesheets');
  const text = async list => (await Promise.all(list.map(n => readFile(new URL(`../../${n}`, import.meta.url), 'utf8')))).join('\n');
  const stem = n => n.replace(/^style\//, '').replace(/\.css$/, '');
  const first = names.filter(n => FIRST_SCREEN_STYLES.includes(stem(n)));
  assert.equal(first.length, FIRST_SCREEN_STYLES.length, 'every first-screen sheet is named in index.html');
  // touch.css and print.css come last among the sheets they override, in both.
  const later = names.filter(n => !FIRST_SCREEN_STYLES.includes(stem(n)) || LAST_IN_BOTH.includes(stem(n)));
  return { first: await text(first), later: await text(later), all: await text(names) };
}

test('the page carries every stylesheet rule as written, in less text', async () => {
  const written = await sources();
  const page = await env.newPage();
  await env.open(page);
  const { shipped, expected } = await page.evaluate(written => {
    const rules = sheet => [...sheet.cssRules].map(r => r.cssText);
    const parsed = text => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
      return rules(sheet);
    };
    const inline = [...document.styleSheets].filter(s => !s.href);
    return { shipped: inline.map(rules), expected: [parsed(written.first), parsed(written.later)] };
  }, written);
  assert.ok(expected[0].length + expected[1].length > 100, 'rules in style/');
  assert.deepEqual(shipped, expected);
  const inPage = await page.evaluate(() => [...document.querySelectorAll('style')].map(s => s.textContent).join(''));
  assert.ok(inPage.length < written.all.length * 0.85, `${inPage.length} characters in the page, ${written.all.length} written`);
});

// The other screens' styles wait until the first screen has been painted (post-build.mjs):
// they must change nothing on it, or it would shift when they arrive.
for (const width of [1280, 390]) {
  test(`at ${width} px the first screen looks the same before the other screens' styles apply`, async () => {
    const page = await env.newPage({ width });
    await env.open(page, '#/grader');
    await page.locator('.choices input').first().check();
    const layout = () => page.evaluate(() => [...document.querySelectorAll('body *')]
      .filter(e => e.checkVisibility())
      .map(e => {
        const r = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        return `${e.tagName}.${e.className} ${r.x},${r.y},${r.width},${r.height} ${s.color} ${s.backgroundColor} ${s.font}`;
      }));
    const later = page.locator('#later-styles');
    assert.equal(await later.getAttribute('media'), null, 'the other screens\' styles apply once the app works');
    const withAll = await layout();
    await later.evaluate(e => e.setAttribute('media', 'not all'));
    const firstOnly = await layout();
    assert.ok(withAll.length > 100, `${withAll.length} elements compared`);
    assert.deepEqual(firstOnly, withAll);
  });
}

test('the other screens\' styles wait on the first screen until the app starts, and nowhere else', async () => {
  // A first-time visitor on the Grader: the frame that first shows the working copy of it is
  // drawn without them; the app applies them.
  const first = await env.newPage();
  await first.addInitScript(() => new MutationObserver((_, observer) => {
    const copy = document.getElementById('prerendered');
    if (!copy || copy.inert) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.laterStylesAtFirstFrame = document.getElementById('later-styles').getAttribute('media'); });
  }).observe(document, { subtree: true, childList: true, attributes: true }));
  await first.goto(env.server.url + '#/grader');
  await first.locator('main h1').waitFor();
  assert.equal(await first.evaluate(() => window.laterStylesAtFirstFrame), 'not all');
  assert.equal(await first.locator('#later-styles').getAttribute('media'), null, 'and applied once the app works');
  // Any other screen: applied as soon as the page is read, before anything shows.
  const other = await env.newPage();
  await other.addInitScript(() => document.addEventListener('DOMContentLoaded', () => {
    window.laterStylesAtParse = document.getElementById('later-styles')?.getAttribute('media');
  }));
  await other.goto(env.server.url + '#/accounts');
  await other.locator('main h1').waitFor();
  assert.equal(await other.evaluate(() => window.laterStylesAtParse), null);
});

// The render-blocking link (see FIRST_SCREEN_END in scripts/post-build.mjs): its target must
// come right after the whole first screen, or the first paint would wait for nothing, or for
// more than that screen.
test('the first paint waits for the whole first screen to be parsed, and for nothing after it', async () => {
  const page = await readFile(new URL('index.html', DIST), 'utf8');
  const link = /<link rel="expect" href="#([\w-]+)" blocking="render">/.exec(page);
  assert.ok(link && link.index < page.indexOf('</head>'), 'a render-blocking link in the head');
  const target = page.indexOf(`id="${link[1]}"`);
  const copyEnd = page.indexOf('</footer>', page.indexOf('<div id="prerendered"'));
  assert.ok(copyEnd > 0 && target > copyEnd, 'its target comes after the first screen');
  assert.match(page.slice(copyEnd, target), /^<\/footer><template $/, 'and right after it, an element that shows nothing');
  assert.ok(target < page.indexOf('id="first-screen-data"'), 'before the table, which the first paint need not wait for');
});

test('minifying keeps strings and drops comments, even with quotes in them', () => {
  assert.equal(
    minifyCss('a , b {\n  color : red ;\n  content: "x ,  y ; /* kept */" ;\n}\n/* the "or" case, the chart\'s points\' rules */\n.q > p { margin: 0 }'),
    'a , b{color : red;content: "x ,  y ; /* kept */"}.q > p{margin: 0}',
  );
});

test('every text and wasm file of the build has brotli and gzip copies that hold exactly it', async () => {
  const names = await readdir(DIST);
  const originals = names.filter(n => COMPRESSIBLE.has(extname(n)));
  for (const kind of ['.wasm', '.js', '.html']) {
    assert.ok(originals.some(n => extname(n) === kind), `the build has a ${kind} file`);
  }
  for (const name of originals) {
    const bytes = await readFile(new URL(name, DIST));
    const br = await readFile(new URL(`${name}.br`, DIST));
    const gz = await readFile(new URL(`${name}.gz`, DIST));
    assert.ok(brotliDecompressSync(br).equals(bytes), `${name}.br holds ${name}`);
    assert.ok(gunzipSync(gz).equals(bytes), `${name}.gz holds ${name}`);
    // The main module; the small chunks of the screens loaded later compress less.
    if (name.endsWith('_bg.wasm')) {
      assert.ok(br.length < gz.length, `brotli beats gzip on the wasm: ${br.length} against ${gz.length} bytes`);
      assert.ok(gz.length < bytes.length / 2, `gzip at least halves the wasm: ${gz.length} of ${bytes.length} bytes`);
    }
  }
  const compressed = names.filter(n => /\.(br|gz)$/.test(n));
  assert.equal(compressed.length, originals.length * 2, 'no copy without its file');
});

test('the service worker caches the files the browser asks for, not their compressed copies', async () => {
  const worker = await readFile(new URL('sw.js', DIST), 'utf8');
  const files = JSON.parse(worker.match(/const FILES = (\[.*\]);/)[1]);
  assert.ok(files.some(f => f.endsWith('.wasm')), 'the wasm is cached');
  assert.deepEqual(files.filter(f => /\.(br|gz)$/.test(f)), []);
  // A start with data stored needs the reader of stored data: every file such a start asks
  // for is cached with the rest of the start, all or none, rather than later at best.
  const page = await env.newPage({ serviceWorkers: 'block' });
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.waitForFunction(() => localStorage.length > 0);
  const url = page.url();
  await page.goto('about:blank');
  // When the app has drawn the stored answers: the fetches for later come after, when idle.
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (document.getElementById('prerendered') || document.querySelector('.score__value')?.textContent !== '1') return;
      window.appStartedAt = performance.now();
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => window.appStartedAt !== undefined);
  const asked = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter(e => e.startTime < window.appStartedAt && e.name.endsWith('.wasm')).map(e => e.name.split('/').pop()));
  assert.ok(asked.some(f => f.endsWith('_split_reading.wasm')) && asked.length > 2, asked.join());
  for (const file of asked) assert.ok(files.includes(`./${file}`), `${file} is cached at install`);
});

// A host that reads the build's _headers (scripts/serve.mjs does, as Netlify and Cloudflare
// Pages) sends with the page a Link to the first download, which the browser then asks for
// before it has read the page: each file once, as the page's own links and the loader use it.
test('the page\'s response names the first download, which is then fetched once, and _headers is not served', async () => {
  const headers = await readFile(new URL('_headers', DIST), 'utf8');
  const worker = await readFile(new URL('sw.js', DIST), 'utf8');
  assert.doesNotMatch(worker, /_headers/, 'not one of the files the service worker caches');
  const page = await env.newPage({ serviceWorkers: 'block' });
  const paths = [];
  page.on('request', r => paths.push(new URL(r.url()).pathname));
  const response = await page.goto(env.server.url);
  const link = (await response.allHeaders()).link ?? '';
  assert.equal(headers.match(/^\/\n(?: {2}.*\n)*? {2}Link: (.*)$/m)?.[1], link, 'the Link of the build\'s _headers');
  const named = [...link.matchAll(/<\.\/([^>]+)>/g)].map(m => m[1]);
  const files = await readdir(DIST);
  assert.deepEqual(named.map(n => n.replace(/^account-grader-[0-9a-f]+/, '')).sort(), ['.js', '_bg.wasm', '_split.js', 'loader.js']);
  for (const name of named) assert.ok(files.includes(name), `${name} is in the build`);
  assert.match((await response.allHeaders())['x-content-type-options'] ?? '', /nosniff/);
  assert.equal((await response.allHeaders())['x-frame-options'], 'DENY');
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.locator('.score__value').filter({ hasText: '1' }).waitFor();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  for (const name of named) assert.equal(paths.filter(p => p.endsWith('/' + name)).length, 1, `${name} fetched once: ${paths.join(' ')}`);
  const served = await page.evaluate(async () => (await fetch('./_headers')).status);
  assert.equal(served, 404);
  // The refused request is this test's doing.
  page.problems.splice(0, page.problems.length, ...page.problems.filter(p => !/404|Failed to load resource/.test(p)));
});

test('served its brotli copies, the app starts and works with the wasm downloaded compressed', async () => {
  const page = await env.newPage();
  const encodings = new Map();
  page.on('response', async response => {
    encodings.set(new URL(response.url()).pathname.split('/').pop(), (await response.allHeaders())['content-encoding']);
  });
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  assert.equal(await page.locator('.score__value').textContent(), '1');
  const wasm = [...encodings.keys()].find(n => n.endsWith('.wasm'));
  assert.ok(wasm, 'the wasm was fetched');
  assert.equal(encodings.get(wasm), 'br');
  const sizes = await page.evaluate(name => {
    const entry = performance.getEntriesByType('resource').find(e => e.name.endsWith(name));
    return { sent: entry.encodedBodySize, used: entry.decodedBodySize };
  }, wasm);
  assert.ok(sizes.sent < sizes.used / 3, `the wasm crossed the network in ${sizes.sent} bytes for ${sizes.used}`);
});
