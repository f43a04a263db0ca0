import { after, before, test } from 'node:test';
import { createCipheriv, pbkdf2Sync, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { assert, setUp, stored, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

/** Opens a share link in a fresh browser context, as the recipient would. */
async function openAsRecipient(link) {
  const page = await env.newPage();
  await page.goto(link);
  await page.locator('main h1').waitFor();
  return page;
}

test('a saved result travels in a short link and opens read-only, to keep among prospects', async () => {
  const page = await env.newPage();
  await env.open(page);
  const yes = page.getByRole('radio', { name: 'We do this consistently' });
  for (let i = 0; i < 7; i++) await yes.nth(i).check();
  await page.getByLabel('Label (optional)').fill('Sales <team>, Q4');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('link', { name: 'View it in your history' }).click();
  await page.getByText('Share this result').click();
  const link = await page.getByLabel('Link to this result').inputValue();
  const fragment = link.split('#')[1];
  assert.ok(fragment.length <= 120, `${fragment.length} characters after the #`);

  const recipient = await openAsRecipient(link);
  assert.equal(await recipient.locator('main h1').textContent(), 'Shared assessment: Sales <team>, Q4');
  assert.equal(await recipient.locator('.score__value').textContent(), '7');
  assert.equal(await stored(recipient), null, 'opening a link stores nothing');
  await recipient.getByRole('button', { name: 'Add to prospects' }).click();
  await recipient.getByRole('heading', { level: 1, name: 'Sales <team>, Q4' }).waitFor();
  const kept = await storedDocument(recipient);
  assert.equal(kept.prospects.length, 1);
  assert.equal(kept.grader.history.length, 0, 'kept apart from the own history');
});

test('an invitation opens the grader with the sender and message', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.getByText('Invite someone to grade their team').click();
  await page.getByLabel('Your name (optional)').fill('Dana from Acme');
  await page.getByLabel('A short message (optional)').fill('Worth 5 minutes, promise.');
  const link = await page.getByLabel('Invitation link').inputValue();
  const recipient = await openAsRecipient(link);
  await recipient.getByRole('heading', { name: 'Dana from Acme invites you to grade your account management' }).waitFor();
  assert.match(await recipient.locator('.invitation__message').textContent(), /Worth 5 minutes, promise\./);
  await recipient.getByRole('radio', { name: 'We do this consistently' }).first().check();
  assert.equal(await recipient.locator('.score__value').textContent(), '1');
});

test('an account link leaves out private fields and can be kept by the recipient', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/1/plan');
  await page.getByRole('button', { name: 'Create the plan' }).click();
  await page.getByRole('button', { name: 'Add person' }).click();
  await page.locator('#section-relationships-1-name').fill('Ann Lee');
  await page.locator('#section-relationships-1-title').fill('CFO');
  await env.open(page, '#/accounts/1');
  await page.getByText('Share this account').click();
  await page.getByRole('radio', { name: /A colleague/ }).check();
  const link = await page.getByLabel('Link to this account').inputValue();

  const recipient = await openAsRecipient(link);
  await recipient.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();
  const text = await recipient.locator('main').textContent();
  assert.match(text, /Manage as a key account/);
  assert.match(text, /Person 1/);
  assert.match(text, /CFO/);
  assert.doesNotMatch(text, /Ann Lee/);
  assert.doesNotMatch(text, /480,000/);
  assert.doesNotMatch(text, /CFO sponsors the programme/, 'notes left out');
  await recipient.getByRole('button', { name: 'Save a copy to my data' }).click();
  await recipient.getByRole('heading', { name: 'Northwind Logistics', level: 1 }).waitFor();
  await recipient.getByRole('status').filter({ hasText: 'Saved a copy as Northwind Logistics.' }).waitFor();
  const doc = await storedDocument(recipient);
  assert.equal(doc.portfolio.accounts.length, 1);
  assert.equal(doc.plans.plans.length, 1);

  // Opened again, the link is the version already kept: a second copy is still there to make.
  await recipient.goBack();
  await recipient.getByRole('heading', { name: 'You already have this version' }).waitFor();
  await recipient.getByRole('button', { name: 'Save as a separate copy' }).click();
  await recipient.getByRole('status').filter({ hasText: 'Saved a copy as Northwind Logistics 2.' }).waitFor();
});

test('a damaged link explains itself and changes nothing', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await storedDocument(page);
  const before = await stored(page);
  for (const hash of ['#/r/AAAA', '#/r/not*valid', '#/a/Zm9v', '#/r/']) {
    await env.open(page, hash);
    assert.equal(await page.locator('main h1').textContent(), hash === '#/r/' ? 'Page not found' : 'This link cannot be opened');
  }
  assert.equal(await stored(page), before);
});

