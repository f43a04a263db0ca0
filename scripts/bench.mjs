// Performance and footprint benchmark: builds nothing itself (run `trunk build --release`, or
// scripts/run.sh, first), then prints figures and writes them to bench-results/<time>.json.
//   node scripts/bench.mjs [RUNS]        (default 5 runs per timing; median, min and max)
//   --phone-runs=N   loads of each kind on the phone profile (default: RUNS, at least 9)
//   --only-phone     the byte counts and the phone profile alone
//   --long-tasks     section 9 alone: the longest tasks of large imports
//   --storage        section 4 alone: loading and saving 1000 accounts with full plans
//   --first-render   section 2 alone: the desktop first render and interactivity of the Grader
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { startServer } from './serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const args = process.argv.slice(2);
const option = name => args.find(a => a.startsWith(`--${name}=`))?.split('=')[1];
const RUNS = Number(args.find(a => /^\d+$/.test(a)) ?? 5);
const PHONE_RUNS = Number(option('phone-runs') ?? Math.max(RUNS, 9));
const ONLY_PHONE = args.includes('--only-phone');
const results = { date: new Date().toISOString(), runs: RUNS, phone_runs: PHONE_RUNS };
const LONG_TASKS_ONLY = args.includes('--long-tasks');
const STORAGE_ONLY = args.includes('--storage');
const FIRST_RENDER_ONLY = args.includes('--first-render');
// Sections that neither the phone profile nor the long tasks need.
const SKIP = ONLY_PHONE || LONG_TASKS_ONLY || STORAGE_ONLY;
// Sections after the first render that --first-render leaves out as well.
const SKIP_REST = SKIP || FIRST_RENDER_ONLY;

const stats = xs => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s.at(-1) };
};
const fmt = ({ median, min, max }, unit = 'ms') => `${median.toFixed(1)} ${unit} (min ${min.toFixed(1)}, max ${max.toFixed(1)})`;

{
// 1. Bytes of what a visitor downloads. The stylesheets are inside index.html (with the
// prerendered first screen), so the page itself counts too. sw.js is fetched by the browser
// in the background after the page has loaded, and is left out.
const files = (await readdir('dist')).filter(f => /\.(wasm|js|css|html)$/.test(f) && f !== 'sw.js');
const sizes = { wasm: [0, 0, 0], js: [0, 0, 0], css: [0, 0, 0], html: [0, 0, 0] };
for (const f of files) {
  const body = await readFile(`dist/${f}`);
  const kind = f.split('.').pop();
  sizes[kind][0] += body.length;
  sizes[kind][1] += gzipSync(body, { level: 9 }).length;
  sizes[kind][2] += brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
}
results.bytes = Object.fromEntries(Object.entries(sizes).map(([k, [raw, gzip, brotli]]) => [k, { raw, gzip, brotli }]));
results.bytes.total = ['raw', 'gzip', 'brotli'].reduce((o, m) => ({ ...o, [m]: Object.values(sizes).reduce((s, v) => s + v[['raw', 'gzip', 'brotli'].indexOf(m)], 0) }), {});
console.log('Bytes (raw / gzip / brotli):');
for (const [k, v] of Object.entries(results.bytes)) console.log(`  ${k.padEnd(5)} ${v.raw} / ${v.gzip} / ${v.brotli}`);

}

// Generated data: accounts with ratings and, optionally, full plans.
const SECTIONS = {
  vision: { type: 'text', value: 'Double revenue in three years by expanding into two new regions and launching a subscription service.' },
  'top-issues': { type: 'list', value: ['Late deliveries in the north', 'New CFO wants lower costs', 'Churn among small customers', 'ERP migration next year', 'Hiring freeze'] },
  'how-we-help': { type: 'list', value: ['Route planning workshop', 'Cost review with finance', 'Retention programme'] },
  differentiation: { type: 'text', value: 'Ten years in their industry, a named team, and results we measure with them every quarter.' },
  relationships: { type: 'stakeholders', value: [1, 2, 3, 4].map(i => ({ name: `Person ${i}`, title: 'Director', level: 'Executive', role: 'influencer', strength: 3, owner: 'Priya', next_step: 'Lunch in March' })) },
  'relationships-to-build': { type: 'list', value: ['Head of procurement', 'Regional managers'] },
  tactics: { type: 'list', value: ['Invite to our client day', 'Share the benchmark report'] },
  'technology-roadmap': { type: 'checklist', value: [{ text: 'Reporting suite in place', done: true }, { text: 'Offer analytics add-on', done: false }] },
  budget: { type: 'budget', value: { hours: 120, money: 15000, share_pct: 8 } },
  'success-measures': { type: 'kpis', value: [{ metric: 'NPS', baseline: '32', target: '45', actual: '38', due: '2027-06-30' }, { metric: 'Revenue', baseline: '480k', target: '550k', actual: '', due: '2027-12-31' }] },
  'review-plan': { type: 'schedule', value: { cadence: 'Monthly', meetings: [{ uid: 'a', date: '2027-03-15', kind: 'business-review', note: 'Q1' }, { uid: 'b', date: '2027-06-15', kind: 'business-review', note: 'Q2' }] } },
  communication: { type: 'text', value: 'Priya meets the COO monthly; our CEO meets theirs twice a year.' },
  consensus: { type: 'text', value: 'Reviewed with the COO on 12 March; she asked for a cost section.' },
};
const CRITERIA = ['decision-maker-access', 'share-of-organization', 'promises-delivered', 'contact-cadence', 'share-of-thought',
  'long-term-potential', 'needs-fit', 'profitability', 'share-of-portfolio', 'strategic-value'];
