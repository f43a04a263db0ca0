// What the build does to the stylesheets (scripts/post-build.mjs): they are put into the page
// with comments and layout whitespace taken out, and must mean exactly what style/ says. And
// the compressed copies it writes beside each file (scripts/precompress.mjs): each one holds
// exactly its file, and a browser served them gets a working app in far fewer bytes.
import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { after, before, test } from 'node:test';
import { assert, setUp } from './harness.mjs';
import { minifyCss } from '../../scripts/post-build.mjs';
import { COMPRESSIBLE } from '../../scripts/precompress.mjs';

const DIST = new URL('../../dist/', import.meta.url);

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
