// A static file server for dist/, used by scripts/run.sh and by the browser tests. Like a
// well-set production host, it sends the build's precompressed copies to browsers that take them.
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

/** Serves `root` under `base` on 127.0.0.1; resolves to { url, requests, close }. */
export function startServer({ root, port = 0, base = '/' }) {
  const rootDir = resolve(root);
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    requests.push(path);
    if (!path.startsWith(base)) { res.writeHead(404).end('not found'); return; }
    let file = normalize(join(rootDir, path.slice(base.length)));
    if (file !== rootDir && !file.startsWith(rootDir + sep)) { res.writeHead(403).end(); return; }
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const { body, encoding } = await precompressed(file, req.headers['accept-encoding'] ?? '');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
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