function documentWith(n, plans) {
  const at = '2026-11-01T09:00:00Z';
  const accounts = Array.from({ length: n }, (_, i) => ({
    id: i + 1, name: `Account ${String(i + 1).padStart(5, '0')}`, industry: 'Services', manager: `Manager ${i % 40}`,
    revenue: 10000 + (i * 7919) % 900000, tier: 'ABC'[i % 3], notes: '',
    ratings: Object.fromEntries(CRITERIA.map((c, j) => [c, 1 + ((i * 31 + j * 7) % 5)])),
    market: { growth_pct: (i % 30) - 5, relative_share: ((i % 20) + 1) / 10 },
    created_at: at, updated_at: at, reviewed_at: at,
  }));
  const planList = plans ? accounts.map((a, i) => ({
    id: n + i + 1, account: a.id, template: 0, created_at: at, updated_at: at,
    sections: Object.entries(SECTIONS).map(([key, content]) => ({ key, title: key, content })),
  })) : [];
  // The current schema version, so that loading it measures reading, not a migration on every
  // start (a document stays at its old version until the next change saves it).
  return JSON.stringify({ version: 5, next_id: 2 * n + 2, portfolio: { accounts, snapshots: [] }, plans: { templates: [], plans: planList }, prospects: [] });
}

const server = await startServer({ root: 'dist', base: '/app/' });
const baseline = await startServer({ root: 'benches/baseline' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

/** A fresh context (cold cache, empty storage), optionally with stored data. Its pages have
 *  `frameWhen(test)`: it resolves to the time at the end of the first frame painted once
 *  `test()` holds. A mutation observer notices the change as soon as it is in the document;
 *  the animation frame callback it asks for runs just before that frame's style, layout and
 *  paint, and a task posted from that callback runs once they are done. */
async function freshPage(data) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.frameWhen = test => new Promise(done => {
      const observer = new MutationObserver(() => {
        if (test()) {
          observer.disconnect();
          requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0));
        }
      });
      observer.observe(document, { childList: true, subtree: true });
    });
  });
  if (data) await context.addInitScript(d => { if (!sessionStorage.getItem('seeded')) { localStorage.setItem('account-grader', d); sessionStorage.setItem('seeded', '1'); } }, data);
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

// 2. First render and interactivity of the grader, against the vanilla baseline, both timed
// inside the page from navigation. First render: the end of the first frame painted with a
// visible answer button in it (see freshPage). Interactive: the first
// time a click on an answer shows in the score; the page is tried once a frame until then.
// For a first-time visitor the app's first frame shows the copy of the grader that the build
// put into the page (scripts/post-build.mjs); the app's own render, which replaces it, is
// timed as well ("own render"; for the baseline it is the same frame).
async function firstRender(url) {
  const { page, close } = await freshPage();
  await page.addInitScript(() => {
    const answer = () => document.querySelector('input[type=radio]')?.checkVisibility();
    window.firstRender = window.frameWhen(answer);
    window.ownRender = window.frameWhen(() => answer() && !document.getElementById('prerendered'));
  });
  await page.goto(url, { waitUntil: 'commit' });
  const rendered = await page.evaluate(() => window.firstRender);
  const own = await page.evaluate(() => window.ownRender);
  const interactive = await page.evaluate(() => new Promise(done => {
    const tryOnce = () => {
      if (document.querySelector('.score__value')?.textContent === '1') return done(performance.now());
      const answer = document.querySelector('input[type=radio]');
      if (answer && !answer.checked) answer.click();
      requestAnimationFrame(tryOnce);
    };
    tryOnce();
  }));
  await close();
  return { rendered, own, interactive };
}
const app = [], base = [];
for (let i = 0; i < (SKIP ? 0 : RUNS); i++) {
  app.push(await firstRender(server.url + '#/grader'));
  base.push(await firstRender(baseline.url));
}
if (!SKIP) {
results.first_render = {
  app: stats(app.map(r => r.rendered)), baseline: stats(base.map(r => r.rendered)),
  app_own_render: stats(app.map(r => r.own)),
  app_interactive: stats(app.map(r => r.interactive)), baseline_interactive: stats(base.map(r => r.interactive)),
};
results.first_render.ratio = results.first_render.app.median / results.first_render.baseline.median;
console.log(`First render: app ${fmt(results.first_render.app)}, baseline ${fmt(results.first_render.baseline)}, ratio ${results.first_render.ratio.toFixed(2)}`);
console.log(`The app's own render (replacing the copy): ${fmt(results.first_render.app_own_render)}, ratio ${(results.first_render.app_own_render.median / results.first_render.baseline.median).toFixed(2)}`);
console.log(`Interactive: app ${fmt(results.first_render.app_interactive)}, baseline ${fmt(results.first_render.baseline_interactive)}, ratio ${(results.first_render.app_interactive.median / results.first_render.baseline_interactive.median).toFixed(2)}`);
}

