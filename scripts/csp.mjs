// Trunk post-build hook: moves the app's inline loader script into its own file and adds a
// Content-Security-Policy that allows only the app's own files (plus WebAssembly compilation).
// Trunk 0.21 always inlines the loader, and a policy without 'unsafe-inline' would block it.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function rewrite(html) {
  const inline = /<script type="module">([\s\S]*?)<\/script>/;
  const match = html.match(inline);
  if (!match) throw new Error('csp.mjs: no inline module script found in index.html');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${POLICY}">`;
  const page = html
    .replace(inline, '<script type="module" src="./loader.js"></script>')
    .replace('<meta charset="utf-8">', `<meta charset="utf-8">\n  ${meta}`);
  if (!page.includes(meta)) throw new Error('csp.mjs: <meta charset="utf-8"> not found');
  return { page, loader: match[1].trim() + '\n' };
}

const dir = process.env.TRUNK_STAGING_DIR;
if (dir) {
  const file = join(dir, 'index.html');
  const { page, loader } = rewrite(await readFile(file, 'utf8'));
  await writeFile(join(dir, 'loader.js'), loader);
  await writeFile(file, page);
}
