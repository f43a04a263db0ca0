// The prospect's way back: an invitation with the sender's firm and address, answered in the
// prospect's own browser, sent back as a link, and kept by the sender as a prospect, apart from
// their own history. Sender and prospect each have a browser context of their own.
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { assert, setUp, stored, storedDocument } from './harness.mjs';

let env;
before(async () => { env = await setUp(); });
after(async () => { await env.tearDown(); });

const doc = async page => await storedDocument(page);

/** The sender's own team graded and saved, then an invitation made on the Grader. */
async function senderWithInvitation() {
  const sender = await env.newPage({ acceptDownloads: true });
  await env.open(sender);
  const yes = sender.getByRole('radio', { name: 'We do this consistently' });
  for (let i = 0; i < 8; i++) await yes.nth(i).check();
  await sender.getByLabel('Label (optional)').fill('Our team, Q4');
  await sender.getByRole('button', { name: 'Save assessment' }).click();
  await sender.getByText('Invite someone to grade their team').click();
  await sender.getByLabel('Your name (optional)').fill('Dana');
  await sender.getByLabel('Your firm (optional)').fill('Acme Advisory');
  await sender.getByLabel('E-mail for their reply (optional)').fill('dana@acme.example');
  await sender.getByLabel('A short message (optional)').fill('Five minutes, promise.');
  return { sender, invitation: await sender.getByLabel('Invitation link').inputValue() };
}

/** The prospect opens the invitation, answers (the first three practices done), names
 *  themselves and returns the link they would send back. */