// 3. Rendering the accounts list, the matrix and the rating grid with many accounts: time from the route
// change to the rows or points being in the page. The list shows one page of PAGE_SIZE rows
// (src/domain/portfolio.rs), so it is done when that page is; the matrix draws every point.
const PAGE_SIZE = 100;
const GRID_PAGE = 50;
async function routeRender(page, hash, selector, count) {
  await page.evaluate(() => { location.hash = '#/grader'; });
  await page.locator('main h1', { hasText: 'Grade' }).waitFor();
  await page.waitForTimeout(50);
  // Timed inside the page, so no round trip to the test driver is counted: from the route
  // change until the frame that shows the new elements has been painted. (Polling with
  // timers instead waited for one more frame.)
  return page.evaluate(([h, s, n]) => {
    const start = performance.now();
    const painted = window.frameWhen(() => document.querySelectorAll(s).length >= n);
    location.hash = h;
    return painted.then(end => end - start);
  }, [hash, selector, count]);
}
results.render = {};
for (const n of SKIP_REST ? [] : [100, 1000, 10000]) {
  const { page, close } = await freshPage(documentWith(n, false));
  await page.goto(server.url + '#/grader');
  await page.locator('main h1').waitFor();
  const list = [], matrix = [], grid = [];
  for (let i = 0; i < Math.min(RUNS, n >= 10000 ? 3 : RUNS); i++) {
    list.push(await routeRender(page, '#/accounts', '.accounts-table tbody tr', Math.min(n, PAGE_SIZE)));
    matrix.push(await routeRender(page, '#/matrix', 'a.matrix__point', n));
    // The rating grid pages too, GRID_PAGE rows (src/domain/rating_grid.rs): done when its
    // first page's rating cells are in.
    grid.push(await routeRender(page, '#/accounts/rate', '.rating-grid td[tabindex]', Math.min(n, GRID_PAGE) * 10));
  }
  results.render[n] = { list: stats(list), matrix: stats(matrix), grid: stats(grid) };
  console.log(`${String(n).padStart(5)} accounts: list ${fmt(results.render[n].list)}, matrix ${fmt(results.render[n].matrix)}, rating grid ${fmt(results.render[n].grid)}`);
  await close();
}

// 4. Storage with 1000 accounts and full plans. Load: a reload to the first render with the
// data stored, less the same reload with nothing stored (the data is stored from the page
// beforehand, so no test script carrying 3 MB runs during the measured load). Save: a change
// until localStorage has been written, for the first change after start-up and the next one.
if (!SKIP_REST || STORAGE_ONLY) {
  const data = documentWith(1000, true);
  results.storage = { document_bytes: data.length };
  const empty = [], full = [], firstSaves = [], nextSaves = [];
  // The end of the first frame painted with the app's own grader in it (the build's
  // prerendered copy, which a first-time visitor sees earlier, has been removed by then).
  const timedReload = async page => {
    await page.reload({ waitUntil: 'commit' });
    return page.evaluate(() => window.appRendered);
  };
  for (let i = 0; i < RUNS; i++) {
    for (const stored of [null, data]) {
      const { page, close } = await freshPage();
      await page.addInitScript(() => {
        window.appRendered = window.frameWhen(() => !document.getElementById('prerendered') && document.querySelector('input[type=radio]'));
        const setItem = Storage.prototype.setItem;
        Storage.prototype.setItem = function (k, v) { const r = setItem.call(this, k, v); if (k === 'account-grader') window.lastSave = performance.now(); return r; };
      });
      await page.goto(server.url + '#/grader', { waitUntil: 'commit' });
      await page.evaluate(() => window.appRendered);
      if (stored) await page.evaluate(d => localStorage.setItem('account-grader', d), stored);
      await page.evaluate(() => navigator.serviceWorker.ready);
      await timedReload(page); // warms the caches as the empty run's did
      // Under the service worker, as for any returning visitor, the page shows no copy of the
      // grader in either start, so the difference between them is the loading of the data.
      if (!await page.evaluate(() => navigator.serviceWorker.controller)) throw new Error('bench: the service worker does not control the page');
      (stored ? full : empty).push(await timedReload(page));
      if (stored) {
        await page.waitForTimeout(200); // the app's start-up work after the first render
        for (const [n, saves] of [[0, firstSaves], [1, nextSaves]]) {
          await page.evaluate(() => { window.lastSave = 0; });
          const clicked = await page.evaluate(n => { const t = performance.now(); document.querySelectorAll('input[type=radio]')[n * 2].click(); return t; }, n);
          await page.waitForFunction(() => window.lastSave);
          saves.push((await page.evaluate(() => window.lastSave)) - clicked);
        }
      }
      await close();
    }
  }
  results.storage.start_empty = stats(empty);
  results.storage.start_with_data = stats(full);
  results.storage.load = stats(full.map(f => f - results.storage.start_empty.median));
  results.storage.save = stats(firstSaves);
  results.storage.next_save = stats(nextSaves);
  console.log(`Storage, 1000 accounts with full plans (${data.length} bytes): load ≈ ${fmt(results.storage.load)} over an empty start, save ${fmt(results.storage.save)}, next save ${fmt(results.storage.next_save)}`);
}

