// What scripts/build-wasm.mjs does to the loader that wasm-split-cli writes: the small chunks
// go into two files, those of the group opened first after the Grader and the rest, each
// fetched once; every download gets a time limit; and a group's modules can be fetched and
// compiled ahead of its load. Checked on a loader of the same shape
// as the splitter's, without a browser. And what the service worker learns from it: the files
// a group loads.
import { test } from 'node:test';
import { assert } from './harness.mjs';
import { bundleSmallChunks, LATER_SMALL_CHUNKS, SMALL_CHUNKS, withEarlyCompile, withQuietFailures, withTimeLimit } from '../../scripts/build-wasm.mjs';
import { groupFiles } from '../../scripts/post-build.mjs';

/** A module's loader as wasm-split-cli writes it: `name` fetched, after `deps`. */
function load(name, deps) {
  return `makeLoad(() => {
    const src = fetch(new URL("./${name}", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, [${deps.join(', ')}])`;
}

const LOADER = [
  'import { initSync } from "./app.js";',
  `/* history, more */\nconst __chunk_1 = ${load('chunk_1.wasm', [])};`,
  `/* more */\nconst __chunk_2 = ${load('chunk_2.wasm', [])};`,
  `/* history, more, plans */\nconst __chunk_3 = ${load('chunk_3.wasm', [])};`,
  `export const __wasm_split_load_history = wrapAsyncCb(${load('split_history.wasm', ['__chunk_1', '__chunk_3'])});`,
  `export const __wasm_split_load_more = wrapAsyncCb(${load('split_more.wasm', ['__chunk_1', '__chunk_2', '__chunk_3'])});`,
].join('\n');

const CHUNKS = [
  ['chunk_1.wasm', Buffer.from('aaa')],
  ['chunk_2.wasm', Buffer.from('bb')],
  ['chunk_3.wasm', Buffer.from('cccc')],
];

test('the small chunks of the first group after the Grader come in a file of their own', () => {
  const { bundles, splitJs } = bundleSmallChunks(CHUNKS, LOADER, 'history');
  assert.deepEqual(bundles.map(([file, bytes]) => [file, bytes.toString()]),
    [[SMALL_CHUNKS, 'aaacccc'], [LATER_SMALL_CHUNKS, 'bb']]);
  assert.ok(splitJs.includes(`__smallChunk("${SMALL_CHUNKS}", 0, 3)`), 'chunk 1 from the first file');
  assert.ok(splitJs.includes(`__smallChunk("${SMALL_CHUNKS}", 3, 4)`), 'chunk 3 after it');
  assert.ok(splitJs.includes(`__smallChunk("${LATER_SMALL_CHUNKS}", 0, 2)`), 'chunk 2 from the later file');
  assert.doesNotMatch(splitJs, /chunk_\d\.wasm/, 'no chunk is fetched on its own');
  assert.ok(splitJs.startsWith('import { initSync } from "./app.js";\n'), 'the import stays first');
});

test('a loader that does not read as expected fails the build', () => {
  assert.throws(() => bundleSmallChunks(CHUNKS, LOADER, 'portfolio'), /does not load portfolio/);
  assert.throws(() => bundleSmallChunks([['chunk_9.wasm', Buffer.from('x')]], LOADER, 'history'), /does not fetch chunk_9/);
  assert.throws(() => withTimeLimit('import x from "./app.js";\nconst nothing = 1;'), /fetches nothing/);
});

test('each file of small chunks is fetched once, again only after a failure, and within a time limit', async () => {
  const { splitJs } = bundleSmallChunks(CHUNKS, LOADER, 'history');
  const limited = withTimeLimit(splitJs);
  // Every download, the two files' and the modules', has the limit.
  assert.equal((limited.match(/fetch\(new URL\([^)]*\)\)/g) ?? []).length, 0, 'no fetch without a limit');
  assert.equal((limited.match(/, __timeLimit\(\)\)/g) ?? []).length, 4);
  // The helper run as the browser would, with a network that fails the first time.
  const helper = limited.slice(limited.indexOf('const smallChunkFiles'), limited.indexOf('/* history, more */'))
    .replaceAll('import.meta.url', '"https://app.test/"');
  const asked = [];
  const fetch = async url => {
    asked.push(String(url).replace('https://app.test/', ''));
    if (asked.length === 1) return { ok: false, status: 503 };
    const bytes = Buffer.from(String(url).endsWith(SMALL_CHUNKS) ? 'aaacccc' : 'bb');
    return { ok: true, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) };
  };
  const smallChunk = new Function('fetch', 'Response', '__timeLimit', `${helper}\nreturn __smallChunk;`)(
    fetch, class { constructor(body) { this.text = Buffer.from(body).toString(); } }, () => ({}));
  await assert.rejects(smallChunk(SMALL_CHUNKS, 0, 3), /503/);
  const [one, three, two] = await Promise.all([
    smallChunk(SMALL_CHUNKS, 0, 3), smallChunk(SMALL_CHUNKS, 3, 4), smallChunk(LATER_SMALL_CHUNKS, 0, 2)]);
  assert.deepEqual([one.text, three.text, two.text], ['aaa', 'cccc', 'bb']);
  assert.deepEqual(asked, [SMALL_CHUNKS, SMALL_CHUNKS, LATER_SMALL_CHUNKS], 'once each after the failure');
});

