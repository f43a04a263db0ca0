// The Grader's first screen that the build puts into index.html (src/bin/prerender.rs,
// scripts/post-build.mjs, web/first-screen.js): shown to a first-time visitor on the Grader
// or an invitation link, working before the app has loaded, and taken over by the app with
// every answer given; and what happens when the app cannot start.
import { after, before, test } from 'node:test';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { assert, fixture, setUp, STORAGE_KEY, stored, storedDocument } from './harness.mjs';

const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

/** Holds back the WebAssembly, so the page stays as it is before the app starts; what is
 *  asked for after the release goes through, unless `keepHolding` (a held file's download
 *  times out after 30 s, an error the harness would count). */
async function holdApp(page, { keepHolding = false } = {}) {
  const held = [];
  let holding = true;
  await page.route(/\.wasm$/, route => {
    if (holding || keepHolding) held.push(route);
    else route.continue().catch(() => {});
  });
  // Requests of pages navigated away from are gone; continuing them fails harmlessly.
  return () => {
    holding = false;
    return Promise.all(held.splice(0).map(r => r.continue().catch(() => {})));
  };
}

/** Loads the app afresh at `hash` without waiting for it to start (the harness's goto would),
 *  once the copy's element is in the page. */
async function visit(page, hash) {
  await page.goto('about:blank');
  await page.evaluate(url => { location.href = url; }, env.server.url + hash);
  await page.waitForURL(url => url.hash === hash);
  await page.locator('#prerendered').waitFor({ state: 'attached' });
}

const undrawnPractices = page => page.evaluate(() => [...document.querySelectorAll('.practice__title')]
  .filter(t => !t.checkVisibility({ contentVisibilityAuto: true })).length);

/** The page's main text, as a user reads it. The length of the invitation link depends on
 *  the page's address, which the build cannot know; it sits in a closed panel. */
const mainText = async page => (await page.locator('main').textContent()).replace(/\d+ characters\./, 'N characters.');

/** What the stored draft holds, practice by answer. */
const storedDraft = async page => JSON.parse(await stored(page) ?? '{"grader":{}}').grader.draft;

test('a first-time visitor can answer before the app has loaded, and the app takes the answers over', async () => {
  const page = await env.newPage({ width: 390 });
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective));
  });
  const release = await holdApp(page);
  await visit(page, '#/grader');

  await page.getByRole('heading', { level: 1, name: 'Grade your account management' }).waitFor();
  assert.equal(await page.locator('#prerendered:not([inert]) input[type=radio]').count(), 20);
  assert.equal(await page.getByText('0 of 10 practices answered').isVisible(), true);
  // Answered before the app runs: the result follows each answer at once.
  const yes = page.getByRole('radio', { name: 'We do this consistently' });
  const notYet = page.getByRole('radio', { name: 'Not yet' });
  await yes.nth(0).check();
  assert.equal(await page.locator('.score__value').textContent(), '1');
  assert.equal(await page.getByText('1 of 10 practices answered').isVisible(), true);
  await notYet.nth(1).check();
  await yes.nth(2).check();
  await page.getByLabel('Label (optional)').fill('Sales team');
  await page.getByLabel('Team (optional)').fill('North');
  assert.equal(await page.locator('#prerendered').count(), 1, 'the app has not started');
  assert.equal(await page.locator('.score__value').textContent(), '2');
  assert.equal(await page.locator('.score').textContent(), '2/10: Accounts at risk');
  assert.equal(await page.getByText('3 of 10 practices answered').isVisible(), true);
  assert.equal(await page.locator('#unanswered-note').textContent(), '7 unanswered practices will count as "not yet".');
  assert.equal(await page.locator('.next-steps li').count(), 8, 'the practices done are no next step');
  assert.equal(await page.locator('.practice--yes').count(), 2);
  const early = await mainText(page);
  // Practices far below the window wait to be laid out; a printout would have them all. From
  // the top of the page: filling the form may have scrolled it, and the browser decides
  // which practices to draw on its next frame.
  await page.evaluate(() => new Promise(r => { scrollTo(0, 0); requestAnimationFrame(() => requestAnimationFrame(r)); }));
  assert.ok(await undrawnPractices(page) > 0, 'the last practices wait until scrolled to');
  await page.emulateMedia({ media: 'print' });
  // The switch to print media is laid out on the next frame, not at once.
  await page.evaluate(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))));
  assert.equal(await undrawnPractices(page), 0, 'print draws every practice');
  await page.emulateMedia({ media: 'screen' });

  // Every frame from here until the app has started shows one screen, never two.
  await page.evaluate(() => {
    window.mostScreens = 0;
    const count = () => {
      window.mostScreens = Math.max(window.mostScreens, document.querySelectorAll('main').length);
      if (document.getElementById('prerendered')) requestAnimationFrame(count);
    };
    count();
  });
  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  await page.evaluate(() => new Promise(requestAnimationFrame));
  assert.equal(await page.evaluate(() => window.mostScreens), 1, 'one screen in every frame');
  assert.equal(await page.locator('main').count(), 1);
  assert.equal(await mainText(page), early, 'the app shows what the first screen showed for the same answers');
  assert.equal(await page.getByLabel('Label (optional)').inputValue(), 'Sales team');
  assert.equal(await page.getByLabel('Team (optional)').inputValue(), 'North');
  await page.waitForFunction(() => localStorage.getItem('account-grader'));
  assert.deepEqual(await storedDraft(page), { 'assigned-manager': 'yes', 'manageable-load': 'not-yet', 'growth-goals': 'yes' });
  await yes.nth(3).check();
  assert.equal(await page.locator('.score__value').textContent(), '3');
  assert.deepEqual(await page.evaluate(() => window.cspViolations), [], 'no policy violation');
});