// 5. Share link lengths, of the links made here for the phone profile too.
/** A shared result link's and a shared account link's fragments, as the app makes them. */
async function shareLinks() {
  const { page, close } = await freshPage(documentWith(1, true));
  await page.goto(server.url + '#/grader');
  const yes = page.getByRole('radio', { name: 'We do this consistently' });
  for (let i = 0; i < 7; i++) await yes.nth(i).check();
  await page.getByLabel('Label (optional)').fill('Sales team, Q4');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('link', { name: 'View it in your history' }).click();
  await page.getByText('Share this result').click();
  const result = (await page.getByLabel('Link to this result').inputValue()).split('#')[1];
  await page.goto(server.url + '#/accounts/1');
  await page.getByText('Share this account').click();
  // The client is the default audience: the plan alone, names left out (and reviewed).
  const client = (await page.getByLabel('Link to the plan for the client').inputValue()).split('#')[1];
  await page.getByRole('radio', { name: /A colleague/ }).check();
  const account = (await page.getByLabel('Link to this account').inputValue()).split('#')[1];
  // An invitation with every field full, and the prospect's reply with the longest name and
  // company the fields take.
  await page.goto(server.url + '#/grader');
  await page.getByText('Invite someone to grade their team').click();
  await page.getByLabel('Your name (optional)').fill('S'.repeat(60));
  await page.getByLabel('Your firm (optional)').fill('F'.repeat(60));
  await page.getByLabel('E-mail for their reply (optional)').fill(`${'a'.repeat(60)}@example.com`);
  await page.getByLabel('A short message (optional)').fill('M'.repeat(280));
  const fullInvitation = (await page.getByLabel('Invitation link').inputValue()).split('#')[1];
  await page.goto(server.url + '#' + fullInvitation);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.getByLabel('Your name (optional)').fill('N'.repeat(50));
  await page.getByLabel('Your company (optional)').fill('C'.repeat(60));
  const reply = (await page.getByLabel('Your result link').inputValue()).split('#')[1];
  // A typical invitation, for the phone profile's loads.
  await page.goto(server.url + '#/grader');
  await page.getByText('Invite someone to grade their team').click();
  await page.getByLabel('Your name (optional)').fill('Dana from Acme');
  const invitation = (await page.getByLabel('Invitation link').inputValue()).split('#')[1];
  await close();
  return { result, account, client, fullInvitation, reply, invitation };
}
const links = await shareLinks();
results.links = { graded_assessment: links.result.length, account_with_full_plan: links.account.length,
  client_plan_full: links.client.length, full_invitation: links.fullInvitation.length,
  prospect_reply_with_name: links.reply.length };
console.log(`Link lengths after the #: graded assessment ${links.result.length}, account with full plan ${links.account.length}, `
  + `the same plan for the client ${links.client.length}, full invitation ${links.fullInvitation.length}, `
  + `prospect's reply with name and company ${links.reply.length}`);

// 6. Importing a backup of 10 000 accounts into 10 000, half of the names in both: from the
// file chosen to the frame that shows the preview, and from Import to the frame that says it
// is done. Each preview is cancelled, so every run starts from the same data.
if (!SKIP_REST) {
  const n = 10000;
  const { page, close } = await freshPage(documentWith(n, false));
  await page.goto(server.url + '#/settings');
  await page.locator('main h1').waitFor();
  const data = JSON.parse(documentWith(n, false));
  data.portfolio.accounts.forEach((a, i) => { if (i % 2) a.name = `Imported ${i}`; });
  const backup = JSON.stringify({ app: 'account-grader', kind: 'backup', version: 5, exported_at: '2026-11-02T09:00:00Z', data });
  const timed = (selector, text) => page.evaluate(([s, t]) => {
    window.started = new Promise(done => document.addEventListener(s ? 'change' : 'click', () => done(performance.now()), { capture: true, once: true }));
    window.shown = window.frameWhen(() => t ? document.body.textContent.includes(t) : document.querySelector('.import-preview'));
  }, [selector, text]);
  const previews = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    await timed(true);
    await page.locator('#import-file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
    previews.push(await page.evaluate(async () => (await window.shown) - (await window.started)));
    await page.getByRole('button', { name: 'Cancel' }).click();
  }
  await page.locator('#import-file').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) });
  await timed(false, 'Imported: ');
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  const imported = await page.evaluate(async () => (await window.shown) - (await window.started));
  results.import = { file_bytes: backup.length, preview: stats(previews), import: imported };
  console.log(`Import of ${n} accounts into ${n} (${backup.length} bytes): preview ${fmt(results.import.preview)}, import ${imported.toFixed(1)} ms`);
  await close();
}