test('the files a group loads are read from the loader as built', () => {
  const { splitJs } = bundleSmallChunks(CHUNKS, LOADER, 'history');
  const built = withTimeLimit(splitJs);
  assert.deepEqual(groupFiles(built, 'history'), [SMALL_CHUNKS, 'split_history.wasm']);
  assert.deepEqual(groupFiles(built, 'more'), [LATER_SMALL_CHUNKS, SMALL_CHUNKS, 'split_more.wasm']);
  assert.throws(() => groupFiles(built, 'reading'), /does not load reading/);
});

/** The splitter's two helpers, as it writes them in substance: a module loads after its
 *  dependencies, from the instantiate function its fetcher returns, and a load that succeeds
 *  is kept while one that fails is tried afresh; a group's load is wrapped for the module's
 *  callback. */
const GENERATED_HELPERS = `function wrapAsyncCb(callee) {
    return async () => callee();
}
function makeLoad(fetcher, deps) {
    const loader = async () => {
        const waiting = deps.map(d => d());
        const instantiate = fetcher();
        await Promise.all(waiting);
        return instantiate({});
    };
    let current = undefined;
    return () => {
        if (current === undefined) {
            const attempt = loader();
            attempt.catch(() => { if (current === attempt) current = undefined; });
            current = attempt;
        }
        return current;
    };
}`;

/** The loader as built, run as the browser would, with a network whose answers `answer`
 *  decides, recording what was fetched, compiled and instantiated. */
function runLoader(answer) {
  const [imports, ...rest] = LOADER.split('\n');
  const built = withEarlyCompile(withTimeLimit([imports, GENERATED_HELPERS, ...rest].join('\n')));
  const body = built.split('\n').slice(1).join('\n')
    .replaceAll('import.meta.url', '"https://app.test/"')
    .replace(/^export const (\w+)/gm, 'exports.$1');
  const seen = { fetched: [], compiled: [], instantiated: [] };
  const fetch = async url => {
    const file = String(url).replace('https://app.test/', '');
    seen.fetched.push(file);
    return answer(file);
  };
  const WebAssembly = {
    compileStreaming: async response => {
      const { file } = await response;
      seen.compiled.push(file);
      return { module: file };
    },
    instantiate: async ({ module }) => { seen.instantiated.push(module); return {}; },
  };
  const exports = {};
  new Function('fetch', 'WebAssembly', 'exports', body)(fetch, WebAssembly, exports);
  return { exports, seen };
}

test('a group prepared ahead of its load is fetched and compiled once, and instantiated only by the load', async () => {
  const { exports, seen } = runLoader(file => ({ ok: true, file }));
  exports.__wasm_split_load_more.prepare();
  exports.__wasm_split_load_more.prepare();
  await new Promise(done => setTimeout(done, 0));
  const modules = ['chunk_1.wasm', 'chunk_2.wasm', 'chunk_3.wasm', 'split_more.wasm'];
  assert.deepEqual([...seen.fetched].sort(), modules, 'each fetched once');
  assert.deepEqual([...seen.compiled].sort(), modules, 'and compiled once');
  assert.deepEqual(seen.instantiated, [], 'nothing instantiated before the load');
  await exports.__wasm_split_load_more();
  assert.deepEqual([...seen.fetched].sort(), modules, 'the load fetches nothing again');
  assert.deepEqual([...seen.instantiated].sort(), modules);
  // A group prepared after its chunks have loaded fetches only its own module.
  exports.__wasm_split_load_history.prepare();
  await exports.__wasm_split_load_history();
  assert.deepEqual(seen.fetched.slice(4), ['split_history.wasm']);
  assert.deepEqual(seen.instantiated.slice(4), ['split_history.wasm']);
});