test('every result the first screen shows is the one the app shows for the same answers', async () => {
  // Scores 0 to 10 with some practices left open, the last of them with every one answered.
  const page = await env.newPage();
  const release = await holdApp(page);
  await visit(page, '#/grader');
  const texts = [];
  const choose = (i, yes) => page.locator(`#prerendered #practice-${i + 1}-${yes ? 'yes' : 'not-yet'}`).check();
  for (let i = 0; i < 10; i++) {
    await choose(i, i % 3 !== 1);
    texts.push(await page.locator('.grader').textContent());
  }
  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  await page.getByRole('button', { name: 'Clear answers' }).click();
  for (let i = 0; i < 10; i++) {
    await page.locator(`#practice-${i + 1}-${i % 3 !== 1 ? 'yes' : 'not-yet'}`).check();
    const text = (await page.locator('.grader').textContent());
    assert.equal(text.replace(/\d+ characters\./, ''), texts[i].replace(/\d+ characters\./, ''), `after ${i + 1} answers`);
  }
});

test('a click made while the app starts is kept', async () => {
  const page = await env.newPage();
  const release = await holdApp(page);
  await visit(page, '#/grader');
  // One answer a frame, on whichever screen is there, until well after the app has started:
  // practice after practice, yes and then not yet.
  await page.evaluate(() => {
    window.intended = {};
    window.clicking = new Promise(done => {
      let frame = 0, after = 0;
      const tick = () => {
        const n = frame % 10 + 1, answer = Math.floor(frame / 10) % 2 ? 'not-yet' : 'yes';
        document.querySelector(`main #practice-${n}-${answer}`).click();
        window.intended[n] = answer;
        frame++;
        if (!document.getElementById('prerendered')) after++;
        if (after > 5) done(frame); else requestAnimationFrame(tick);
      };
      tick();
    });
  });
  await release();
  const frames = await page.evaluate(() => window.clicking);
  assert.ok(frames > 6);
  const intended = await page.evaluate(() => window.intended);
  for (const [n, answer] of Object.entries(intended)) {
    assert.equal(await page.locator(`#practice-${n}-${answer}`).isChecked(), true, `practice ${n}: ${answer}`);
  }
  await page.waitForFunction(n => Object.keys(JSON.parse(localStorage.getItem('account-grader') ?? '{"grader":{"draft":{}}}').grader.draft).length === n,
    Object.keys(intended).length);
});