// 7. A spreadsheet of 10 000 rows against 10 000 accounts, half of the names in both: from
// the file chosen to the frame that shows the mapping and preview of every row.
if (!SKIP_REST) {
  const n = 10000;
  const { page, close } = await freshPage(documentWith(n, false));
  await page.goto(server.url + '#/accounts');
  await page.locator('main h1').waitFor();
  const lines = ['Company name,Company owner,Industry,Annual Revenue,Tier,Notes'];
  for (let i = 0; i < n; i++) {
    const name = i % 2 ? `"Imported ${i}, Inc."` : `Account ${String(i + 1).padStart(5, '0')}`;
    lines.push(`${name},Owner ${i % 40},Retail,"$${(1000 + i).toLocaleString('en-US')}",${'ABC'[i % 3]},"Met in ""Q${1 + i % 4}"""`);
  }
  const csv = Buffer.from(lines.join('\r\n'));
  const previews = [];
  for (let i = 0; i < Math.min(RUNS, 3); i++) {
    await page.evaluate(() => {
      window.started = new Promise(done => document.addEventListener('change', () => done(performance.now()), { capture: true, once: true }));
      window.shown = window.frameWhen(() => document.getElementById('csv-preview-title'));
    });
    await page.locator('#csv-file').setInputFiles({ name: 'accounts.csv', mimeType: 'text/csv', buffer: csv });
    previews.push(await page.evaluate(async () => (await window.shown) - (await window.started)));
    await page.getByRole('region', { name: 'Import these accounts?' }).getByRole('button', { name: 'Cancel' }).click();
  }
  results.csv_import = { file_bytes: csv.length, preview: stats(previews) };
  console.log(`CSV preview of ${n} rows against ${n} accounts (${csv.length} bytes): ${fmt(results.csv_import.preview)}`);
  await close();
}

