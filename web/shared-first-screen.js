// Shows what a shared result link or a plain shared account link carries before the app has
// started, so that a visitor on a slow phone reads it at once. What is shown is the app's own
// markup, which the build wrote beside the first screen (src/bin/prerender.rs), with the
// link's texts put in as text only. Reading the link here repeats its format
// (src/domain/share.rs), nothing more: scores, bands, headings and lines are looked up in
// what the build wrote, and tests/e2e/shared-first-screen.test.mjs holds this copy to the
// app's screen for links the app made. A link it cannot read exactly as the app does (a
// protected or damaged one, another kind) shows nothing here: the app handles it when it
// starts. Put into the page by scripts/post-build.mjs after web/first-screen.js.
(async () => {
  const root = document.documentElement;
  const copy = document.getElementById('prerendered');
  const table = document.getElementById('first-screen-data');
  const link = /^#\/?([ra])\/([A-Za-z0-9_-]+)$/.exec(location.hash);
  if (!copy || !table || !link || root.classList.contains('show-prerendered')) return;
  // As for the first screen (showPrerendered in scripts/post-build.mjs): a returning
  // visitor's screen may differ (a result already added to the prospects, say).
  try {
    if (navigator.serviceWorker?.controller || localStorage.length) return;
  } catch {
    return;
  }
  const data = JSON.parse(table.textContent);
  const shared = data.shared;
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const markup = html => {
    const template = document.createElement('template');
    template.innerHTML = html;
    return template.content;
  };
  const text = bytes => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  // The texts the build wrote hold \u0001 and \u0002 where the link's texts go.
  const fill = (template, first, second) => template.replace(/[\u0001\u0002]/g, m => m === '\u0001' ? first : second);

  /** The kind byte and body of a payload whose checksum holds, as `open_any` reads it. */
  function open(payload) {
    if (payload.length > 200000 || payload.length % 4 === 1) return null;
    const bytes = [];
    for (let i = 0; i < payload.length; i += 4) {
      const chunk = [...payload.slice(i, i + 4)].map(c => ALPHABET.indexOf(c));
      const n = chunk.reduce((n, v, j) => n | v << (18 - 6 * j), 0);
      for (let j = 0; j < chunk.length - 1; j++) bytes.push(n >> (16 - 8 * j) & 255);
    }
    if (bytes.length < 3) return null;
    const sealed = bytes.slice(0, -2);
    let h = 0x811c9dc5;
    for (const b of sealed) h = Math.imul(h ^ b, 0x01000193) >>> 0;
    const sum = ((h >>> 16) ^ h) & 0xffff;
    if (bytes.at(-2) !== (sum & 255) || bytes.at(-1) !== sum >> 8) return null;
    return { kind: sealed[0], body: Uint8Array.from(sealed.slice(1)) };
  }

  /** A result link's screen (kinds 0x11, someone's saved assessment, and 0x12, a reply). */
  function resultScreen({ kind, body }) {
    const practices = shared.result.practices;
    if ((kind !== 0x11 && kind !== 0x12) || body.length < 6) return null;
    const word = i => body[i] | body[i + 1] << 8;
    const [yes, answered, day] = [word(0), word(2), word(4)];
    if (yes & ~answered || answered >> practices.length) return null;
    let rest = body.subarray(6);
    let label = '', who = '';
    if (kind === 0x11) {
      if (rest.length > 40) return null;
      label = text(rest);
    } else {
      const n = rest[0];
      if (n === undefined || n > 50 || rest.length - 1 < n || rest.length - 1 - n > 60) return null;
      const parts = [text(rest.subarray(1, 1 + n)), text(rest.subarray(1 + n))];
      // JavaScript trims U+FEFF, Rust does not: such a name is left to the app.
      if (parts.some(p => p.includes('\uFEFF'))) return null;
      who = parts.map(p => p.trim()).filter(p => p).join(', ');
    }
    const titles = shared.result.titles;
    const title = who ? fill(titles.who, who) : label ? fill(titles.label, label) : kind === 0x12 ? titles.reply : titles.plain;
    const date = new Date(Date.UTC(2000, 0, 1 + day));
    const readable = `${date.getUTCDate()} ${shared.result.months[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
    const done = new Set(practices.filter((_, i) => yes >> i & 1));

    const screen = document.getElementById('first-screen-result').content.cloneNode(true);
    const $ = selector => screen.querySelector(selector);
    $('h1').textContent = title;
    $('.page-header .muted').textContent = fill(shared.result.answered_on, readable);
    $('.assessment__summary').replaceWith(markup(shared.result.summary[done.size]));
    const doneItems = markup(shared.result.done).querySelectorAll('li');
    $('.answer-list').querySelectorAll('li').forEach((item, i) => { if (done.has(practices[i])) item.replaceWith(doneItems[i]); });
    const open = data.steps_for.map(id => !done.has(id));
    const steps = markup(open.includes(true) ? data.next_steps : data.all_done);
    const items = [...steps.querySelectorAll('li')];
    open.forEach((stillOpen, i) => { if (!stillOpen) items[i]?.remove(); });
    $('.next-steps').replaceWith(steps);
    // Keeping a prospect's reply as one's own assessment is never offered.
    if (kind === 0x12) $('.shared-result__own')?.remove();
    return { screen, title: shared.result.title };
  }

  /** A plain account link's screen (kind 0x31), up to its classification, which needs the
   *  app's rules. Links longer than any real one are left to the app, which unpacks them
   *  piece by piece within its limit. */
  async function accountScreen({ kind, body }) {
    if (kind !== 0x31 || link[2].length > 20000) return null;
    const stream = new Blob([body]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
    const json = new Uint8Array(await new Response(stream).arrayBuffer());
    if (json.length > 1024 * 1024) return null;
    const account = JSON.parse(text(json));
    const { name, industry, tier, revenue, currency } = account;
    const lines = shared.account.lines[tier];
    const money = shared.account.money[currency || 'USD'];
    const hasRevenue = revenue !== undefined && revenue !== null;
    if (typeof name !== 'string' || typeof industry !== 'string' || !Array.isArray(lines)) return null;
    // Amounts other than whole ones, and currencies without a symbol, are left to the app.
    if (hasRevenue && !(Number.isSafeInteger(revenue) && revenue >= 0 && money !== undefined)) return null;
    const amount = hasRevenue ? money + String(revenue).replace(/\B(?=(\d{3})+$)/g, ',') : '';
    const screen = document.getElementById('first-screen-account').content.cloneNode(true);
    screen.querySelector('h1').textContent = name;
    screen.querySelector('.page-header .muted').textContent = fill(lines[(industry ? 1 : 0) + (hasRevenue ? 2 : 0)], industry, amount);
    return { screen, title: shared.account.title };
  }

  try {
    const opened = open(link[2]);
    if (!opened) return;
    const shown = link[1] === 'r' ? resultScreen(opened) : await accountScreen(opened);
    // The app may have started meanwhile, and taken the copy away.
    if (!shown || !copy.isConnected) return;
    const main = copy.querySelector('main');
    // What needs the app stays out of reach until it starts: the menu and the buttons.
    for (const control of shown.screen.querySelectorAll('a, button')) control.inert = true;
    main.replaceChildren(shown.screen);
    copy.querySelector('.site-header [aria-current]')?.removeAttribute('aria-current');
    for (const part of copy.querySelectorAll('.site-header')) part.inert = true;
    copy.querySelector('.skip-link')?.addEventListener('click', event => {
      event.preventDefault();
      main.focus();
    });
    // Which link the copy shows, for the app (src/browser/first_screen.rs).
    copy.setAttribute('data-shared-link', link[2]);
    copy.inert = false;
    document.title = shown.title;
    root.classList.add('show-prerendered');
  } catch {
    // Not readable as the app reads it: the app says why when it starts.
  }
})();
