// Minifies the scripts a release build ships before the app works (terser): the bindings
// wasm-bindgen writes, the loader of the split modules, loader.js and the page's inline
// script. On a phone's slow line their bytes come before the app works (docs/performance.md).
// Names a page or test looks for (exports, the loader's `prepare`, file names) are kept:
// terser renames only local names. sw.js, fetched once everything else has been, is left as
// written.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** `code` minified: a module's (`module`), or a classic script's, whose top-level names stay. */
export async function minifiedScript(code, { module }) {
  // Imported here: a debug build, which minifies nothing, does not need terser installed.
  const { minify } = await import('terser');
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
