// Trunk post-build hook. Its jobs on the staged build, for a page that shows something at
// once and works under a strict Content-Security-Policy and offline:
// 1. puts the Grader's first screen, rendered by src/bin/prerender.rs, into the page, with a
//    small inline script that shows it only to a first-time visitor on the Grader or an
//    invitation link (see showPrerendered; anyone else sees its header and a line saying
//    their screen is on its way), and web/first-screen.js after it, which makes it
//    work before the app has started; web/shared-first-screen.js, in the same script, shows
//    a shared result or account link's content from the same copy;
// 2. puts the stylesheets into the page, so the first paint waits for no other request: those
//    the first screen needs, applied at once, and the others' in a second style element that
//    is applied when the app starts on that first screen, at once anywhere else (see
//    FIRST_SCREEN_STYLES);
// 3. writes loader.js, which starts the app from the WebAssembly that scripts/build-wasm.mjs
//    built and split (Trunk's own loader would be inline, which the policy forbids, and knows
//    nothing of the split), adds service worker registration, and links the first download
//    from the page so that it is fetched at once;
// 4. adds the Content-Security-Policy meta tag: only the app's own files, WebAssembly
//    compilation, and the page's two inline scripts and two inline styles, named by hash;
// 5. writes sw.js, a service worker that caches exactly this build's files, the screens
//    loaded later as the app fetches them, and _headers, the response headers for hosts
//    that read such a file (see hostHeaders);
// 6. in a release build, minifies the scripts (scripts/minify.mjs) and writes a .br and a .gz
//    copy beside each file (scripts/precompress.mjs).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FIRST_GROUP, PREFIX } from './build-wasm.mjs';
import { minifiedScript, minifyModules } from './minify.mjs';
import { precompress } from './precompress.mjs';


// Shown only where the app will show the same: on the Grader or an invitation link (which
// opens the Grader), to a visitor with nothing stored. Anyone else would see the wrong screen
// until the app starts, so they see only its header and a line saying their screen is on its
// way ('show-waiting', style/base.css). A page the service worker already controls is a returning visitor's
// and is decided without reading storage: the first read of localStorage makes the browser
// load everything stored before the page is parsed, about 30 ms for a large portfolio.
// Storage that cannot be read counts as stored data.
// On an invitation link it marks the page as one too: the copy's invitation shows by the
// page's styles alone (style/base.css), so that it is in the first paint however the page
// arrives.
// A start with data stored waits for the reader of stored data (src/storage/reading.rs) as
// well as the first download. A page likely to be one (a returning visitor's, or storage not
// empty) is marked 'may-start-with-data' and both are asked for here, while the page is
// parsed: the first download's files and loader.js (`firstDownloadLinks`, links as the
// page's own) first, then the reader's (`startFiles`); the page's own links, further down, then
// find them on their way. On a returning visitor's page they come from the service worker's
// cache, so storage is not read here for them (see above); should nothing be stored there,
// the reader's files wait unused until the app fetches it when idle (the browser may warn
// that they were preloaded and not used), a cost taken so as not to load everything stored
// before the page is parsed. loader.js, which runs once the
// page has been parsed, has the reader compiled beside the first download if something is
// stored (see withEarlyCompile in scripts/build-wasm.mjs).
export function showPrerendered(firstDownloadLinks, startFiles) {
  const early = firstDownloadLinks.join('');
  const preloads = `d.head.insertAdjacentHTML('beforeend',${JSON.stringify(early)});for(var f of ${JSON.stringify(startFiles)}){var l=d.createElement('link');l.rel='preload';l.as='fetch';l.crossOrigin='anonymous';l.href='./'+f;d.head.append(l)}`;
  return `try{var d=document,h=location.hash,c=d.documentElement.classList,w=navigator.serviceWorker?.controller;if(!w&&!localStorage.length&&${GRADER_ADDRESS}.test(h)){c.add('show-prerendered');if(/invite\\//.test(h))c.add('show-invitation')}else{c.add('show-waiting');if(w||localStorage.length){c.add('${STARTS_WITH_DATA}');${preloads}}}}catch(e){document.documentElement.classList.add('show-waiting')}`;
}

/** The addresses of the Grader's first screen, an invitation's included, as a regular
 *  expression in a script's text: the page shows its copy of the Grader there. */
const GRADER_ADDRESS = String.raw`/^#?\/?(grader\/?|invite\/[^/]+\/?)?$/`;