test('a passphrase-protected account link opens only with the passphrase', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/2');
  await page.getByText('Share this account').click();
  await page.getByRole('radio', { name: /A colleague/ }).check();
  await page.getByLabel('Passphrase (optional)').fill('blue harbour 42');
  const linkField = page.getByLabel('Protected link to this account');
  await linkField.waitFor();
  const link = await linkField.inputValue();
  // The whole passphrase, in any URL form: a single word can turn up in random ciphertext
  // (one run's link held "Jbluep4").
  assert.doesNotMatch(link, /blue( |%20|\+)harbour/);

  const recipient = await openAsRecipient(link);
  assert.equal(await recipient.locator('main h1').textContent(), 'Protected account link');
  assert.doesNotMatch(await recipient.locator('main').textContent(), /Harbor Health Group/);
  await recipient.getByLabel('Passphrase').fill('wrong guess');
  await recipient.getByRole('button', { name: 'Open' }).click();
  await recipient.getByText('That passphrase does not open this link').waitFor();
  // The recipient can see what they type, and a space picked up when copying is forgiven.
  await recipient.getByLabel('Show what I type').check();
  assert.equal(await recipient.getByRole('textbox', { name: 'Passphrase' }).getAttribute('type'), 'text');
  await recipient.getByLabel('Passphrase').fill('blue harbour 42 ');
  await recipient.getByRole('button', { name: 'Open' }).click();
  await recipient.getByRole('heading', { name: 'Harbor Health Group', level: 1 }).waitFor();
  assert.equal(await stored(recipient), null, 'nothing stored until the recipient saves a copy');
});

test('markup inside links is shown as text and never run', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.getByLabel('Label (optional)').fill('<img src="x" onerror="window.pwned=1">');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('link', { name: 'View it in your history' }).click();
  await page.getByText('Share this result').click();
  const resultLink = await page.getByLabel('Link to this result').inputValue();
  await env.open(page);
  await page.getByText('Invite someone to grade their team').click();
  await page.getByLabel('Your name (optional)').fill('<script>window.pwned=1</script>');
  await page.getByLabel('A short message (optional)').fill('<img src="x" onerror="window.pwned=1">');
  const inviteLink = await page.getByLabel('Invitation link').inputValue();

  for (const link of [resultLink, inviteLink]) {
    const recipient = await openAsRecipient(link);
    assert.match(await recipient.locator('main').textContent(), /<(img|script)/);
    assert.equal(await recipient.evaluate(() => window.pwned), undefined);
    assert.equal(await recipient.locator('main img, main script').count(), 0);
  }
});

// Made by version 0.1.0 of 23 November 2026, which deflated account links with a library
// compiled into the app rather than with the browser's CompressionStream.
const OLDER_ACCOUNT_LINK = '#/a/MX2SUU7DMAyGr4Ly3EhEYy97A3ECEAcIiddapHbluENj2t1xM2nSRMdbbP-_7c_KyVEcwe3ci2A_aEGChzfQiMV1DinPVeVo5WtOEcTiZ3sKHIBmM9NcSufSLAKUFvXH-6vViRWqRYs0KlJvwcllSFiRyY_xC8THlKBa4alzdYgCnveepY-EP-ZhcrtN5ybhEStUn6HgAQRyMyQmjUl9itkGw20THXg2ouYvTL1XkNFPthMpxtLEBJCr36O2yKbYM35iQT1eMiy654LsB4hZmMfWzm4SFXpM_hDLcoDNuXPfsBzwP8RwFzGsI4YVxLCGGO4ghhvE8AcxrCOGFcRgiDoI1IFLbpQCpa1fB5zcbvu49LpO3j6afiqRLr_j_AuBYA';

test('account links made by the earlier version still open, with focus on their heading', async () => {
  const recipient = await env.newPage();
  await env.open(recipient);
  // Followed from within the app, as from a link in a saved note: the screen's heading takes
  // focus while the link is unpacked, and keeps it once it names the account.
  await recipient.evaluate(hash => { location.hash = hash; }, OLDER_ACCOUNT_LINK);
  await recipient.getByRole('heading', { name: 'Brightline Retail', level: 1 }).waitFor();
  assert.match(await recipient.locator('main').textContent(), /Where it belongs/);
  assert.equal(await recipient.evaluate(() => document.activeElement?.textContent), 'Brightline Retail');
});

/** A payload as src/domain/share.rs seals one: kind byte, body, 2-byte checksum, base64url. */
function seal(kind, body) {
  const bytes = Buffer.concat([Buffer.from([kind]), body]);
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  const sum = ((h >>> 16) ^ h) & 0xffff;
  return Buffer.concat([bytes, Buffer.from([sum & 0xff, sum >> 8])]).toString('base64url');
}

test('an account link that would unpack to a huge amount of data is refused', async () => {
  // 8 MB of spaces deflate to about 8 KB. The app stops reading at 1 MB and says why.
  const bomb = deflateRawSync(Buffer.alloc(8 * 1024 * 1024, 32), { level: 9 });
  const recipient = await openAsRecipient(`${env.server.url}#/a/${seal(0x31, bomb)}`);
  await recipient.getByRole('heading', { name: 'This link cannot be opened', level: 1 }).waitFor();
  assert.match(await recipient.locator('main').textContent(), /unpack to far more data/);
  // Deflate data that is not whole is damaged, not a crash.
  const account = deflateRawSync(Buffer.from(JSON.stringify({ name: 'X' })));
  const cut = await openAsRecipient(`${env.server.url}#/a/${seal(0x31, account.subarray(0, account.length - 3))}`);
  await cut.getByRole('heading', { name: 'This link cannot be opened', level: 1 }).waitFor();
  assert.match(await cut.locator('main').textContent(), /This link is incomplete or has been changed/);
});