async function prospectAnswers(invitation) {
  const prospect = await env.newPage();
  await prospect.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await prospect.goto(invitation);
  const banner = prospect.getByRole('region', { name: 'Dana at Acme Advisory invites you to grade your account management' });
  await banner.waitFor();
  const terms = await banner.textContent();
  assert.match(terms, /Five minutes, promise\./);
  assert.match(terms, /The link holds your ten answers, your score, the date, and your name and company if you type them: nothing else\./);
  assert.match(terms, /Account Grader sends nothing itself/);
  const sendBack = prospect.getByRole('region', { name: 'Send your result to Dana at Acme Advisory' });
  assert.match(await sendBack.textContent(), /Answer the practices above first/);
  for (let i = 0; i < 10; i++) {
    await prospect.getByRole('radio', { name: i < 3 ? 'We do this consistently' : 'Not yet' }).nth(i).check();
  }
  await sendBack.getByLabel('Your name (optional)').fill('Lee Park');
  await sendBack.getByLabel('Your company (optional)').fill('Northwind & Sons');
  assert.match(await sendBack.textContent(), /Your score: 3\/10, 10 of 10 practices answered\./);
  assert.match(await sendBack.textContent(), /The link holds your ten answers, your score, today's date and the name and company above, nothing else\./);
  const link = await sendBack.getByLabel('Your result link').inputValue();
  return { prospect, sendBack, link };
}

test('an invitation comes back as a prospect, compared with the team and kept apart from the history', async () => {
  const { sender, invitation } = await senderWithInvitation();
  const { prospect, sendBack, link } = await prospectAnswers(invitation);

  const fragment = link.split('#')[1];
  assert.ok(fragment.startsWith('/r/') && fragment.length < 200, `${fragment.length} characters after the #`);

  // The mail app opens with the address, a subject and the link, all percent-encoded.
  const mail = await sendBack.getByRole('link', { name: 'Open in my mail app' }).getAttribute('href');
  const [address, query] = mail.slice('mailto:'.length).split('?');
  assert.equal(address, 'dana@acme.example');
  const params = Object.fromEntries(query.split('&').map(p => p.split('=')).map(([k, v]) => [k, decodeURIComponent(v)]));
  assert.equal(params.subject, 'Account Grader result from Lee Park, Northwind & Sons');
  assert.match(params.body, /^Hello Dana,\r\n/);
  assert.ok(params.body.includes(`\r\n\r\n${link}\r\n`), params.body);
  assert.doesNotMatch(mail, /[ #\r\n]/, 'spaces, line breaks and the link\'s # are encoded');

  await sendBack.getByRole('button', { name: 'Copy link' }).click();
  await sendBack.getByText(/^Copied\./).waitFor();
  assert.equal(await prospect.evaluate(() => navigator.clipboard.readText()), link);
  // Changed after the copy, the link is no longer what was copied, and the status says so.
  await sendBack.getByLabel('Your company (optional)').fill('Northwind & Daughters');
  await sendBack.getByText(/^The link has changed since you copied it: copy it again\./).waitFor();
  await sendBack.getByLabel('Your company (optional)').fill('Northwind & Sons');
  await sendBack.getByText(/^Copied\./).waitFor();
  // The prospect's grade stays out of their own history.
  assert.deepEqual((await doc(prospect)).grader.history, []);

  // The sender opens the link: a read-only result to add to prospects.
  const before = await doc(sender);
  await sender.goto(link);
  await sender.getByRole('heading', { level: 1, name: 'Result from Lee Park, Northwind & Sons' }).waitFor();
  assert.equal(await sender.getByRole('button', { name: /Save/ }).count(), 0, 'no way into the history for a reply');
  await sender.getByRole('button', { name: 'Add to prospects' }).click();
  await sender.getByRole('heading', { level: 1, name: 'Lee Park' }).waitFor();
  const compare = await sender.getByRole('table').textContent();
  assert.match(compare, /A named account manager for every client.*Done consistently.*Done consistently.*Both do it/);
  assert.match(compare, /Business reviews on the calendar.*Not yet.*Done consistently.*You do, they don't yet/);
  assert.match(compare, /Each client's business vision written down.*Not yet.*Not yet.*Neither does yet/);
  const points = sender.getByRole('region', { name: 'Talking points for the first meeting' });
  assert.equal(await points.getByRole('listitem').count(), 7);
  assert.match(await points.textContent(), /Your team does this already/);

  let after = await doc(sender);
  assert.deepEqual(after.grader.history, before.grader.history, 'the history is unchanged');
  assert.equal(after.prospects.length, 1);
  assert.equal(after.prospects[0].name, 'Lee Park');
  assert.equal(after.prospects[0].company, 'Northwind & Sons');

  // The same link again: it says so, and adds nothing.
  await sender.goto(link);
  await sender.getByText(/^You added this result to your prospects on/).waitFor();
  assert.equal(await sender.getByRole('button', { name: 'Add to prospects' }).count(), 0);
  await sender.getByRole('link', { name: 'Open in Prospects' }).waitFor();
  after = await doc(sender);
  assert.equal(after.prospects.length, 1);

  // The list, and its CSV.
  await env.open(sender, '#/prospects');
  const row = sender.getByRole('row', { name: /Lee Park/ });
  assert.match(await row.textContent(), /Lee Park.*Northwind & Sons.*3\/10.*Accounts at risk/);
  const [download] = await Promise.all([
    sender.waitForEvent('download'),
    sender.getByRole('button', { name: 'Export prospects (CSV)' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^prospects-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = (await readFile(await download.path(), 'utf8')).split('\r\n').filter(Boolean);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^\uFEFFName,Company,Answered on,Received on,Score,Band,A named account manager for every client,/);
  assert.match(lines[1], /^Lee Park,Northwind & Sons,\d{4}-\d{2}-\d{2},\d{4}-\d{2}-\d{2},3,Accounts at risk,Yes,Yes,Yes,Not yet,/);

  // Deleted, and back with Undo.
  await row.getByRole('button', { name: 'Delete the result of Lee Park' }).click();
  await sender.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await sender.getByRole('row', { name: /Lee Park/ }).waitFor();
  assert.equal((await doc(sender)).prospects.length, 1);
});

test('the invitation being written is kept over another screen and a reload, and an accented address stays as typed', async () => {
  const { sender } = await senderWithInvitation();
  const contact = sender.getByLabel('E-mail for their reply (optional)');
  await contact.fill('contact@société.fr');
  await sender.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await sender.getByRole('heading', { name: 'Assessment history' }).waitFor();
  await sender.reload();
  await sender.getByRole('heading', { name: 'Assessment history' }).waitFor();
  await sender.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Grader' }).click();
  await sender.getByText('Invite someone to grade their team').click();
  assert.equal(await sender.getByLabel('Your name (optional)').inputValue(), 'Dana');
  assert.equal(await sender.getByLabel('Your firm (optional)').inputValue(), 'Acme Advisory');
  assert.equal(await sender.getByLabel('A short message (optional)').inputValue(), 'Five minutes, promise.');
  assert.equal(await contact.inputValue(), 'contact@société.fr');
  // The invitee reads the address as it was typed, not in the browser's encoded form.
  const invitee = await env.newPage();
  await invitee.goto(await sender.getByLabel('Invitation link').inputValue());
  await invitee.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await invitee.getByText('Starts a message to contact@société.fr in your own mail app', { exact: false }).waitFor();
  assert.doesNotMatch(await invitee.locator('main').textContent(), /xn--/);
});

test('a result saved to the history from a link before prospects existed moves to prospects', async () => {
  const page = await env.newPage();
  await env.open(page);
  await page.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await page.getByLabel('Label (optional)').fill('Northwind Q3');
  await page.getByRole('button', { name: 'Save assessment' }).click();
  await page.getByRole('link', { name: 'View it in your history' }).click();
  await page.getByText('Share this result').click();
  const link = await page.getByLabel('Link to this result').inputValue();
  // An older result link offers prospects first, and one's own history only as the second choice.
  await page.goto(link);
  await page.getByRole('button', { name: 'Add to prospects' }).waitFor();
  await page.getByRole('button', { name: 'Save to my own history instead' }).click();
  await page.getByRole('heading', { level: 1, name: /^Northwind Q3: / }).waitFor();

  // Kept as one's own on purpose, it is not taken for someone else's.
  await env.open(page, '#/history');
  await page.getByRole('heading', { level: 1 }).waitFor();
  assert.deepEqual((await doc(page)).grader.history.map(a => a.label), ['Northwind Q3', 'Northwind Q3']);
  assert.equal(await page.getByRole('region', { name: /looks like someone else's/ }).count(), 0);

  // As the app labelled a shared result saved to the history before prospects existed.
  const older = await doc(page);
  older.grader.history[1].label = 'Northwind Q3 (shared)';
  await page.evaluate(v => localStorage.setItem('account-grader', v), JSON.stringify(older));
  await page.reload();
  const notice = page.getByRole('region', { name: '1 result here looks like someone else\'s' });
  await notice.waitFor();
  await page.getByRole('button', { name: /^Move Northwind Q3 \(shared\) .* to prospects$/ }).click();
  await page.getByRole('status').filter({ hasText: 'Moved 1 result to Prospects.' }).waitFor();
  let saved = await doc(page);
  assert.deepEqual(saved.grader.history.map(a => a.label), ['Northwind Q3']);
  assert.deepEqual(saved.prospects.map(p => p.label), ['Northwind Q3']);
  assert.equal(await notice.count(), 0);

  await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await notice.waitFor();
  await notice.getByRole('button', { name: 'Move it to prospects' }).click();
  saved = await doc(page);
  assert.equal(saved.grader.history.length, 1);
  assert.equal(saved.prospects.length, 1);
  await env.open(page, '#/prospects');
  await page.getByRole('row', { name: /Northwind Q3/ }).waitFor();
});

test('an invitation made before firms and reply addresses still opens, and the reply has no address', async () => {
  // As the first version of invitations wrote them: sender "Ann", message "Hi there".
  const prospect = await env.newPage();
  await env.open(prospect, '#/invite/IQNBbm5IaSB0aGVyZbWF');
  await prospect.getByRole('heading', { name: 'Ann invites you to grade your account management' }).waitFor();
  await prospect.getByRole('radio', { name: 'We do this consistently' }).first().check();
  const sendBack = prospect.getByRole('region', { name: 'Send your result to Ann' });
  const mail = await sendBack.getByRole('link', { name: 'Open in my mail app' }).getAttribute('href');
  assert.match(mail, /^mailto:\?subject=My%20Account%20Grader%20result&body=Hello%20Ann%2C/);
  assert.match(await sendBack.textContent(), /9 you leave unanswered are sent as unanswered/);
});

test('a date given in the save form goes with the result sent back', async () => {
  const { sender, invitation } = await senderWithInvitation();
  const prospect = await env.newPage();
  await prospect.goto(invitation);
  const sendBack = prospect.getByRole('region', { name: 'Send your result to Dana at Acme Advisory' });
  await prospect.getByRole('radio', { name: 'We do this consistently' }).first().check();
  await prospect.getByLabel('Date (optional)').fill('2026-11-02');
  assert.match(await sendBack.textContent(), /The link holds your ten answers, your score and the date you gave \(2 Nov 2026\), nothing else\./);
  const link = await sendBack.getByLabel('Your result link').inputValue();
  // A day to come is refused by the form, and today's date goes instead.
  await prospect.getByLabel('Date (optional)').fill('2999-01-01');
  assert.match(await sendBack.textContent(), /your score and today's date, nothing else\./);

  await sender.goto(link);
  await sender.getByText(/^Answered on 2 Nov 2026\./).waitFor();
});
