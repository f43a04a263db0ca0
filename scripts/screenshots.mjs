// Takes the README's screenshots from the real release build (run `trunk build --release`
// first): node scripts/screenshots.mjs  → docs/*.png
import { createRequire } from 'node:module';
import { startServer } from './serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const YES = ['assigned-manager', 'manageable-load', 'growth-goals', 'tiered-profiles',
  'check-in-cadence', 'business-reviews', 'relationship-matrix', 'client-vision'];
const ALL = [...YES, 'technology-roadmap', 'nps-survey'];
const answers = yes => Object.fromEntries(ALL.map(p => [p, yes.includes(p) ? 'yes' : 'not-yet']));
const demo = {
  version: 3,
  next_id: 4,
  // A recent backup, so the screenshots show the screens rather than the backup reminder.
  settings: { last_backup_at: new Date().toISOString() },
  grader: {
    draft: answers(YES),
    draft_label: 'Client services, Q4',
    history: [
      { id: 1, saved_at: '2026-02-10T09:00:00.000Z', label: 'Client services, Q1', answers: answers(YES.slice(0, 3)) },
      { id: 2, saved_at: '2026-05-12T09:00:00.000Z', label: 'Client services, Q2', answers: answers(YES.slice(0, 5)) },
      { id: 3, saved_at: '2026-08-18T09:00:00.000Z', label: 'Client services, Q3', answers: answers(YES.slice(0, 6)) },
    ],
  },
};

const server = await startServer({ root: 'dist' });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 }, colorScheme: scheme });
  await page.goto(server.url);
  await page.evaluate(doc => localStorage.setItem('account-grader', JSON.stringify(doc)), demo);
  await page.goto(server.url + '#/accounts');
  await page.reload();
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  for (const [name, hash] of [['grader', '#/grader'], ['history', '#/history'], ['matrix', '#/matrix'], ['account', '#/accounts/5'], ['settings', '#/settings']]) {
    await page.goto(server.url + hash);
    await page.reload();
    await page.locator('main h1').waitFor();
    // The history's chart comes from a download of its own, after the list.
    if (name === 'history') await page.locator('.trend__chart').waitFor();
    const path = `docs/${name}-${scheme}.png`;
    await page.screenshot({ path });
    console.log('wrote', path);
  }
  await page.close();
}
await browser.close();
await server.close();
