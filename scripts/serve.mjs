// A static file server for dist/, used by scripts/run.sh and by the browser tests. Like a
// well-set production host, it sends the build's precompressed copies to browsers that take
// them, and the response headers the build's `_headers` file names (as Netlify and Cloudflare
// Pages do; see HOST_HEADERS in scripts/post-build.mjs).
// Usage: node scripts/serve.mjs DIR [PORT] [BASE]   (BASE: a sub-path such as /some/sub/path/)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.webmanifest': 'application/manifest+json', '.png': 'image/png',
  '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/** The copy of `file` to send for `accepted` (an Accept-Encoding header): the build's brotli
 *  or gzip copy beside it where the browser takes that and the copy exists (as nginx's
 *  brotli_static and gzip_static do), else the file itself. */
async function precompressed(file, accepted) {
  const takes = new Set(accepted.split(',')
    .filter(part => !/;\s*q=0(\.0*)?\s*$/i.test(part))
    .map(part => part.split(';')[0].trim().toLowerCase()));
  for (const [encoding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!takes.has(encoding)) continue;
    try {
      return { body: await readFile(file + suffix), encoding };
    } catch {
      // No such copy: try the next encoding, then the file itself.
    }
  }
  return { body: await readFile(file), encoding: null };
}

/** The rules of a `_headers` file: a path from the site's root (exact, or ending in `*` for
 *  all under it) on a line of its own, then its headers, indented, one a line. */
export function parseHostHeaders(text) {
  const rules = [];
  for (const line of text.split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      rules.push({ path: line.trim(), headers: [] });
      continue;
    }
    const colon = line.indexOf(':');
    if (colon < 0 || rules.length === 0) throw new Error(`serve.mjs: _headers: cannot read ${JSON.stringify(line)}`);
    rules.at(-1).headers.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return rules;
}

/** The headers `rules` give the file at `path` (from the site's root); a header that several
 *  rules give is sent with their values joined, as the hosts do. */
export function headersFor(rules, path) {
  const headers = {};
  for (const rule of rules) {
    const matches = rule.path.endsWith('*') ? path.startsWith(rule.path.slice(0, -1)) : path === rule.path;
    if (!matches) continue;
    for (const [name, value] of rule.headers) headers[name] = headers[name] ? `${headers[name]}, ${value}` : value;
  }
  return headers;
}

/** `root`'s `_headers` rules, none if it has no such file. Read for each request: a build may
 *  replace the folder while the server runs. */
async function hostRules(root) {
  try {
    return parseHostHeaders(await readFile(join(root, '_headers'), 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw error;
  }
}

/** Serves `root` under `base` on 127.0.0.1; resolves to { url, requests, close }. */
export function startServer({ root, port = 0, base = '/' }) {
  const rootDir = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    if (!path.startsWith(base)) { res.writeHead(404).end('not found'); return; }
    const fromRoot = '/' + path.slice(base.length);
    let file = normalize(join(rootDir, fromRoot));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) { res.writeHead(403).end(); return; }
    try {
      // A host reads the file; it does not serve it.
      if (fromRoot === '/_headers') throw new Error('not served');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const { body, encoding } = await precompressed(file, req.headers['accept-encoding'] ?? '');
      res.writeHead(200, { ...headersFor(await hostRules(rootDir), fromRoot),
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-cache', vary: 'accept-encoding',
        ...(encoding && { 'content-encoding': encoding }) });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}${base}`;
      ok({ url, requests, close: () => new Promise(done => server.close(done)) });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  const { url } = await startServer({ root, port: Number(port), base });
  console.log(`Account Grader is running at ${url}  (Ctrl+C to stop)`);
}