/** The mark of a page whose start is likely to read stored data (see showPrerendered). */
export const STARTS_WITH_DATA = 'may-start-with-data';

const sha256 = text => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only the app's own files, WebAssembly compilation, and the inline elements by hash. */
export function policy(styles, firstScreen, headScript) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${sha256(headScript)} ${sha256(firstScreen)}`,
    `style-src 'self' ${sha256(styles.first)} ${sha256(styles.later)}`,
    "img-src 'self' data: blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** The event the app sends once it has fetched the code of every screen
 *  (EVERY_SCREEN_FETCHED in src/browser/page.rs). */
export const EVERY_SCREEN_FETCHED = 'account-grader-every-screen-fetched';

/** How long a first visit waits for that event at most before it registers the worker
 *  anyway (an app that could not start sends none). */
export const WORKER_WAITS_AT_MOST_MS = 60_000;

// Registers the service worker and, when a newer version has been installed in the
// background, tells the user and reloads on request. Plain DOM: it must work even when the
// app's own code is the part being replaced. On a first visit the worker, installing, fetches
// every file of the app, and on a slow connection that would share the line with the files
// the visitor is waiting for: it is registered once the app has fetched every screen's code,
// which also lets a host's caching serve the worker's fetches. A returning visitor's worker
// has them all already, and is registered at once to look for an update.
const REGISTER = `
if ('serviceWorker' in navigator) {
  const register = () => navigator.serviceWorker.register('./sw.js').then(registration => {
    const offer = worker => {
      if (document.querySelector('.update-notice')) return;
      const notice = document.createElement('div');
      notice.className = 'update-notice';
      notice.setAttribute('role', 'status');
      const text = document.createElement('span');
      text.textContent = 'A new version of Account Grader is ready.';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'button button--small';
      button.textContent = 'Reload to update';
      button.addEventListener('click', () => worker.postMessage('skip-waiting'));
      notice.append(text, button);
      document.body.append(notice);
    };
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener('updatefound', () => {
      const worker = registration.installing;
      worker.addEventListener('statechange', () => {
        if (worker.state === 'installed' && navigator.serviceWorker.controller) offer(worker);
      });
    });
    let reloading = false;
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      if (reloading || !document.querySelector('.update-notice')) return;
      reloading = true;
      location.reload();
    });
  }).catch(() => {});
  if (navigator.serviceWorker.controller) {
    register();
  } else {
    let registered = false;
    const once = () => { if (!registered) { registered = true; register(); } };
    document.addEventListener('${EVERY_SCREEN_FETCHED}', once, { once: true });
    setTimeout(once, ${WORKER_WAITS_AT_MOST_MS});
  }
}
`;

/** The id of the empty element the build writes right after the first screen
 *  (src/bin/prerender.rs), which the first paint waits for. */
export const FIRST_SCREEN_END = 'first-screen-end';

const PLACEHOLDER = '<div id="prerendered" class="prerendered" inert></div>';

/** The names of the first download's files in the build folder's `files`, from
 *  scripts/build-wasm.mjs. */
export function firstDownload(files) {
  const bindings = files.filter(f => new RegExp(`^${PREFIX}[0-9a-f]+\\.js$`).test(f));
  if (bindings.length !== 1) throw new Error(`post-build.mjs: expected one ${PREFIX}HASH.js from build-wasm.mjs, found ${bindings.length}`);
  const stem = bindings[0].slice(0, -'.js'.length);
  const wanted = { bindings: bindings[0], wasm: `${stem}_bg.wasm`, split: `${stem}_split.js` };
  for (const file of Object.values(wanted)) if (!files.includes(file)) throw new Error(`post-build.mjs: ${file} is missing`);
  return wanted;
}

/** The page with the loader linked, `styles` inlined, the policy added, and `markup` as
 *  its first screen with `firstScreen` (web/first-screen.js) after it; and the loader for
 *  the first download `wasm` (see `firstDownload`). The first screen's script is in the
 *  page rather than a file of its own because on a slow phone network a request of its own,
 *  sharing the line with the wasm's, delayed the first answer that works (see
 *  docs/performance.md). It runs before the loader, a module, which waits for the page to be
 *  parsed. */
export function rewrite(html, styles, markup, firstScreen, wasm, startFiles = []) {
  if (!html.includes(PLACEHOLDER)) throw new Error('post-build.mjs: the prerendered placeholder is missing from index.html');
  if (!html.includes(STYLES)) throw new Error('post-build.mjs: the stylesheets were not found');
  if (!html.includes('</head>')) throw new Error('post-build.mjs: </head> not found');
  if (!markup.includes(`id="${FIRST_SCREEN_END}"`)) throw new Error(`post-build.mjs: #${FIRST_SCREEN_END}, which the first paint waits for, is missing after the first screen`);
  // Fetched at once rather than after the loader asks: the bindings, the modules they import,
  // and the main wasm (crossorigin, as the fetch that will use it). After the inline styles:
  // on a slow network, asked for at the top of the page they took the line from the rest of
  // the page, which holds the first screen and its script, and its first click came later.
  const firstDownloadLinks = [
    `<link rel="modulepreload" href="./${wasm.bindings}">`,
    `<link rel="modulepreload" href="./${wasm.split}">`,
    `<link rel="preload" href="./${wasm.wasm}" as="fetch" type="application/wasm" crossorigin="anonymous">`,
  ];
  const links = [
    ...firstDownloadLinks,
    // On a slow network the browser would paint the part of the first screen that has
    // arrived (a header, half the practices, no score), which then jumps as the rest comes:
    // the first paint waits until the parser has passed the whole first screen, and no more.
    `<link rel="expect" href="#${FIRST_SCREEN_END}" blocking="render">`,
    '<script type="module" src="./loader.js"></script>',
  ];
  const headScript = showPrerendered([...firstDownloadLinks, '<link rel="modulepreload" href="./loader.js">'], startFiles);
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy(styles, firstScreen, headScript)}">`;
  const page = html
    // Trunk leaves the crate's skipped link in the page; the loader below does its work.
    .replace(/<!--[^>]*build-wasm[^>]*-->\s*<link data-trunk rel="rust"[^>]*>\s*/, '')
    .replace('</head>', () => `  ${links.join('\n  ')}\n</head>`)
    .replace('<meta charset="utf-8">', () => `<meta charset="utf-8">\n  ${meta}\n  <script>${headScript}</script>`)
    .replace(STYLES, () => `<style>${styles.first}</style>\n  <style id="${LATER_STYLES}" media="not all">${styles.later}</style>\n  `)
    .replace(PLACEHOLDER, () => PLACEHOLDER.replace('></div>', `>${markup}</div>\n  <script>${firstScreen}</script>`));
  if (!page.includes(meta)) throw new Error('post-build.mjs: <meta charset="utf-8"> not found');
  return { page, loader: loader(wasm) + '\n' + REGISTER };
}

