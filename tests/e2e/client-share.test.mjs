// Sharing an account's plan with the client, the names in its free text, and a colleague's
// kept copy brought up to date. Each test has a sender and a recipient in separate browser
// contexts, so nothing passes between them but the link.
import { after, before, test } from 'node:test';
import { inflateRawSync } from 'node:zlib';
import { assert, setUp, stored, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

/** What a client link carries, read as src/domain/share.rs seals it: kind byte 0x41, the
 *  raw-deflated JSON, a 2-byte checksum, all in base64url. */
function decodeClientLink(link) {
  const bytes = Buffer.from(link.split('#/c/')[1], 'base64url');
  assert.equal(bytes[0], 0x41, 'a plain client link');
  return inflateRawSync(bytes.subarray(1, bytes.length - 2)).toString('utf8');
}

/** A sender with the demo portfolio, a firm name, and a plan for Northwind Logistics that
 *  names a stakeholder in its table and in its free text. */
async function sender() {
  const page = await env.newPage();
  await env.open(page, '#/settings');
  const firm = page.getByLabel('Firm name');
  await firm.fill('Harbourside Advisory');
  await firm.blur();
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/1/plan');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await page.locator('#section-vision-text').fill('Become the region\'s first carbon-neutral carrier, as ann lee put it.');
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.locator('#section-relationships-1-name').fill('Ann Lee');
  await page.locator('#section-relationships-1-title').fill('CFO');
  await page.locator('#section-relationships-1-role').selectOption('blocker');
  return page;
}

async function openSharePanel(page) {
  await env.open(page, '#/accounts/1');
  await page.getByText('Share this account').click();
}

test('a client link carries the plan alone, headed by the firm, and opens as a clean document', async () => {
  const page = await sender();
  await openSharePanel(page);
  assert.equal(await page.getByRole('radio', { name: /The client/ }).isChecked(), true, 'the client is the default');
  const link = await page.getByLabel('Link to the plan for the client').inputValue();
  const json = decodeClientLink(link);
  for (const internal of ['ratings', 'weights', 'thresholds', 'quadrant', 'revenue', '480', 'notes',
    'CFO sponsors the programme', 'Manage as a key account', 'blocker', 'Where the client wants', 'Tier']) {
    assert.ok(!json.includes(internal), `${internal} is not in the client link: ${json}`);
  }
  // The stakeholder rows keep their shape, with our judgement of each person emptied.
  assert.doesNotMatch(json, /"(role|strength)":[^n]/);
  assert.match(json, /Harbourside Advisory/);
  assert.match(json, /carbon-neutral carrier/);
  assert.match(json, /Person 1/, 'names in the stakeholder table are left out by default');

  const client = await env.newPage();
  await client.goto(link);
  await client.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();
  const text = await client.locator('main').textContent();
  assert.match(text, /Harbourside Advisory/);
  assert.match(text, /Client's business vision/);
  assert.doesNotMatch(text, /Where it belongs|Role|Strength|Save a copy/);
  await client.getByRole('button', { name: 'Print or save as PDF' }).waitFor();
  assert.equal(await stored(client), null, 'opening the plan stores nothing');
});

test('names in the free text are marked, and text left out is not in the link', async () => {
  const page = await sender();
  await openSharePanel(page);
  const review = page.locator('.names-review');
  assert.match(await review.getByRole('status').textContent(), /1 name found in 1 piece of text/);
  const field = review.locator('.names-review__field', { hasText: "Client's business vision" });
  assert.equal(await field.locator('mark').textContent(), 'ann lee');
  assert.match(await field.textContent(), /1 name/);
  const linkField = page.getByLabel('Link to the plan for the client');
  const withName = await linkField.inputValue();
  assert.match(decodeClientLink(withName), /ann lee/);

  await field.getByLabel('Leave this out').check();
  await review.getByRole('status').filter({ hasText: 'No stakeholder names found' }).waitFor();
  // The link is made again from what is shown.
  const madeAgain = before => page.waitForFunction(
    old => { const v = document.querySelector('#share-account-link')?.value; return v && v !== old; }, before);
  await madeAgain(withName);
  const withoutText = await linkField.inputValue();
  const json = decodeClientLink(withoutText);
  assert.doesNotMatch(json, /ann lee|Ann Lee|carbon-neutral/i);

  // Reworded instead, the new words go out and the plan itself stays as written.
  await field.getByLabel('Leave this out').uncheck();
  await field.getByRole('button', { name: 'Reword' }).click();
  await field.getByRole('textbox').fill('Become the region\'s first carbon-neutral carrier.');
  await field.getByRole('button', { name: 'Done' }).click();
  await review.getByRole('status').filter({ hasText: 'No stakeholder names found' }).waitFor();
  await madeAgain(withoutText);
  const reworded = decodeClientLink(await linkField.inputValue());
  assert.match(reworded, /first carbon-neutral carrier\./);
  assert.doesNotMatch(reworded, /ann lee/i);
  const doc = await storedDocument(page);
  assert.match(JSON.stringify(doc.plans.plans[0]), /as ann lee put it/, 'the plan is unchanged');
});

test('a colleague who kept a copy updates it from a newer link instead of saving a second', async () => {
  const page = await sender();
  await openSharePanel(page);
  await page.getByRole('radio', { name: /A colleague/ }).check();
  const first = await page.getByLabel('Link to this account').inputValue();

  const colleague = await env.newPage();
  await colleague.goto(first);
  await colleague.getByRole('button', { name: 'Save a copy to my data' }).click();
  await colleague.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();
  const copied = await storedDocument(colleague);
  assert.equal(copied.portfolio.accounts.length, 1);
  assert.ok(copied.portfolio.accounts[0].copied_from.key);

  // Opened again, the same link is the version already kept.
  await colleague.goto(first);
  await colleague.getByRole('heading', { name: 'You already have this version' }).waitFor();

  // The link named no one (names are left out by default): the colleague writes in the name,
  // a second or more after saving the copy, as times are kept to the second.
  await colleague.waitForTimeout(1100);
  const copyId = copied.portfolio.accounts[0].id;
  await env.open(colleague, `#/accounts/${copyId}/plan`);
  const person = colleague.locator('#section-relationships-1-name');
  assert.equal(await person.inputValue(), 'Person 1');
  await person.fill('Ann Lee-Smith');
  await person.blur();

  // Times in links are to the second: the sender's change comes at least a second later.
  await page.waitForTimeout(1100);
  await env.open(page, '#/accounts/1/plan');
  await page.locator('#section-vision-text').fill('Carry for the whole northern region by 2028.');
  await openSharePanel(page);
  await page.getByRole('radio', { name: /A colleague/ }).check();
  const newer = await page.getByLabel('Link to this account').inputValue();
  assert.notEqual(newer, first);

  await colleague.goto(newer);
  await colleague.getByRole('heading', { name: 'A newer version of your copy' }).waitFor();
  const changes = await colleague.locator('.copy-update__changes').textContent();
  assert.match(changes, /Plan section changed: Client's business vision/);
  assert.doesNotMatch(changes, /Key relationships/, 'the name the link left out is not a change');
  // The colleague's own change is at stake, so keeping both is the first choice.
  assert.match(await colleague.locator('.copy-update__own').textContent(),
    /You changed your copy on .*: these changes would be replaced wherever the link carries its own version\..*Its account plan/s);
  const choices = colleague.locator('.copy-update .page-actions .button');
  assert.equal(await choices.first().textContent(), 'Save as a separate copy');
  assert.match(await choices.first().getAttribute('class'), /button--primary/);
  await colleague.getByRole('button', { name: 'Update my copy anyway' }).click();
  await colleague.getByRole('status').filter({ hasText: 'Updated your copy of Northwind Logistics.' }).waitFor();
  const updated = await storedDocument(colleague);
  assert.equal(updated.portfolio.accounts.length, 1, 'no second copy');
  assert.equal(updated.plans.plans.length, 1);
  assert.match(JSON.stringify(updated.plans.plans[0]), /whole northern region by 2028/);
  assert.match(JSON.stringify(updated.plans.plans[0]), /"name":"Ann Lee-Smith"/, 'the copy keeps its own names');
  assert.ok(updated.portfolio.accounts[0].copied_from.copied_at);
  assert.notEqual(updated.portfolio.accounts[0].copied_from.updated_at, copied.portfolio.accounts[0].copied_from.updated_at);

  // The first link is now older than the copy.
  await colleague.goto(first);
  await colleague.getByRole('heading', { name: 'Your copy is newer than this link' }).waitFor();
});