test('answers given before a reload are still there, and Save waits for the app', async () => {
  const page = await env.newPage();
  const release = await holdApp(page);
  await visit(page, '#/grader');
  await page.locator('#practice-1-yes').check();
  await page.locator('#practice-4-yes').check();
  await page.getByLabel('Label (optional)').fill('Before reload');
  await page.getByLabel('Team (optional)').fill('South');
  await page.getByLabel('Date (optional)').fill('2026-03-31');
  await page.evaluate(() => location.reload());
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.locator('#prerendered').waitFor({ state: 'attached' });
  assert.equal(await page.locator('#practice-1-yes').isChecked(), true);
  assert.equal(await page.locator('#practice-4-yes').isChecked(), true);
  assert.equal(await page.getByLabel('Label (optional)').inputValue(), 'Before reload');
  assert.equal(await page.getByLabel('Team (optional)').inputValue(), 'South');
  assert.equal(await page.getByLabel('Date (optional)').inputValue(), '2026-03-31');
  assert.equal(await page.locator('.score__value').textContent(), '2');
  assert.equal(await page.locator('#prerendered').count(), 1, 'still before the app');

  await page.getByRole('button', { name: 'Save assessment' }).click();
  assert.match(await page.locator('.save-form__saved').textContent(), /as soon as the app has loaded/);
  await release();
  await page.getByText('Saved with a score of 2/10.').waitFor();
  const doc = await storedDocument(page);
  assert.equal(doc.grader.history.length, 1);
  assert.equal(doc.grader.history[0].label, 'Before reload');
  assert.equal(doc.grader.history[0].team, 'South', 'the team typed before the app is the saved one\'s');
  assert.equal(doc.grader.history[0].assessed_on, '2026-03-31', 'so is the day');
  assert.deepEqual(Object.keys(doc.grader.history[0].answers), ['assigned-manager', 'tiered-profiles']);
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'the handoff is gone');
});

test('an invitation link shows the same working first screen, and the app adds the sender', async () => {
  const sender = await env.newPage();
  await env.open(sender);
  await sender.getByText('Invite someone to grade their team').click();
  await sender.getByLabel('Your name (optional)').fill('Dana from Acme');
  const hash = '#' + (await sender.getByLabel('Invitation link').inputValue()).split('#')[1];

  const page = await env.newPage({ width: 390 });
  const release = await holdApp(page);
  await visit(page, hash);
  await page.getByRole('heading', { name: 'You are invited to grade your account management' }).waitFor();
  await page.locator('#practice-2-yes').check();
  await page.locator('#practice-3-yes').check();
  assert.equal(await page.locator('.score__value').textContent(), '2');
  const early = (await mainText(page)).replace('You are invited', '');
  await release();
  await page.getByRole('heading', { name: 'Dana from Acme invites you to grade your account management' }).waitFor();
  assert.equal(await page.locator('#prerendered').count(), 0);
  // The way to send the result back comes with the app, as the sender's name does (its form
  // from the shared links' group, a moment later).
  assert.equal(await page.getByRole('heading', { name: 'Send your result to Dana from Acme' }).count(), 1);
  await page.locator('#reply-link').waitFor();
  const sendBack = await page.locator('.send-back').textContent();
  const later = (await mainText(page)).replace('Dana from Acme invites you', '')
    .replace('send your result to Dana from Acme as', 'send your result to the sender as').replace(sendBack.replace(/\d+ characters\./, 'N characters.'), '');
  assert.equal(later, early, 'the same screen, now with the sender');
  await page.waitForFunction(() => localStorage.getItem('account-grader'));
  assert.deepEqual(await storedDraft(page), { 'manageable-load': 'yes', 'growth-goals': 'yes' });
});

// On a slow network the page arrives in parts, and the browser may paint what has come: the
// first paint must already be the whole first screen (the page waits for it to be parsed),
// with an invitation link's invitation and without the panel for inviting others, which no
// script has changed yet. Here the page ends right after the first screen, as if the rest
// (the table, the scripts) had not come.
test('a page cut off after the first screen already shows it whole, with an invitation link\'s invitation', async () => {
  const sender = await env.newPage();
  await env.open(sender);
  await sender.getByText('Invite someone to grade their team').click();
  const invitation = '#' + (await sender.getByLabel('Invitation link').inputValue()).split('#')[1];
  for (const [hash, invited] of [[invitation, true], ['#/grader', false]]) {
    for (const width of [1280, 390]) {
      const page = await env.newPage({ width });
      await holdApp(page);
      await page.route(url => url.pathname.endsWith('/') || url.pathname.endsWith('/index.html'), async route => {
        const page = await (await route.fetch()).text();
        const cut = page.indexOf('<script type="application/json" id="first-screen-data">');
        assert.ok(cut > 0, 'the table follows the first screen');
        await route.fulfill({ contentType: 'text/html', body: page.slice(0, cut) });
      });
      await visit(page, hash);
      const heading = page.getByRole('heading', { name: 'You are invited to grade your account management' });
      await page.getByRole('heading', { name: 'Grade your account management', exact: true }).waitFor();
      assert.equal(await heading.isVisible(), invited, `${hash.slice(0, 10)} at ${width} px: the invitation`);
      assert.equal(await page.getByText('Invite someone to grade their team').isVisible(), !invited, 'the panel for inviting others');
      assert.ok(await page.getByRole('heading', { name: 'Your score' }).isVisible(), 'the score');
      assert.ok(await page.locator('.practice').nth(9).count(), 'all ten practices');
      await page.context().close();
    }
  }
});