/** A host's `_headers` file (the format of Netlify and Cloudflare Pages, which read it from the
 *  published folder; scripts/serve.mjs does too): the protections of the README's "Response
 *  headers to add", and for the page a Link header naming the first download
 *  (`wasm`, see `firstDownload`) and loader.js. A browser asks for these as the page's response
 *  begins, rather than once it has parsed the page's own links to them: on a slow phone line
 *  the page's last bytes and a round trip went by with nothing else on the line (Cloudflare
 *  sends it even before the page, as an Early Hint). The paths are the site's root: an app
 *  under a sub-path needs them changed (README, "Deploying"). */
export function hostHeaders(wasm) {
  const link = [
    `<./${wasm.bindings}>; rel=modulepreload`,
    `<./${wasm.split}>; rel=modulepreload`,
    `<./${wasm.wasm}>; rel=preload; as=fetch; type="application/wasm"; crossorigin=anonymous`,
    '<./loader.js>; rel=modulepreload',
  ].join(', ');
  // The frame protections apply to pages only; sent with every file, they would be bytes
  // before the app works for nothing.
  const thePage = ["Content-Security-Policy: frame-ancestors 'none'", 'X-Frame-Options: DENY', `Link: ${link}`];
  return [
    '/*', '  X-Content-Type-Options: nosniff',
    ...['/', '/index.html'].flatMap(page => [page, ...thePage.map(h => `  ${h}`)]),
  ].join('\n') + '\n';
}

/** The file `hostHeaders` is written to: a host reads it, it is not one of the app's files. */
export const HOST_HEADERS = '_headers';

