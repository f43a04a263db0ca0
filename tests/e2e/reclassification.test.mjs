import { after, before, test } from 'node:test';
import { assert, setUp, stored, STORAGE_KEY, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const AT = '2026-11-01T09:00:00Z';
const account = (id, name, ratings) => ({ id, name, tier: 'B', created_at: AT, updated_at: AT, ratings });
/** Saved by the version before share of portfolio: "Middle Co" rated 3 on everything sat on
 *  both lines (a key account then); "Roomy Ltd" reached the key accounts only through room to
 *  offer more; "Steady plc" moves by neither change. */
const V3 = JSON.stringify({
  version: 3, next_id: 4,
  portfolio: {
    snapshots: [],
    accounts: [
      account(1, 'Middle Co', Object.fromEntries(['decision-maker-access', 'share-of-organization',
        'promises-delivered', 'contact-cadence', 'share-of-thought', 'long-term-potential', 'needs-fit',
        'profitability', 'portfolio-headroom', 'strategic-value'].map(k => [k, 3]))),
      account(2, 'Roomy Ltd', { 'decision-maker-access': 5, 'promises-delivered': 5, 'contact-cadence': 5,
        'long-term-potential': 2, 'needs-fit': 2, 'portfolio-headroom': 5 }),
      account(3, 'Steady plc', { 'decision-maker-access': 5, 'needs-fit': 5 }),
    ],
  },
});

test('a version 3 document is reclassified and says so once', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [STORAGE_KEY, V3]);
  await page.reload();

  const notice = page.getByRole('status').filter({ hasText: 'How accounts are classified has changed' });
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /Share of portfolio/);
  assert.match(text, /2 accounts changed group:/);
  assert.match(text, /Middle Co: Manage as a key account → Rethink/);
  assert.match(text, /Roomy Ltd: Manage as a key account → Transition to higher-value offerings/);
  assert.doesNotMatch(text, /Steady plc/);

  // The stored rating of much room to offer more is now a small share of portfolio in use.
  await notice.getByRole('link', { name: 'Roomy Ltd' }).click();
  await page.getByRole('heading', { name: 'Roomy Ltd', level: 1 }).waitFor();
  assert.match(await page.locator('.classification').textContent(), /Transition to higher-value offerings/);
  const share = page.getByRole('group', { name: 'Share of portfolio' });
  assert.equal(await share.getByRole('radio', { name: '1', exact: true }).isChecked(), true);
  assert.match(await page.locator('#axis-relationship').locator('..').textContent(),
    /share of organization, share of portfolio and share of thought/);

  await notice.getByRole('link', { name: 'Middle Co' }).click();
  await page.getByRole('heading', { name: 'Middle Co', level: 1 }).waitFor();
  const verdict = await page.locator('.classification').textContent();
  assert.match(verdict, /Rethink/);
  assert.match(verdict, /Borderline: relationship 50 and potential 50 are within 7 points of their thresholds/);

  // Any other change is saved without losing the notice: only "Got it" ends it.
  await page.getByRole('button', { name: 'Ratings still hold' }).click();
  await page.waitForFunction(k => localStorage.getItem(k).includes('"version":5'), STORAGE_KEY);
  await page.reload();
  await page.getByRole('heading', { name: 'Middle Co', level: 1 }).waitFor();
  await notice.waitFor();

  await notice.getByRole('button', { name: 'Got it' }).click();
  await notice.waitFor({ state: 'detached' });
  await page.waitForFunction(k => !localStorage.getItem(k).includes('classification_notice'), STORAGE_KEY);
  const doc = await storedDocument(page);
  assert.equal(doc.version, 5);
  assert.equal(doc.portfolio.accounts[1].ratings['share-of-portfolio'], 1);
  assert.equal(doc.portfolio.accounts[1].ratings['portfolio-headroom'], undefined);

  await page.reload();
  await page.getByRole('heading', { name: 'Middle Co', level: 1 }).waitFor();
  assert.equal(await page.getByText('How accounts are classified has changed').count(), 0);
});
