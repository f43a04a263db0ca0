// Writes a brotli (.br) and a gzip (.gz) copy beside each text and WebAssembly file of a
// build, for hosts that serve precompressed files as they are (nginx's brotli_static and
// gzip_static, Caddy's precompressed, and others; see the README's "Deploying"). Compressing
// once at build time allows the strongest settings, which a server compressing on each
// request would not spend: brotli's highest quality takes the wasm about a fifth below
// `gzip -9`. Node's own zlib does both, so the build needs no other tool.
// Usage: node scripts/precompress.mjs DIR   (post-build.mjs calls it on each release build)
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The kinds of file worth compressing; images other than SVG are compressed already. */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.svg', '.json', '.webmanifest', '.txt']);

const TEXT_MODE = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.webmanifest', '.txt']);

/** `bytes` as brotli at its highest quality; text mode for text, generic for wasm. */
export function brotli(bytes, extension) {
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_MODE]: TEXT_MODE.has(extension) ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

/** `bytes` as gzip at its highest level. */
export function gzip(bytes) {
  return gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION });
}

/** Writes NAME.br and NAME.gz beside every compressible file directly in `dir`; returns the
 *  names of the files compressed. Copies from an earlier run are replaced, never compressed
 *  again. */
export async function precompress(dir) {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter(entry => entry.isFile() && COMPRESSIBLE.has(extname(entry.name)))
    .map(entry => entry.name)
    .sort();
  await Promise.all(names.map(name => compressFile(dir, name)));
  return names;
}

/** Writes the .br and .gz copies of the file `name` in `dir`. */
export async function compressFile(dir, name) {
  const bytes = await readFile(join(dir, name));
  await writeFile(join(dir, `${name}.br`), brotli(bytes, extname(name)));
  await writeFile(join(dir, `${name}.gz`), gzip(bytes));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir] = process.argv.slice(2);
  if (!dir) {
    console.error('Usage: node scripts/precompress.mjs DIR');
    process.exit(2);
  }
  const names = await precompress(dir);
  console.log(`Wrote .br and .gz copies of ${names.length} files in ${dir}`);
}