// When the app cannot start (no WebAssembly, a failed download, an error while starting), the
// prerendered copy must not stay on screen as a form that ignores every click: it is
// replaced by a message. A failed static import cannot be caught, so the import is dynamic.
function loader(wasm) {
  return `try {
  // The bindings import the loader of the split modules: both are here once the first is.
  const [bindings, split] = await Promise.all([import('./${wasm.bindings}'), import('./${wasm.split}')]);
  // A first-time visitor is shown the build's copy of the first screen: its first frame comes
  // before the WebAssembly's compilation, which would otherwise hold it up on the page's
  // thread. The file goes on downloading meanwhile (it is preloaded); the timer is for a tab
  // in the background, which draws no frames.
  const firstScreen = document.documentElement.classList.contains('show-prerendered');
  if (firstScreen) {
    await new Promise(done => { requestAnimationFrame(() => setTimeout(done)); setTimeout(done, 200); });
  }
  // A first visit to the Grader or an invitation asks for the group the app fetches first
  // once it has started (the accounts') as soon as the first download has arrived: its
  // bytes then follow the download's on the line while the app starts, instead of waiting a
  // round trip after the start with nothing on the line (docs/performance.md). Not sooner:
  // sharing the line with the download's last bytes would hold up the start. Only a way to
  // be ready sooner: should it fail, the app's own load fetches it again. A page opened at
  // another screen's address (a shared link's too, shown by the first screen's script)
  // wants that screen's files first, and a returning visitor's come from the service worker.
  const module = fetch('./${wasm.wasm}').then(response => {
    if (firstScreen && response.ok && response.body) {
      const reader = response.clone().body.getReader();
      const readOn = () => reader.read().then(({ done }) => {
        if (!done) return readOn();
        if (${GRADER_ADDRESS}.test(location.hash)) split.__wasm_split_load_${FIRST_GROUP}.prepare();
      });
      readOn().catch(notPrepared => console.warn("The accounts' screens were not fetched ahead:", notPrepared));
    }
    return response;
  });
  const started = bindings.default({ module_or_path: module });
  // A start with data stored compiles the reader of stored data, whose files the page asked
  // for while it was parsed, beside the first download, which compiles off the page's
  // thread meanwhile (see showPrerendered): asked for at once, before the app can ask. Only a
  // way to start sooner: should it fail, the app's own load of the reader fetches it.
  let stored = false;
  try { stored = localStorage.length > 0; } catch (blocked) {}
  if (stored && document.documentElement.classList.contains('${STARTS_WITH_DATA}')) {
    try {
      split.__wasm_split_load_${START_GROUP}.prepare();
      split.__wasm_split_load_${START_WRITER}.prepare();
    } catch (notPrepared) {
      console.warn('The reader of stored data was not fetched ahead:', notPrepared);
    }
  }
  await started;
  document.getElementById('${LATER_STYLES}')?.removeAttribute('media');
} catch (error) {
  document.getElementById('prerendered')?.remove();
  const message = document.createElement('p');
  message.className = 'start-failed';
  message.setAttribute('role', 'alert');
  message.textContent = 'Account Grader could not start in this browser. It needs JavaScript and WebAssembly: try reloading the page, or another browser. Your stored data is untouched.';
  document.body.append(message);
  console.error(error);
}`;
}

const STYLES = '<!-- styles -->';

/** A script of ours without its lines that are only a comment: they are for its readers,
 *  and every page would carry them. The scripts have no multi-line strings, so no such
 *  line is inside one. */
export function withoutCommentLines(script) {
  return script.replace(/^\s*\/\/.*\n/gm, '').trim();
}

/** The stylesheets without comments and layout whitespace: a quarter less to download and
 *  parse. Quoted strings are kept as written; nothing else changes meaning, which
 *  tests/e2e/build.test.mjs checks rule by rule in the browser. */
export function minifyCss(css) {
  const strings = /("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')/;
  // Comments first, found in one pass with the strings, so that quotes inside a comment and
  // comment marks inside a string are each taken for what they are.
  const comments = new RegExp(`${strings.source.slice(0, -1)}|\\/\\*[\\s\\S]*?\\*\\/)`);
  const uncommented = css.split(comments).map((part, i) => i % 2 && part.startsWith('/*') ? ' ' : part).join('');
  return uncommented.split(strings).map((part, i) => i % 2 ? part : part
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};])\s*/g, '$1')
    .replace(/;}/g, '}')).join('').trim();
}

// The stylesheets (by their name in style/) that the Grader's first screen needs. The browser
// matches every rule in the page against every element before the first paint, and the other
// screens' rules added to that work (docs/performance.md): they wait, in a style element that
// does not apply (media "not all"), until the app starts on the first screen (loader.js), and
// on any other screen are applied at once (web/later-styles.js). touch.css and print.css are
// in both, as they must come after every other sheet (print.css: the first screen is printed
// as the app would print it, even before the app has started). No rule of the later sheets
// changes the first screens (tests/e2e/first-screen.test.mjs and build.test.mjs).
export const FIRST_SCREEN_STYLES = ['base', 'shell', 'controls', 'grader', 'touch', 'print'];
export const LAST_IN_BOTH = ['touch', 'print'];
/** The id of the style element with the other screens' rules. */
export const LATER_STYLES = 'later-styles';

