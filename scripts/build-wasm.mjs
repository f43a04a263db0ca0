// Trunk build hook: builds the app's WebAssembly split into the first download and the files
// of the screens loaded later (src/lazy_screens.rs). Trunk cannot split (trunk-rs/trunk#1022)
// and has no step between cargo and wasm-bindgen, so index.html tells it to skip the crate
// (data-trunk-skip) and this script does the whole pipeline, into Trunk's staging folder:
// 1. cargo builds the wasm, with the linker's relocations (.cargo/config.toml);
// 2. wasm-split-cli cuts it into the main module, one module per group and shared chunks;
// 3. wasm-bindgen writes the JavaScript bindings for the main module;
// 4. in a release build, wasm-opt shrinks each module;
// 5. every file gets the build's hash in its name, so a browser never mixes two builds.
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
    const splitJs = await readFile(join(staging, names.get('__wasm_split.js')), 'utf8');
    for (const [file, name] of names) {
      if (file.endsWith('.wasm') && file !== 'app_bg.wasm' && !splitJs.includes(`"./${name}"`)) {
        throw new Error(`build-wasm.mjs: the loader of the split modules does not name ${file}`);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const staging = process.env.TRUNK_STAGING_DIR;
if (staging) await build(staging, process.env.TRUNK_PROFILE === 'release');