test('the first screen works by keyboard and has no accessibility violations', async () => {
  const page = await env.newPage({ bypassCSP: true });
  const release = await holdApp(page);
  await visit(page, '#/grader');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.match(page.url(), /#\/grader$/, 'the skip link stays on the screen');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'practice-1-yes');
  await page.keyboard.press('Space');
  assert.equal(await page.locator('.score__value').textContent(), '1');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.locator('.score__value').textContent(), '0');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'practice-1-not-yet');
  await page.addScriptTag({ content: AXE });
  const found = await page.evaluate(async () => (await window.axe.run(document)).violations.map(v => v.id));
  assert.deepEqual(found, []);
  assert.equal(await page.locator('#prerendered').count(), 1, 'checked before the app started');
  // Keyboard focus stays on the answer when the app takes the screen over.
  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'practice-1-not-yet');
  assert.equal(await page.locator('#practice-1-not-yet').isChecked(), true);
});

test('keys typed while the app takes the screen over all reach the field', async () => {
  const page = await env.newPage({ width: 390 });
  // A phone's slower processor: the take-over spans several frames, as it does there.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  // Which screen each key went to.
  await page.addInitScript(() => {
    window.keysTo = [];
    addEventListener('keydown', () => window.keysTo.push(document.getElementById('prerendered') ? 'copy'
      : document.activeElement === document.body ? 'the page itself' : 'app'), true);
  });
  const release = await holdApp(page);
  await visit(page, '#/grader');
  await page.locator('#assessment-label').focus();
  await page.keyboard.type('Q4 ');
  await release();
  // Key after key, each as soon as the page takes it, until well after the app has started
  // (the label holds 80 characters). With the old hand-off 1 to 4 of them went to the page
  // itself while the app's screen had no focus yet.
  const typed = 'Q4 review of the northern region, the southern one and the two in the west';
  await page.keyboard.type(typed.slice(3));
  const keysTo = await page.evaluate(() => window.keysTo);
  assert.ok(keysTo.includes('copy') && keysTo.includes('app'), `the app took over while keys were typed: ${keysTo.join(' ')}`);
  assert.ok(!keysTo.includes('the page itself'), `no key went to the page while the focus was off the field: ${keysTo.join(' ')}`);
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.equal(await page.locator('#assessment-label').inputValue(), typed);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'assessment-label');
  await page.waitForFunction(t => JSON.parse(localStorage.getItem('account-grader') ?? '{"grader":{}}').grader.draft_label === t, typed);
});

test('panels opened on the first screen stay open when the app takes it over, and the focus stays', async () => {
  const page = await env.newPage({ width: 390 });
  const release = await holdApp(page);
  await visit(page, '#/grader');
  const why = n => page.locator('main .practice').nth(n - 1).locator('details');
  await why(5).locator('summary').click();
  await why(7).locator('summary').click();
  assert.equal(await why(5).getAttribute('open'), '');
  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.equal(await why(5).getAttribute('open'), '', 'practice 5 still open');
  assert.equal(await why(7).getAttribute('open'), '', 'practice 7 still open');
  assert.equal(await why(6).getAttribute('open'), null, 'practice 6 still closed');
  assert.equal(await page.evaluate(() => document.activeElement.closest('.practice')?.querySelector('.practice__number')?.textContent), '7');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'SUMMARY');
});