// 8. The phone profile of issue 20: Lighthouse's "Slow 4G" network (150 ms round trip,
// 1.6 Mbit/s down, 750 kbit/s up) and a 4x slower CPU, through the Chrome DevTools Protocol,
// a cold cache and empty storage for every load, 390 px wide. Each round loads the baseline
// page, then the Grader, an invitation link, a shared result link and a shared account link.
// Timed inside the page from navigation start:
// - first working click: an answer is clicked as soon as one is there to click (not inert,
//   visible), once a frame, until the score shows it;
// - fully working: once the app has started (its first screen replaced), its link to the
//   History screen is followed until that screen's heading is painted;
// - first content of a shared link: the frame that shows what the link carries;
// - bytes before each: the encoded sizes of the responses finished by then (CDP
//   Network.loadingFinished), the page's own included.
const PHONE = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
// A returning visitor's data (every field the schema has), for the loads with data stored.
const STORED = await readFile(new URL('../tests/fixtures/every-field.json', import.meta.url), 'utf8');
async function phoneLoad(url, goal, stored = null) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  if (stored !== null) {
    await page.addInitScript(([key, value]) => {
      if (localStorage.getItem(key) === null) localStorage.setItem(key, value);
    }, ['account-grader', stored]);
  }
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', PHONE);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const finished = [];
  let started = null;
  cdp.on('Network.requestWillBeSent', e => { if (started === null && e.type === 'Document') started = e.timestamp; });
  cdp.on('Network.loadingFinished', e => finished.push(e));
  // Only the measures asked for run: following the History link would leave a shared link's
  // screen before its content is timed.
  await page.addInitScript(wanted => {
    const frameWhen = test => new Promise(done => {
      const check = () => test() ? requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0)) : requestAnimationFrame(check);
      check();
    });
    const measures = {};
    measures.firstRender = () => frameWhen(() => [...document.querySelectorAll('input[type=radio]')].some(a => a.checkVisibility()));
    measures.firstClick = () => new Promise(done => {
      const tryOnce = () => {
        if (document.querySelector('.score__value')?.textContent === '1') return done(performance.now());
        const answer = [...document.querySelectorAll('input[type=radio]')].find(a => !a.closest('[inert]') && a.checkVisibility());
        if (answer && !answer.checked) answer.click();
        requestAnimationFrame(tryOnce);
      };
      tryOnce();
    });
    measures.working = () => new Promise(done => {
      const tryOnce = () => {
        const link = document.getElementById('prerendered') ? null : document.querySelector('.site-header a[href="#/history"]');
        if (!link) return requestAnimationFrame(tryOnce);
        link.click();
        frameWhen(() => document.querySelector('main h1')?.textContent === 'Assessment history').then(done);
      };
      tryOnce();
    });
    // Once the app works: each other screen's first visit, followed from the header as a
    // visitor would, one after another, from the click to the frame with its heading.
    measures.otherScreens = async () => {
      await (window.working ?? measures.working());
      const durations = {};
      for (const [hash, heading] of [['#/accounts', 'Accounts'], ['#/matrix', 'Portfolio matrix'], ['#/plans', 'Account plans'], ['#/settings', 'Settings']]) {
        const start = performance.now();
        document.querySelector(`.site-header a[href="${hash}"]`).click();
        durations[hash] = await frameWhen(() => document.querySelector('main h1')?.textContent === heading) - start;
      }
      return { at: performance.now(), durations };
    };
    measures.sharedResult = () => frameWhen(() => document.querySelector('main h1')?.textContent.startsWith('Shared assessment'));
    // Before the app starts, the page shows a plain account link's heading (its name and the
    // line under it), not yet its classification, which needs the app's rules: first content
    // is the name in its heading, and when the classification shows is reported beside it.
    measures.sharedAccount = () => frameWhen(() => {
      const heading = document.querySelector('main .account > .page-header h1');
      return heading?.checkVisibility() && heading.textContent !== '' && heading.textContent !== 'Opening the link…';
    });
    measures.sharedAccountClassified = () => frameWhen(() => document.querySelector('main .classification'));
    // When the service worker is registered: its own requests are neither throttled nor
    // counted here (the profile applies to the page), so it must come after what is timed.
    let workerRegistered;
    const registering = new Promise(done => { workerRegistered = done; });
    if (navigator.serviceWorker) {
      const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
      navigator.serviceWorker.register = (...args) => { workerRegistered(performance.now()); return register(...args); };
    }
    measures.worker = () => registering;
    for (const name of wanted) window[name] = measures[name]();
  }, Object.values(goal));
  await page.goto(url, { waitUntil: 'commit' });
  const figures = {};
  for (const [name, promise] of Object.entries(goal)) {
    const value = await page.evaluate(p => window[p], promise);
    const at = typeof value === 'number' ? value : value.at;
    // Responses finished by then: CDP's clock is in seconds from an origin of its own, the
    // page's from navigation start, which is when the page's request was sent.
    const bytes = finished.filter(e => (e.timestamp - started) * 1000 <= at).reduce((sum, e) => sum + e.encodedDataLength, 0);
    figures[name] = { at, bytes, ...(typeof value === 'number' ? {} : { durations: value.durations }) };
  }
  await context.close();
  return figures;
}
if (!LONG_TASKS_ONLY && !STORAGE_ONLY && !FIRST_RENDER_ONLY) {
  const runs = { baseline: [], grader: [], invitation: [], result: [], account: [], returning: [] };
  for (let i = 0; i < PHONE_RUNS; i++) {
    runs.baseline.push(await phoneLoad(baseline.url, { render: 'firstRender', click: 'firstClick' }));
    runs.grader.push(await phoneLoad(server.url + '#/grader', { render: 'firstRender', click: 'firstClick', working: 'working', screens: 'otherScreens', worker: 'worker' }));
    runs.invitation.push(await phoneLoad(server.url + '#' + links.invitation, { render: 'firstRender', click: 'firstClick', working: 'working' }));
    runs.result.push(await phoneLoad(server.url + '#' + links.result, { content: 'sharedResult' }));
    runs.account.push(await phoneLoad(server.url + '#' + links.account, { content: 'sharedAccount', classified: 'sharedAccountClassified' }));
    // Data stored but no service worker (it was never registered, or was cleared): the start
    // waits for the reader of stored data too (src/storage/reading.rs).
    runs.returning.push(await phoneLoad(server.url + '#/grader', { working: 'working' }, STORED));
  }
  const of = (kind, name, field = 'at') => stats(runs[kind].map(r => r[name][field]));
  const base = of('baseline', 'render'), baseClick = of('baseline', 'click');
  const phone = results.phone = {
    loads_each: PHONE_RUNS,
    baseline: { first_render: base, first_click: baseClick, bytes_before_click: of('baseline', 'click', 'bytes') },
  };
  for (const kind of ['grader', 'invitation']) {
    phone[kind] = {
      first_render: of(kind, 'render'), first_click: of(kind, 'click'), working: of(kind, 'working'),
      bytes_before_click: of(kind, 'click', 'bytes'), bytes_before_working: of(kind, 'working', 'bytes'),
    };
    phone[kind].click_ratio = phone[kind].first_click.median / baseClick.median;
  }
  phone.grader.other_screens = Object.fromEntries(Object.keys(runs.grader[0].screens.durations)
    .map(hash => [hash, stats(runs.grader.map(r => r.screens.durations[hash]))]));
  for (const kind of ['result', 'account']) {
    phone[kind] = { first_content: of(kind, 'content'), bytes_before_content: of(kind, 'content', 'bytes') };
    phone[kind].content_ratio = phone[kind].first_content.median / base.median;
  }
  phone.returning = { working: of('returning', 'working'), bytes_before_working: of('returning', 'working', 'bytes') };
  phone.account.classified = of('account', 'classified');
  phone.account.classified_ratio = phone.account.classified.median / base.median;
  const kb = ({ median, min, max }) => `${(median / 1024).toFixed(1)} KB (min ${(min / 1024).toFixed(1)}, max ${(max / 1024).toFixed(1)})`;
  console.log(`Phone profile (${PHONE_RUNS} loads each, medians):`);
  console.log(`  baseline: first render ${fmt(base)}, first working click ${fmt(baseClick)}, ${kb(phone.baseline.bytes_before_click)} before it`);
  for (const kind of ['grader', 'invitation']) {
    const k = phone[kind];
    console.log(`  ${kind}: first working click ${fmt(k.first_click)}, ratio ${k.click_ratio.toFixed(2)}, ${kb(k.bytes_before_click)} before it`);
    console.log(`  ${kind}: fully working ${fmt(k.working)}, ${kb(k.bytes_before_working)} before it`);
  }
  phone.grader.worker_registered = of('grader', 'worker');
  console.log(`  grader: service worker registered at ${fmt(phone.grader.worker_registered)}; the last screen timed was drawn at ${fmt(of('grader', 'screens'))}`);
  for (const [hash, figure] of Object.entries(phone.grader.other_screens)) {
    console.log(`  once working, first visit to ${hash}: ${fmt(figure)}`);
  }
  for (const kind of ['result', 'account']) {
    const k = phone[kind];
    console.log(`  shared ${kind} link: first content ${fmt(k.first_content)}, ratio to the baseline's first render ${k.content_ratio.toFixed(2)}, ${kb(k.bytes_before_content)} before it`);
  }
  console.log(`  shared account link: classification shown ${fmt(phone.account.classified)}, ratio ${phone.account.classified_ratio.toFixed(2)}`);
  console.log(`  data stored, no service worker: fully working ${fmt(phone.returning.working)}, ${kb(phone.returning.bytes_before_working)} before it`);

}

