// Trunk build hook: builds the app's WebAssembly split into the first download and the files
// of the screens loaded later (src/lazy_screens.rs). Trunk cannot split (trunk-rs/trunk#1022)
// and has no step between cargo and wasm-bindgen, so index.html tells it to skip the crate
// (data-trunk-skip) and this script does the whole pipeline, into Trunk's staging folder:
// 1. cargo builds the wasm, with the linker's relocations (.cargo/config.toml);
// 2. wasm-split-cli cuts it into the main module, one module per group and shared chunks;
// 3. wasm-bindgen writes the JavaScript bindings for the main module;
// 4. in a release build, wasm-opt shrinks each module;
// 5. the splitter's small chunks go end to end into two files, each fetched once (see
//    bundleSmallChunks), and every download of the split modules gets a time limit
//    (withTimeLimit), and each module is compiled as its bytes arrive, a group's ahead of
//    its load if the page asks (withEarlyCompile);
// 6. every file gets the build's hash in its name, so a browser never mixes two builds.
// scripts/post-build.mjs then writes the loader that starts the app from these files.
import { execFile as execFileCallback, execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFile = promisify(execFileCallback);

/** What every file of the app's WebAssembly starts its name with. */
export const PREFIX = 'account-grader-';

// wasm-opt comes with the npm packages, as for the rest of the scripts (scripts/env.sh).
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.env.PATH = `${join(root, 'node_modules', '.bin')}:${process.env.PATH}`;

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

/** The new name of each file from the splitter and wasm-bindgen, `hash` being the build's. */
export function hashedNames(files, hash) {
  const names = new Map();
  for (const file of files) {
    if (file === 'app.js') names.set(file, `${PREFIX}${hash}.js`);
    else if (file === 'app_bg.wasm') names.set(file, `${PREFIX}${hash}_bg.wasm`);
    else if (file === '__wasm_split.js') names.set(file, `${PREFIX}${hash}_split.js`);
    else if (file === SMALL_CHUNKS || file === LATER_SMALL_CHUNKS) names.set(file, `${PREFIX}${hash}_${file}`);
    else if (/^(split_\w+|chunk_\d+)\.wasm$/.test(file)) names.set(file, `${PREFIX}${hash}_${file}`);
    else throw new Error(`build-wasm.mjs: unexpected file ${file} from the splitter or wasm-bindgen`);
  }
  return names;
}

/** `code` with each import of a file (`from "./name"`) and each address of one
 *  (`URL("./name"` or `URL('name'`) renamed as in `names`. Other mentions stay: the main
 *  module's import object names "./__wasm_split.js" as the wasm itself does. */
export function renameReferences(code, names) {
  let renamed = code;
  for (const [from, to] of names) {
    const reference = new RegExp(`(from\\s*|URL\\()(["'])(\\./)?${from.replace(/[.$]/g, '\\$&')}\\2`, 'g');
    renamed = renamed.replace(reference, (_, before, quote) => `${before}${quote}./${to}${quote}`);
  }
  return renamed;
}

/** The files that hold the small chunks, end to end: those the group fetched first after
 *  the Grader uses, then the others. Named .wasm so that hosts serve and compress them as
 *  they do the app's other WebAssembly files. */
export const SMALL_CHUNKS = 'small_chunks.wasm';
export const LATER_SMALL_CHUNKS = 'later_chunks.wasm';

/** The group fetched first when the page is idle (`Group::ALL` in src/lazy_screens.rs), the
 *  accounts', which a first visit's loader asks for as its first download ends: its small
 *  chunks come on their own, without those that only the other groups use. */
export const FIRST_GROUP = 'portfolio';

/** A chunk no larger than this goes into a file of small chunks. The splitter makes a chunk
 *  for each set of screen groups sharing code, most of them a few hundred bytes; fetched one
 *  by one, the first screen opened after the Grader waited for three rounds of requests on a
 *  slow connection (a browser asks a host for six files at a time). */
export const SMALL_CHUNK_BYTES = 6 * 1024;

/** The chunk files the loader of the split modules (`splitJs`) fetches before `group`'s
 *  module. */
export function chunksOf(splitJs, group) {
  const declaration = new RegExp(`export const __wasm_split_load_${group} = wrapAsyncCb\\(makeLoad\\([\\s\\S]*?\\n, \\[([^\\]]*)\\]\\)\\);`);
  const found = declaration.exec(splitJs);
  if (!found) throw new Error(`build-wasm.mjs: the loader of the split modules does not load ${group} as expected`);
  const files = new Set();
  for (const dependency of found[1].split(',').map(d => d.trim()).filter(Boolean)) {
    const chunk = new RegExp(`const ${dependency} = makeLoad\\(\\(\\) => \\{\\s*const src = fetch\\(new URL\\("\\./(chunk_\\d+\\.wasm)"`).exec(splitJs);
    if (!chunk) throw new Error(`build-wasm.mjs: the loader of the split modules does not fetch ${dependency} as expected`);
    files.add(chunk[1]);
  }
  return files;
}

/** Puts the chunks in `chunks` (name to bytes) end to end in two files, those `group` uses
 *  ([SMALL_CHUNKS]) and the rest ([LATER_SMALL_CHUNKS]), and makes the loader of the split
 *  modules (`splitJs`, from wasm-split-cli) take each from its file instead of fetching it on
 *  its own. Each file is fetched once, on the first need of any of its chunks; a failed fetch
 *  is tried again on the next need, as the loader does for its own fetches. */
export function bundleSmallChunks(chunks, splitJs, group = FIRST_GROUP) {
  const first = chunksOf(splitJs, group);
  const bundles = new Map([[SMALL_CHUNKS, []], [LATER_SMALL_CHUNKS, []]]);
  let loader = splitJs;
  for (const [name, bytes] of chunks) {
    const file = first.has(name) ? SMALL_CHUNKS : LATER_SMALL_CHUNKS;
    const parts = bundles.get(file);
    const offset = parts.reduce((sum, part) => sum + part.length, 0);
    const fetchOne = `fetch(new URL("./${name}", import.meta.url))`;
    if (!loader.includes(fetchOne)) throw new Error(`build-wasm.mjs: the loader of the split modules does not fetch ${name} as expected`);
    loader = loader.replace(fetchOne, `__smallChunk("${file}", ${offset}, ${bytes.length})`);
    parts.push(bytes);
  }
  const fetches = [...bundles.keys()].map(file => `"${file}": () => fetch(new URL("./${file}", import.meta.url))`).join(',\n    ');
  const helper = `
// Added by scripts/build-wasm.mjs: the small chunks come in two files, ${SMALL_CHUNKS} (those
// of ${group}) and ${LATER_SMALL_CHUNKS}.
const smallChunkFiles = {
    ${fetches}
};
const smallChunks = {};
function __smallChunk(file, offset, length) {
    if (smallChunks[file] === undefined) {
        const whole = smallChunkFiles[file]()
            .then(r => r.ok ? r.arrayBuffer() : Promise.reject(new Error(\`\${file}: \${r.status}\`)));
        whole.catch(() => { if (smallChunks[file] === whole) smallChunks[file] = undefined; });
        smallChunks[file] = whole;
    }
    return smallChunks[file].then(bytes => new Response(bytes.slice(offset, offset + length), { headers: { "Content-Type": "application/wasm" } }));
}
`;
  return {
    bundles: [...bundles].map(([file, parts]) => [file, Buffer.concat(parts)]),
    splitJs: withHelper(loader, helper),
  };
}

/** How long a download of a screen's code may take before it counts as failed. The loader
 *  remembers a download under way until it fails, so one that stalls (a mobile connection
 *  that went quiet) would leave its screens "loading" for the rest of the tab's life; failed,
 *  it ends in the screen's message with Try again. Far longer than the largest file takes on
 *  a slow phone connection (about a second on the benchmark's). */
export const FETCH_TIME_LIMIT_MS = 30_000;

/** The loader of the split modules logging a failed download (the network's failure or the
 *  time limit's) as a warning, not an error: the screen that needed it says so and offers
 *  Try again, so nothing is left unhandled. Anything else (a module that does not compile or
 *  link, as one from another build would) stays an error. */
export function withQuietFailures(splitJs) {
  const logged = /(\} catch \(e\) \{\s*)console\.error\(e\);/g;
  if ((splitJs.match(logged) ?? []).length !== 1) throw new Error('build-wasm.mjs: the loader of the split modules does not log a failed load as expected');
  return splitJs.replace(logged, '$1(e instanceof TypeError || e?.name === "TimeoutError" || e?.name === "AbortError" ? console.warn : console.error)("A part of the app was not loaded:", e);');
}

/** The loader of the split modules with every download given a time limit. */
export function withTimeLimit(splitJs) {
  const fetches = /fetch\((new URL\("\.\/[\w.]+", import\.meta\.url\))\)/g;
  if (!fetches.test(splitJs)) throw new Error('build-wasm.mjs: the loader of the split modules fetches nothing as expected');
  const helper = `
// Added by scripts/build-wasm.mjs: a download that takes longer than this fails.
function __timeLimit() {
    return typeof AbortSignal.timeout === "function" ? { signal: AbortSignal.timeout(${FETCH_TIME_LIMIT_MS}) } : {};
}
`;
  return withHelper(splitJs.replace(fetches, 'fetch($1, __timeLimit())'), helper);
}

/** The loader of the split modules with each module compiled as soon as its bytes arrive,
 *  rather than when it is instantiated, and with `prepare()` on each group's load function:
 *  it fetches and compiles the group's modules and chunks without instantiating them, which
 *  needs the main module. The page's loader calls it for the reader of stored data, so that a
 *  start with data stored compiles the reader while the first download compiles (the reader
 *  then only has to be instantiated). A prepared module is used by the first load only; if
 *  its download or compilation failed, that load fetches it afresh, unless it ran out of
 *  time (FETCH_TIME_LIMIT_MS), and a load that fails is tried afresh by the next, as before. */
export function withEarlyCompile(splitJs) {
  const instantiate = /return async \(imports\) => \(WebAssembly\.instantiateStreaming\(src, imports\)\);/g;
  const modules = (splitJs.match(/= (?:wrapAsyncCb\()?makeLoad\(\(\) => \{/g) ?? []).length;
  const found = (splitJs.match(instantiate) ?? []).length;
  if (modules === 0 || found !== modules) throw new Error(`build-wasm.mjs: the loader of the split modules instantiates ${found} of its ${modules} modules as expected`);
  for (const generated of ['function makeLoad(fetcher, deps) {', 'function wrapAsyncCb(callee) {']) {
    if (!splitJs.includes(generated)) throw new Error(`build-wasm.mjs: the loader of the split modules has no ${generated}`);
  }
  const helper = `
// Added by scripts/build-wasm.mjs: each module compiled as its bytes arrive, and a group's
// modules fetched and compiled ahead of its load by its load function's prepare().
function makeLoad(fetcher, deps) {
    let prepared = undefined;
    let started = false;
    const load = __generatedMakeLoad(() => {
        const early = prepared;
        started = true;
        prepared = undefined;
        if (early === undefined) return fetcher();
        // A download begun ahead that failed (a blip) is not this load's failure: the load
        // fetches afresh. One that ran out of time is: a second try would keep the screen,
        // or a start waiting for the reader, waiting as long again.
        const ready = early.compiled.then(() => early, e => (e?.name === 'TimeoutError' ? Promise.reject(e) : fetcher()));
        return async (imports) => (await ready)(imports);
    }, deps);
    load.prepare = () => {
        for (const dependency of deps) dependency.prepare();
        if (!started && prepared === undefined) prepared = fetcher();
    };
    return load;
}
function wrapAsyncCb(callee) {
    const wrapped = __generatedWrapAsyncCb(callee);
    wrapped.prepare = callee.prepare;
    return wrapped;
}
`;
  const rewritten = splitJs
    .replace(instantiate, `const compiled = WebAssembly.compileStreaming(src);
    compiled.catch(() => {});
    return Object.assign(async (imports) => (WebAssembly.instantiate(await compiled, imports)), { compiled });`)
    .replace('function makeLoad(fetcher, deps) {', 'function __generatedMakeLoad(fetcher, deps) {')
    .replace('function wrapAsyncCb(callee) {', 'function __generatedWrapAsyncCb(callee) {');
  return withHelper(rewritten, helper);
}

/** `splitJs` with `helper` after its first line, the import of the bindings, as the helpers
 *  need nothing else and must come before any use. */
function withHelper(splitJs, helper) {
  if (!splitJs.startsWith('import ')) throw new Error('build-wasm.mjs: the loader of the split modules does not start with its import');
  const firstLineEnd = splitJs.indexOf('\n') + 1;
  return splitJs.slice(0, firstLineEnd) + helper + splitJs.slice(firstLineEnd);
}

async function build(staging, release) {
  run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '--bin', 'account-grader', ...(release ? ['--release'] : [])]);
  const linked = `target/wasm32-unknown-unknown/${release ? 'release' : 'debug'}/account-grader.wasm`;
  const work = await mkdtemp(join(tmpdir(), 'account-grader-wasm-'));
  try {
    const split = join(work, 'split');
    const out = join(work, 'out');
    run('wasm-split-cli', [linked, split, '--out-name', 'app']);
    run('wasm-bindgen', [join(split, 'app.wasm'), '--out-dir', out, '--out-name', 'app', '--target', 'web',
      '--keep-lld-exports', '--no-typescript']);
    for (const file of await readdir(split)) if (file !== 'app.wasm') await cp(join(split, file), join(out, file));
    const files = (await readdir(out)).sort();
    if (files.includes('snippets')) throw new Error('build-wasm.mjs: wasm-bindgen wrote snippets, which this script does not copy yet');
    if (release) {
      // Two at a time: the machine's cores, and wasm-opt uses one each on these sizes.
      const queue = files.filter(f => f.endsWith('.wasm'));
      const worker = async () => {
        for (let file; (file = queue.shift());) await execFile('wasm-opt', ['-Oz', join(out, file), '-o', join(out, file)]);
      };
      await Promise.all([worker(), worker()]);
    }
    const small = [];
    for (const file of files.filter(f => /^chunk_\d+\.wasm$/.test(f))) {
      const bytes = await readFile(join(out, file));
      if (bytes.length <= SMALL_CHUNK_BYTES) small.push([file, bytes]);
    }
    let splitJs = await readFile(join(out, '__wasm_split.js'), 'utf8');
    if (small.length > 1) {
      const bundled = bundleSmallChunks(small, splitJs);
      splitJs = bundled.splitJs;
      for (const [file, bundle] of bundled.bundles) await writeFile(join(out, file), bundle);
      for (const [file] of small) await rm(join(out, file));
      files.splice(0, files.length, ...(await readdir(out)).sort());
    }
    await writeFile(join(out, '__wasm_split.js'), withQuietFailures(withEarlyCompile(withTimeLimit(splitJs))));
    const contents = await Promise.all(files.map(f => readFile(join(out, f))));
    const hash = createHash('sha256').update(Buffer.concat(contents)).digest('hex').slice(0, 16);
    const names = hashedNames(files, hash);
    for (const [i, file] of files.entries()) {
      const body = file.endsWith('.js') ? renameReferences(contents[i].toString('utf8'), names) : contents[i];
      await writeFile(join(staging, names.get(file)), body);
    }
    for (const file of files.filter(f => f.endsWith('.js'))) {
      const code = await readFile(join(staging, names.get(file)), 'utf8');
      if (/from\s*["']\.\/(app|__wasm_split)\.js["']/.test(code)) throw new Error(`build-wasm.mjs: ${file} still imports a file by its old name`);
    }
    const hashedLoader = await readFile(join(staging, names.get('__wasm_split.js')), 'utf8');
    for (const [file, name] of names) {
      if (file.endsWith('.wasm') && file !== 'app_bg.wasm' && !hashedLoader.includes(`"./${name}"`)) {
        throw new Error(`build-wasm.mjs: the loader of the split modules does not name ${file}`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const staging = process.env.TRUNK_STAGING_DIR;
if (staging) await build(staging, process.env.TRUNK_PROFILE === 'release');