test('a visitor with stored data, or on another screen, sees the header and that the screen is on its way until the app has started', async () => {
  const page = await env.newPage();
  const release = await holdApp(page);
  /** What the page shows before the app starts: the header's links, how many look like the
   *  current screen's (the copy's header is the Grader's), and the main part's text. */
  const shown = () => page.evaluate(() => {
    const links = [...document.querySelectorAll('.nav-list a')].filter(a => a.checkVisibility());
    const look = a => getComputedStyle(a).backgroundColor;
    return {
      links: links.length,
      marked: links.filter(a => look(a) !== look(links.at(-1))).length,
      main: document.querySelector('main').innerText.trim(),
    };
  });
  await visit(page, '#/accounts');
  await page.evaluate(k => localStorage.setItem(k, JSON.stringify({ version: 3 })), STORAGE_KEY);
  await visit(page, '#/grader');
  assert.equal(await page.locator('main h1').first().isVisible(), false, 'stored data: no copy of the Grader');
  assert.deepEqual(await shown(), { links: 8, marked: 0, main: 'Loading this screen…' });

  await page.evaluate(() => localStorage.clear());
  await visit(page, '#/matrix');
  assert.equal(await page.locator('main h1').first().isVisible(), false, 'another screen: no copy of the Grader');
  assert.deepEqual(await shown(), { links: 8, marked: 0, main: 'Loading this screen…' });
  // Screen readers read the line; the header, which needs the app, is out of reach; the skip
  // link moves the focus and leaves the address alone (the app would take #main for a screen).
  assert.deepEqual(await page.evaluate(() => ({
    line: !document.querySelector('.first-screen-waiting').closest('[inert]'),
    header: !!document.querySelector('#prerendered .site-header').closest('[inert]'),
  })), { line: true, header: true });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  assert.match(page.url(), /#\/matrix$/, 'the address stays');
  await visit(page, '#/grader');
  assert.equal(await page.locator('main h1').isVisible(), true, 'the same visitor on the Grader sees it');
  assert.equal(await page.getByText('Loading this screen…').count(), 0, 'and no line saying it is on its way');

  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.equal(await page.locator('main h1').textContent(), 'Grade your account management');
});

test('on another screen, the app\'s line saying the screen is on its way takes the page\'s place without vanishing', async () => {
  const page = await env.newPage();
  // Every WebAssembly file is held, the Prospects screen's too once the app asks for it.
  const release = await holdApp(page, { keepHolding: true });
  await visit(page, '#/prospects');
  const line = page.getByText('Loading this screen…');
  await line.waitFor();
  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.equal(await line.isVisible(), true);
  const appears = () => line.evaluate(l => getComputedStyle(l).animationName);
  assert.equal(await appears(), 'none', 'shown at once, in place of the page\'s');
  // Any later wait shows its line after a moment, as before, so a quick arrival does not flash it.
  await page.evaluate(() => { location.hash = '#/plans'; });
  await page.getByRole('status').filter({ hasText: 'Loading this screen…' }).waitFor({ state: 'attached' });
  assert.equal(await appears(), 'screen-loading-appears');
  // Its files stay held: closed now, before their downloads time out.
  await page.close();
});

test('answers a tab kept from a first screen never replace stored ones', async () => {
  const page = await env.newPage();
  const doc = JSON.parse(await fixture('v5.json'));
  doc.grader.draft = { 'assigned-manager': 'not-yet' };
  const data = JSON.stringify(doc);
  const release = await holdApp(page);
  await visit(page, '#/accounts');
  await page.evaluate(([k, d]) => {
    localStorage.setItem(k, d);
    sessionStorage.setItem('account-grader.first-screen', JSON.stringify({ checked: ['practice-1-yes', 'practice-2-yes'], label: 'Kept', save: true }));
  }, [STORAGE_KEY, data]);
  await visit(page, '#/grader');
  assert.equal(await page.locator('#prerendered .grader').isHidden(), true, 'no copy of the Grader');
  await release();
  await page.waitForFunction(() => !document.getElementById('prerendered'));
  assert.equal(await page.locator('#practice-1-not-yet').isChecked(), true);
  assert.equal(await page.locator('.score-card__answered').textContent(), '1 of 10 practices answered');
  assert.equal(await page.getByLabel('Label (optional)').inputValue(), '');
  assert.equal(await stored(page), data, 'nothing written over the stored data');
});

test('a returning visitor, whose page the service worker controls, is not shown the copy', async () => {
  const page = await env.newPage();
  await env.openReturning(page);
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('show-prerendered')), false);
  // Without the worker the same empty storage gets it: the check above is what decided.
  const fresh = await env.newPage();
  await fresh.goto(env.server.url + '#/grader');
  assert.equal(await fresh.evaluate(() => document.documentElement.classList.contains('show-prerendered')), true);
});