// 9. The longest task on the page's main thread, from the file chosen until the preview is
// shown and from Import until the import is done: a 10 000-account backup into 10 000, and a
// 50 000-row spreadsheet against 10 000 accounts. Long tasks are Chromium's own measure
// (PerformanceObserver 'longtask': any task over 50 ms). The file is made in the page first,
// in a task of its own, so that the driver's handing over of its bytes is not counted.
if (!ONLY_PHONE && !STORAGE_ONLY && !FIRST_RENDER_ONLY) {
  // The one write to localStorage at the end of a save cannot be split: it is timed on its
  // own, to tell how much of the longest task it is.
  const timeWrites = page => page.addInitScript(() => {
    const set = Storage.prototype.setItem;
    window.writes = [];
    Storage.prototype.setItem = function (key, value) {
      const at = performance.now();
      try { return set.call(this, key, value); } finally { window.writes.push({ at, ms: performance.now() - at }); }
    };
  });
  const give = (page, text, type) => page.evaluate(([text, type]) => { window.file = new File([text], 'import', { type }); }, [text, type]);
  // Acts and waits through selectors and text, not code: the page's CSP allows no code made
  // from text.
  const longest = (page, act, done) => page.evaluate(async ([act, done]) => {
    const tasks = [];
    const observer = new PerformanceObserver(list => tasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const from = performance.now();
    if (act.choose) {
      const input = document.getElementById(act.choose);
      const files = new DataTransfer();
      files.items.add(window.file);
      input.files = files.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      [...document.querySelectorAll(`${act.region} button`)].find(b => b.textContent === act.click).click();
    }
    const finished = () => done.text ? document.body.textContent.includes(done.text)
      : document.querySelector(done.present) && !document.querySelector(done.absent);
    await new Promise(ok => { const poll = () => (finished() ? ok() : setTimeout(poll, 20)); poll(); });
    await new Promise(ok => setTimeout(ok, 300));
    observer.disconnect();
    const after = tasks.filter(t => t.startTime + t.duration > from);
    const set_item = Math.max(0, ...window.writes.filter(w => w.at >= from).map(w => w.ms));
    return { longest: Math.max(0, ...after.map(t => t.duration)), count: after.length, set_item };
  }, [act, done]);
  results.long_tasks = {};
  {
    const n = 10000;
    const { page, close } = await freshPage(documentWith(n, false));
    await timeWrites(page);
    await page.goto(server.url + '#/settings');
    await page.locator('main h1').waitFor();
    const data = JSON.parse(documentWith(n, false));
    data.portfolio.accounts.forEach((a, i) => { if (i % 2) a.name = `Imported ${i}`; });
    const backup = JSON.stringify({ app: 'account-grader', kind: 'backup', version: 5, exported_at: '2026-11-02T09:00:00Z', data });
    await give(page, backup, 'application/json');
    const preview = await longest(page, { choose: 'import-file' }, { present: '.import-preview', absent: '#import-progress' });
    const imported = await longest(page, { region: '.import-preview', click: 'Import' }, { text: 'Imported: ' });
    results.long_tasks.backup_10k_into_10k = { preview, import: imported };
    await close();
  }
  {
    // Both imports above make more than the browser's storage takes (10 000 of these
    // accounts nearly fill it), so their write is refused at once: this one fits, and its
    // write is the real thing.
    const { page, close } = await freshPage(documentWith(5000, false));
    await timeWrites(page);
    await page.goto(server.url + '#/settings');
    await page.locator('main h1').waitFor();
    const data = JSON.parse(documentWith(2000, false));
    data.portfolio.accounts.forEach((a, i) => { a.name = `Imported ${i}`; });
    await give(page, JSON.stringify({ app: 'account-grader', kind: 'backup', version: 5, exported_at: '2026-11-02T09:00:00Z', data }), 'application/json');
    await longest(page, { choose: 'import-file' }, { present: '.import-preview', absent: '#import-progress' });
    const imported = await longest(page, { region: '.import-preview', click: 'Import' }, { text: 'Imported: ' });
    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('account-grader')).portfolio.accounts.length);
    results.long_tasks.backup_2k_into_5k = { import: imported, saved };
    await close();
  }
  {
    const n = 50000;
    const { page, close } = await freshPage(documentWith(10000, false));
    await timeWrites(page);
    await page.goto(server.url + '#/accounts');
    await page.locator('main h1').waitFor();
    const lines = ['Company name,Company owner,Industry,Annual Revenue,Tier,Notes'];
    for (let i = 0; i < n; i++) {
      const name = i % 2 ? `"Imported ${i}, Inc."` : `Account ${String(i + 1).padStart(5, '0')}`;
      lines.push(`${name},Owner ${i % 40},Retail,"$${(1000 + i).toLocaleString('en-US')}",${'ABC'[i % 3]},"Met in ""Q${1 + i % 4}"""`);
    }
    await give(page, lines.join('\r\n'), 'text/csv');
    const preview = await longest(page, { choose: 'csv-file' }, { present: '.csv-summary', absent: '#csv-progress' });
    const imported = await longest(page, { region: '.import-preview', click: 'Import' }, { text: 'Imported from the spreadsheet' });
    results.long_tasks.csv_50k_into_10k = { preview, import: imported };
    await close();
  }
  const line = ({ longest, count, set_item }) => `longest ${longest.toFixed(0)} ms (${count} over 50 ms; longest localStorage write ${set_item.toFixed(0)} ms)`;
  console.log(`Longest main-thread task, 10 000-account backup into 10 000: to the preview ${line(results.long_tasks.backup_10k_into_10k.preview)}; Import ${line(results.long_tasks.backup_10k_into_10k.import)}`);
  const fits = results.long_tasks.backup_2k_into_5k;
  console.log(`Longest main-thread task, 2 000-account backup into 5 000 (${fits.saved} accounts stored): Import ${line(fits.import)}`);
  console.log(`Longest main-thread task, 50 000-row CSV against 10 000 accounts: to the preview ${line(results.long_tasks.csv_50k_into_10k.preview)}; Import ${line(results.long_tasks.csv_50k_into_10k.import)}`);
}