test('a second link opened in the same tab shows its own content', async () => {
  const page = await env.newPage();
  await env.open(page);
  const yes = page.getByRole('radio', { name: 'We do this consistently' });
  const links = [];
  for (const count of [1, 3]) {
    await env.open(page);
    for (let i = 0; i < count; i++) await yes.nth(i).check();
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.getByRole('link', { name: 'View it in your history' }).click();
    await page.getByText('Share this result').click();
    links.push((await page.getByLabel('Link to this result').inputValue()).split('#')[1]);
  }
  const recipient = await openAsRecipient(`${env.server.url}#${links[0]}`);
  assert.equal(await recipient.locator('.score__value').textContent(), '1');
  // Pasted into the address bar of the same tab, only the fragment changes.
  await recipient.evaluate(hash => { location.hash = hash; }, links[1]);
  await recipient.locator('.score__value', { hasText: '3' }).waitFor();
  assert.equal(await recipient.evaluate(() => document.activeElement?.tagName), 'H1', 'focus moves to the new heading');
});

test('a passphrase needs 12 characters, with a hint on its strength as it is typed', async () => {
  const page = await env.newPage();
  await env.open(page, '#/accounts');
  await page.getByRole('button', { name: /Explore a demo portfolio/ }).click();
  await env.open(page, '#/accounts/2');
  await page.getByText('Share this account').click();
  await page.getByRole('radio', { name: /A colleague/ }).check();
  const field = page.getByLabel('Passphrase (optional)');
  const hint = page.locator('#share-passphrase-strength');
  await field.fill('harbour 42');
  assert.equal(await hint.textContent(), 'Too short: 2 more characters before the link is made.');
  assert.equal(await page.locator('#share-account-link').count(), 0, 'no link, plain or protected');
  assert.match(await field.getAttribute('aria-describedby'), /share-passphrase-strength/);
  await field.fill('121212121212');
  await page.getByLabel('Protected link to this account').waitFor();
  assert.match(await hint.textContent(), /^Easy to guess/);
  await field.fill('blue harbour 42');
  assert.match(await hint.textContent(), /^Fair\./);
  await field.fill('blue harbour forty two swans');
  assert.match(await hint.textContent(), /^Strong/);
  assert.match(await page.locator('#share-passphrase-help').textContent(),
    /shown as you type it, not hidden, because they must enter it exactly as you did/);
  // New links say how many PBKDF2 rounds made their key: OWASP's 600 000 for 2023.
  const link = await page.getByLabel('Protected link to this account').inputValue();
  const bytes = Buffer.from(link.split('#/a/')[1], 'base64url');
  assert.equal(bytes[0], 0x33);
  assert.equal(bytes.readUInt32LE(1), 600_000);
});

/** A protected account link as builds before 600 000 rounds made one: kind 0x32, then salt,
 *  IV and the AES-GCM ciphertext of the deflated JSON, under a key of 250 000 PBKDF2-SHA256
 *  rounds (no count in the link). */
function olderProtectedLink(passphrase, deflated) {
  const salt = randomBytes(16), iv = randomBytes(12);
  const key = pbkdf2Sync(passphrase, salt, 250_000, 32, 'sha256');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(deflated), cipher.final(), cipher.getAuthTag()]);
  return `${env.server.url}#/a/${seal(0x32, Buffer.concat([salt, iv, sealed]))}`;
}

test('protected links made with 250 000 rounds, before the count was carried, still open', async () => {
  // The account in the older plain link above, protected the older way.
  const older = Buffer.from(OLDER_ACCOUNT_LINK.slice('#/a/'.length), 'base64url');
  const json = inflateRawSync(older.subarray(1, older.length - 2));
  const link = olderProtectedLink('quiet lantern 1987', deflateRawSync(json));
  const recipient = await openAsRecipient(link);
  assert.equal(await recipient.locator('main h1').textContent(), 'Protected account link');
  await recipient.getByLabel('Passphrase').fill('quiet lantern 1987');
  await recipient.getByRole('button', { name: 'Open' }).click();
  await recipient.getByRole('heading', { name: 'Brightline Retail', level: 1 }).waitFor();
});

test('a link changed to ask for billions of rounds is refused at once, with a reason', async () => {
  const body = Buffer.concat([Buffer.from([0xff, 0xff, 0xff, 0xff]), randomBytes(16 + 12 + 40)]);
  const recipient = await openAsRecipient(`${env.server.url}#/a/${seal(0x33, body)}`);
  await recipient.getByRole('heading', { name: 'This link cannot be opened', level: 1 }).waitFor();
  assert.match(await recipient.locator('main').textContent(), /far more work to unlock it than any link Account Grader makes/);
  assert.equal(await recipient.getByLabel('Passphrase').count(), 0, 'no passphrase is asked for');
});