test('when the app cannot start, the copy gives way to a message saying why', async () => {
  const page = await env.newPage();
  await page.route(/\.wasm$/, route => route.abort());
  await page.goto(env.server.url + '#/grader');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.textContent(), /could not start in this browser.*WebAssembly/);
  assert.equal(await page.locator('#prerendered').count(), 0, 'no dead form left on screen');
  assert.equal(await page.locator('main').count(), 0);
  // The failed download and start are reported in the console, as they should be.
  assert.ok(page.problems.length > 0);
  page.problems.length = 0;
});

// The other screens' styles are applied after the first frame (scripts/post-build.mjs): they
// must change nothing on the copy a first-time visitor sees, the Grader's or an invitation's,
// or it would shift when they arrive.
test('the first screen fits a phone\'s width with no sideways scrolling, before the app and in it', async () => {
  for (const width of [320, 390]) {
    const page = await env.newPage({ width });
    const release = await holdApp(page);
    await visit(page, '#/grader');
    await page.locator('#prerendered:not([inert]) .choices input').first().check();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.equal(await overflow(), 0, `the copy at ${width} px`);
    // Moved straight to the save form below the practices, the field stays where it is.
    const where = () => page.evaluate(() => Math.round(document.getElementById('assessment-label').getBoundingClientRect().top));
    // Focused and measured in one step, so that a move cannot fall between the two.
    const before = await page.evaluate(() => {
      const label = document.getElementById('assessment-label');
      label.focus();
      return Math.round(label.getBoundingClientRect().top);
    });
    await page.evaluate(() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done))));
    // Within a few pixels: the practices' stand-in size is close to, not exactly, each one's
    // (they moved it 130 to 530 px before).
    const moved = Math.abs(await where() - before);
    assert.ok(moved <= 8, `the label field stays put at ${width} px: moved ${moved} px`);
    await release();
    await page.waitForFunction(() => !document.getElementById('prerendered'));
    assert.equal(await overflow(), 0, `the app at ${width} px`);
    await page.context().close();
  }
});

test('the first screens look the same before the other screens\' styles apply, at 1280 and 390 px', async () => {
  const sender = await env.newPage();
  await env.open(sender);
  await sender.getByText('Invite someone to grade their team').click();
  const invitation = '#' + (await sender.getByLabel('Invitation link').inputValue()).split('#')[1];
  for (const width of [1280, 390]) {
    for (const hash of ['#/grader', invitation]) {
      const page = await env.newPage({ width });
      const release = await holdApp(page);
      await visit(page, hash);
      await page.locator('#prerendered:not([inert]) .choices input').first().check();
      const layout = () => page.evaluate(() => [...document.querySelectorAll('#prerendered *')]
        .filter(e => e.checkVisibility())
        .map(e => {
          const r = e.getBoundingClientRect();
          const s = getComputedStyle(e);
          return `${e.tagName}.${e.className} ${r.x},${r.y},${r.width},${r.height} ${s.color} ${s.backgroundColor} ${s.font} ${s.listStyleType}`;
        }));
      const later = page.locator('#later-styles');
      assert.equal(await later.getAttribute('media'), 'not all', 'before the app, the first screen\'s styles alone');
      // Practices off screen are laid out only when near (content-visibility): all of them,
      // so that both layouts are whole.
      await page.evaluate(() => document.querySelectorAll('#prerendered .practice').forEach(p => { p.style.contentVisibility = 'visible'; }));
      const firstOnly = await layout();
      await later.evaluate(e => e.removeAttribute('media'));
      const withAll = await layout();
      assert.ok(withAll.length > 100, `${withAll.length} elements compared`);
      assert.deepEqual(firstOnly, withAll, `${hash.slice(0, 12)} at ${width} px`);
      await release();
      await page.context().close();
    }
  }
});
