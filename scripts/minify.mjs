// Minifies the scripts a release build ships before the app works (terser): the bindings
// wasm-bindgen writes, the loader of the split modules, loader.js and the page's inline
// script. (The service worker is registered after everything else, and stays readable.)
// On a phone's slow line their bytes come before the app works; minified, they are about
// 4 KB (brotli) fewer, a fifth of what the first download needed to lose to meet its budget
// (docs/performance.md). Names a page or test looks for (exports, the loader's `prepare`,
// file names) are kept: terser renames only local names.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minify } from 'terser';

/** `code` minified: a module's (`module`), or a classic script's, whose top-level names stay. */
export async function minifiedScript(code, { module }) {
  const { code: minified } = await minify(code, {
    module,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  if (typeof minified !== 'string' || minified.length === 0) throw new Error('minify.mjs: terser returned no code');
  return minified;
}

/** Minifies each of `files` (module scripts) in `dir`, in place. */
export async function minifyModules(dir, files) {
  for (const file of files) {
    const path = join(dir, file);
    await writeFile(path, await minifiedScript(await readFile(path, 'utf8'), { module: true }));
  }
}