await browser.close();
await server.close();
await baseline.close();
if (LONG_TASKS_ONLY || STORAGE_ONLY || FIRST_RENDER_ONLY) process.exit(0);

// Budgets of issues 6 and 20, reported, not enforced here. The whole app's size is reported
// above, not budgeted (issue 20).
const phone = results.phone;
const budgets = [
  ['phone: first working click on the Grader ≤ 1.5 × baseline', phone.grader.click_ratio <= 1.5],
  ['phone: first working click on an invitation link ≤ 1.5 × baseline', phone.invitation.click_ratio <= 1.5],
  ['phone: the app fully working ≤ 1.5 s', phone.grader.working.median <= 1500 && phone.invitation.working.median <= 1500],
  ['phone: shared result link first content ≤ 2 × baseline first render', phone.result.content_ratio <= 2],
  ['phone: shared account link first content ≤ 2 × baseline first render', phone.account.content_ratio <= 2],
  ['phone: every other screen\'s first visit once working < 1 s', Object.values(phone.grader.other_screens).every(f => f.median < 1000)],
  ['phone: bytes before fully working ≤ 200 KB', phone.grader.bytes_before_working.median <= 200 * 1024],
];
if (!ONLY_PHONE) budgets.push(
  ['first render ≤ 1.3 × baseline', results.first_render.ratio <= 1.3],
  ['1000 accounts: list ≤ 100 ms', results.render[1000].list.median <= 100],
  ['1000 accounts: matrix ≤ 100 ms', results.render[1000].matrix.median <= 100],
  ['1000 accounts: rating grid ≤ 100 ms', results.render[1000].grid.median <= 100],
  ['10 000 accounts: list and matrix < 1 s', results.render[10000].list.median < 1000 && results.render[10000].matrix.median < 1000],
  ['1000 accounts with plans: save ≤ 50 ms', results.storage.save.median <= 50],
  ['1000 accounts with plans: load ≤ 50 ms', results.storage.load.median <= 50],
  ['graded assessment link ≤ 120 characters', results.links.graded_assessment <= 120],
  ['prospect\'s reply link with name and company < 200 characters', results.links.prospect_reply_with_name < 200],
  ['10 000 accounts into 10 000: import preview < 1 s', results.import.preview.median < 1000],
  ['10 000 CSV rows against 10 000 accounts: preview < 1 s', results.csv_import.preview.median < 1000],
);
results.budgets = Object.fromEntries(budgets);
console.log('Budgets:');
for (const [name, ok] of budgets) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${name}`);
await mkdir('bench-results', { recursive: true });
const out = `bench-results/${results.date.replace(/[:.]/g, '-')}.json`;
await writeFile(out, JSON.stringify(results, null, 2));
console.log(`Figures written to ${out}`);