/** The name in style/ of a stylesheet Trunk copied as `name-<hash>.css`. */
export const styleName = file => file.replace(/-[0-9a-f]+\.css$/, '');

/** Takes the page's stylesheets out of it and out of the build, leaving a marker where the
 *  first was; returns the page and their contents joined in order: those of the first screen
 *  (`first`), and those of every sheet the first screen does not need (`later`). In the page
 *  itself they need no request of their own before the first paint. */
export async function takeStyles(dir, html) {
  const link = /<link rel="stylesheet" href="\.\/([^"]+\.css)"[^>]*>\s*/g;
  const names = [...html.matchAll(link)].map(m => m[1]);
  if (names.length === 0) throw new Error('post-build.mjs: no stylesheets found in index.html');
  for (const name of FIRST_SCREEN_STYLES) {
    if (!names.some(n => styleName(n) === name)) throw new Error(`post-build.mjs: style/${name}.css is not in index.html`);
  }
  const texts = new Map(await Promise.all(names.map(async n => [n, await readFile(join(dir, n), 'utf8')])));
  const joined = files => minifyCss(files.map(n => texts.get(n)).join('\n'));
  const styles = {
    first: joined(names.filter(n => FIRST_SCREEN_STYLES.includes(styleName(n)))),
    later: joined(names.filter(n => !FIRST_SCREEN_STYLES.includes(styleName(n)) || LAST_IN_BOTH.includes(styleName(n)))),
  };
  await Promise.all(names.map(n => rm(join(dir, n))));
  let first = true;
  const page = html.replace(link, () => {
    const marker = first ? STYLES : '';
    first = false;
    return marker;
  });
  return { page, styles };
}