test('a prepared module that failed to download is fetched afresh by its load, and a failed load by the next', async () => {
  let failures = 2;
  const { exports, seen } = runLoader(file => (file === 'chunk_2.wasm' && failures-- > 0 ? Promise.reject(new Error('offline')) : { ok: true, file }));
  exports.__wasm_split_load_more.prepare();
  await new Promise(done => setTimeout(done, 0));
  // The download prepared ahead failed: the load does not fail for it, it fetches afresh
  // (and fails, the network still being down).
  await assert.rejects(exports.__wasm_split_load_more(), /offline/);
  assert.equal(seen.fetched.filter(f => f === 'chunk_2.wasm').length, 2, 'fetched afresh by the load');
  // The next load fetches again, and the network is back.
  await exports.__wasm_split_load_more();
  assert.equal(seen.fetched.filter(f => f === 'chunk_2.wasm').length, 3, 'fetched again after the failed load');
  assert.equal(seen.fetched.filter(f => f === 'chunk_1.wasm').length, 1, 'what loaded is kept');
  assert.ok(seen.instantiated.includes('split_more.wasm'));
});

test('a prepared module that ran out of time fails its load, which does not wait a second time limit', async () => {
  let failures = 1;
  const timedOut = () => Promise.reject(new DOMException('signal timed out', 'TimeoutError'));
  const { exports, seen } = runLoader(file => (file === 'split_more.wasm' && failures-- > 0 ? timedOut() : { ok: true, file }));
  exports.__wasm_split_load_more.prepare();
  await new Promise(done => setTimeout(done, 0));
  await assert.rejects(exports.__wasm_split_load_more(), /timed out/);
  assert.equal(seen.fetched.filter(f => f === 'split_more.wasm').length, 1, 'not fetched again by that load');
  // The next load, asked for later (Try again, or the next visit to a screen), fetches again.
  await exports.__wasm_split_load_more();
  assert.equal(seen.fetched.filter(f => f === 'split_more.wasm').length, 2);
});

test('a load after a prepared download that failed once succeeds', async () => {
  let failures = 1;
  const { exports, seen } = runLoader(file => (file === 'split_more.wasm' && failures-- > 0 ? Promise.reject(new Error('blip')) : { ok: true, file }));
  exports.__wasm_split_load_more.prepare();
  await new Promise(done => setTimeout(done, 0));
  await exports.__wasm_split_load_more();
  assert.equal(seen.fetched.filter(f => f === 'split_more.wasm').length, 2);
  assert.ok(seen.instantiated.includes('split_more.wasm'));
});

test('a loader without the helpers or instantiations as expected fails the build', () => {
  assert.throws(() => withEarlyCompile(LOADER), /has no function makeLoad/);
  const [imports, ...rest] = LOADER.split('\n');
  const odd = [imports, GENERATED_HELPERS, ...rest].join('\n').replace('WebAssembly.instantiateStreaming(src, imports)', 'WebAssembly.instantiate(src, imports)');
  assert.throws(() => withEarlyCompile(odd), /instantiates 4 of its 5 modules/);
});

test("a download that failed is logged as a warning (the screen that needed it reports it), any other failure as an error", async () => {
  // The splitter's wrapper of a group's load, as it writes it.
  const wrapper = `function wrapAsyncCb(callee) {
    return async (callbackIndex, callbackData) => {
        let success;
        try {
            await callee();
            success = true;
        } catch (e) {
            console.error(e);
            success = false;
        } finally {
            report(success);
        }
    }
}`;
  const logged = { error: [], warn: [] };
  const console = { error: (...a) => logged.error.push(a), warn: (...a) => logged.warn.push(a) };
  const reported = [];
  const wrap = new Function('console', 'report', `${withQuietFailures(wrapper)}\nreturn wrapAsyncCb;`)(console, s => reported.push(s));
  // What fetch throws when the network fails, and the time limit's abort.
  await wrap(async () => { throw new TypeError('Failed to fetch'); })();
  await wrap(async () => { throw new DOMException('signal timed out', 'TimeoutError'); })();
  assert.deepEqual(reported, [false, false], 'the app is told each load failed');
  assert.deepEqual(logged.error, []);
  assert.match(String(logged.warn[0]), /not loaded.*Failed to fetch/);
  assert.match(String(logged.warn[1]), /not loaded.*timed out/);
  // A module that does not link (one from another build) is a fault, not the network's.
  await wrap(async () => { throw new WebAssembly.LinkError('import function requires a callable'); })();
  assert.equal(logged.warn.length, 2);
  assert.match(String(logged.error[0]), /not loaded.*LinkError|not loaded.*callable/);
  assert.throws(() => withQuietFailures('function wrapAsyncCb(callee) { return callee; }'), /does not log a failed load/);
});