/** The Grader's first screen as HTML, from the native renderer in src/bin/prerender.rs. */
function prerendered() {
  return execFileSync('cargo', ['run', '--quiet', '--features', 'prerender', '--bin', 'prerender'], {
    encoding: 'utf8', maxBuffer: 16 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** The files of the screens loaded later (src/lazy_screens.rs): every module of the app's
 *  WebAssembly but the first download's, and but those of `startFiles`. */
export function laterFiles(files, wasm, startFiles = []) {
  return files.filter(f => f.startsWith(PREFIX) && f.endsWith('.wasm') && f !== wasm.wasm && !startFiles.includes(f));
}

/** The group every start with stored data loads before the app starts: the reader of stored
 *  data (src/storage/reading.rs); the writer (src/storage/writing.rs) comes with it. */
export const START_GROUP = 'reading';
export const START_WRITER = 'writing';

/** The files the loader of the split modules (`splitJs`, as built) fetches for `group`: its
 *  module, the chunks it loads, and the files of small chunks these come from. */
export function groupFiles(splitJs, group) {
  const fetched = '\\s*const src = (?:fetch\\(new URL\\("\\./([^"]+)"|__smallChunk\\("([^"]+)")';
  const module = new RegExp(`export const __wasm_split_load_${group} = wrapAsyncCb\\(makeLoad\\(\\(\\) => \\{${fetched}[\\s\\S]*?\\n, \\[([^\\]]*)\\]\\)\\);`).exec(splitJs);
  if (!module?.[1]) throw new Error(`post-build.mjs: the loader of the split modules does not load ${group} as expected`);
  const files = new Set([module[1]]);
  for (const dependency of module[3].split(',').map(d => d.trim()).filter(Boolean)) {
    const chunk = new RegExp(`const ${dependency} = makeLoad\\(\\(\\) => \\{${fetched}`).exec(splitJs);
    if (!chunk) throw new Error(`post-build.mjs: the loader of the split modules does not load ${dependency} as expected`);
    if (chunk[1]) files.add(chunk[1]);
    else {
      const bundle = new RegExp(`"${chunk[2].replace('.', '\\.')}": \\(\\) => fetch\\(new URL\\("\\./([^"]+)"`).exec(splitJs);
      if (!bundle) throw new Error(`post-build.mjs: the loader of the split modules does not fetch ${chunk[2]} as expected`);
      files.add(bundle[1]);
    }
  }
  return [...files].sort();
}

function serviceWorker(files, later, contents) {
  // Named after the build's contents, so any change at all makes a new worker and cache.
  const version = createHash('sha256').update(contents).digest('hex').slice(0, 16);
  const first = files.filter(f => !later.includes(f));
  return `// Generated by scripts/post-build.mjs for one build: caches exactly its files.
const CACHE = 'account-grader-${version}';
// Cached when this worker installs, all or none: what the app needs to start, with stored data
// too (the reader of stored data, src/storage/reading.rs).
const FILES = ${JSON.stringify(['./', ...first.map(f => './' + f)])};
// The screens loaded later: cached as the app fetches them, and those it has not fetched by
// the time this worker activates fetched then, before it takes over, so that after one visit
// every screen opens offline; the install does not fetch a second time what the app is
// fetching already (on a first visit the page is not waiting for this worker).
const LATER = ${JSON.stringify(later.map(f => './' + f))};
const LATER_URLS = new Set(LATER.map(f => new URL(f, self.location).href));
self.addEventListener('install', event => {
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll(FILES)));
});
async function cacheTheRest() {
  const cache = await caches.open(CACHE);
  for (const file of LATER) {
    // One that cannot be fetched now is cached when the app fetches it.
    if (!(await cache.match(file))) await cache.add(file).catch(() => {});
  }
}
self.addEventListener('activate', event => {
  event.waitUntil(cacheTheRest()
    .then(() => caches.keys())
    .then(keys => Promise.all(keys.filter(k => k.startsWith('account-grader-') && k !== CACHE).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});
self.addEventListener('message', event => { if (event.data === 'skip-waiting') self.skipWaiting(); });
self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // The page itself: the network when there is one, so updates are found; else the cache.
    event.respondWith(fetch(request).catch(() => caches.match('./', { ignoreSearch: true })));
    return;
  }
  event.respondWith(caches.match(request).then(hit => hit || fetch(request).then(response => {
    if (response.ok && LATER_URLS.has(request.url)) {
      const copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(cache => cache.put(request, copy)));
    }
    return response;
  })));
});
`;
}

const dir = process.env.TRUNK_STAGING_DIR;
if (dir) {
  const file = join(dir, 'index.html');
  const taken = await takeStyles(dir, await readFile(file, 'utf8'));
  // One inline script: web/later-styles.js, web/first-screen.js, then
  // web/shared-first-screen.js, which shows a shared result or account link's content the same way.
  // Debug builds (`trunk serve`) keep every script as written, to read and debug.
  const release = process.env.TRUNK_PROFILE === 'release';
  const written = (await Promise.all(['later-styles.js', 'first-screen.js', 'shared-first-screen.js']
    .map(name => readFile(new URL(`../web/${name}`, import.meta.url), 'utf8')))).map(withoutCommentLines).join('\n');
  // Minified before the policy names it by its hash.
  const firstScreen = release ? await minifiedScript(written, { module: false }) : written;
  const wasm = firstDownload(await readdir(dir));
  const splitJs = await readFile(join(dir, wasm.split), 'utf8');
  const start = [...new Set([...groupFiles(splitJs, START_GROUP), ...groupFiles(splitJs, START_WRITER)])];
  // The loader asks for this group by name: a build whose splitter no longer makes it fails.
  groupFiles(splitJs, FIRST_GROUP);
  const { page, loader } = rewrite(taken.page, taken.styles, prerendered(), firstScreen, wasm, start);
  await writeFile(join(dir, 'loader.js'), loader);
  await writeFile(file, page);
  // After the steps above have read the loader of the split modules as the splitter wrote it.
  if (release) await minifyModules(dir, [wasm.bindings, wasm.split, 'loader.js']);
  // Compressed copies are the host's business: the browser asks for the plain name.
  await writeFile(join(dir, HOST_HEADERS), hostHeaders(wasm));
  const files = (await readdir(dir)).filter(f => f !== 'sw.js' && f !== HOST_HEADERS && !f.startsWith('.') && !/\.(br|gz)$/.test(f)).sort();
  const contents = Buffer.concat(await Promise.all(files.map(f => readFile(join(dir, f)))));
  await writeFile(join(dir, 'sw.js'), serviceWorker(files, laterFiles(files, wasm, start), contents));
  // Last, so that the page and sw.js are compressed in their final form. Not for `trunk
  // serve`'s debug builds, where brotli's highest quality would slow every rebuild.
  if (release) await precompress(dir);
}
