/**
 * Issue 10, jumping in a long conversation, end to end in Debian's Chromium, browser mode: a
 * seller in Shanghai with 3,000 seeded messages over a year (chained and signed like live ones)
 * and 150 more the buyer wrote while the seller was away. Opening the conversation shows the
 * newest; "First unread" brings the first of the 150 into view (it is far outside the window the
 * conversation opened with), and "Go to date" brings the first message of that day, in the
 * reader's time zone, into view — both marked as the current message.
 */
import { en } from '../../renderer/src/app/catalogues';
import { allMessages, call, PASSWORD, signIn } from '../helpers/client';
import { expect, seed, startServer, test } from './fixtures';
import { bubble, contactRow, conversationHeading } from './ui';

const BUYER = 'jump-buyer';
const SELLER = 'jump-seller';
const LONG = 3000;
/** Written by the buyer while every device of the seller was away. */
const AWAY = 150;
const ZONE = 'Asia/Shanghai';

/** The day (YYYY-MM-DD) of an instant on a wall clock in `zone`. */
const dayIn = (iso: string, zone: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

test('jumps to the first unread message and to the first message of a day in a long conversation, and finds a message deep in it', async ({
  browser,
}) => {
  // Seeding 3,000 messages and catching them up: a hang guard on a loaded 2-core machine.
  test.setTimeout(600_000);
  const { server, stop } = await startServer([], { TRADEWIND_SEND_RATE: '0' }, (dataDir) =>
    seed(dataDir, [
      'history',
      '--between',
      `${BUYER},${SELLER}`,
      '--messages',
      String(LONG),
      '--unread',
      '0',
    ]),
  );
  const { socket: buyer } = await signIn(server.url, BUYER);
  const { socket: seller } = await signIn(server.url, SELLER);
  const ctx = await browser.newContext({ locale: 'en-US', timezoneId: ZONE });
  try {
    const away: string[] = [];
    for (let i = 1; i <= AWAY; i++) {
      const text = `while you were away ${String(i).padStart(3, '0')}`;
      await call(buyer, 'message:send', { to: SELLER, clientId: crypto.randomUUID(), text, attachments: [] });
      away.push(text);
    }
    const [conv] = await call(seller, 'sync:conversations', {});
    const history = await allMessages(seller, conv!.id);
    expect(history).toHaveLength(LONG + AWAY);
    expect(conv!.receipts[SELLER]?.read).toBe(LONG);

    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.getByRole('textbox', { name: en.auth.memberId }).fill(SELLER);
    await page.getByLabel(en.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.auth.submitSignIn, exact: true }).click();
    const badge = contactRow(page, en, BUYER).getByLabel(
      en.contacts.unread.replace('{{count}}', String(AWAY)),
    );
    await expect(badge).toBeVisible({ timeout: 180_000 });

    // The conversation opens at its newest message; the first unread is far above, not even read.
    await contactRow(page, en, BUYER).click();
    await expect(conversationHeading(page, BUYER)).toBeVisible();
    await expect(bubble(page, away.at(-1)!)).toBeInViewport();
    await expect(bubble(page, away[0]!)).toHaveCount(0);

    // Opening it reads them all, but the way back to where the reader left off stays offered.
    const firstUnread = page.getByRole('button', {
      name: en.conversation.firstUnread.replace('{{count}}', String(AWAY)),
    });
    await firstUnread.click();
    await expect(bubble(page, away[0]!)).toBeInViewport();
    await expect(bubble(page, away[0]!)).toHaveAttribute('aria-current', 'true');
    await expect(bubble(page, away.at(-1)!)).not.toBeInViewport();

    // A day in the middle of the year, where the reader is: its first message, not the day before's.
    const middle = history[Math.floor(LONG / 2)]!;
    const day = dayIn(middle.sentAt, ZONE);
    const first = history.find((m) => dayIn(m.sentAt, ZONE) === day)!;
    const before = history[history.indexOf(first) - 1]!;
    expect(dayIn(before.sentAt, ZONE)).not.toBe(day);
    const [y, m, d] = day.split('-');
    await page.getByRole('textbox', { name: en.conversation.goToDate }).fill(`${m}/${d}/${y}`);
    await expect(bubble(page, first.text)).toBeInViewport();
    await expect(bubble(page, first.text)).toHaveAttribute('aria-current', 'true');
    await expect(bubble(page, away[0]!)).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: en.conversation.nothingAfter })).toHaveCount(0);

    // A day after the last message: nothing to show, said so.
    const later = new Date(Date.parse(history.at(-1)!.sentAt) + 3 * 24 * 3600_000).toISOString();
    const [ly, lm, ld] = dayIn(later, ZONE).split('-');
    await page.getByRole('textbox', { name: en.conversation.goToDate }).fill(`${lm}/${ld}/${ly}`);
    await expect(page.getByRole('status').filter({ hasText: en.conversation.nothingAfter })).toBeVisible();

    // And back to the newest.
    await page.getByRole('button', { name: en.conversation.latest, exact: true }).click();
    await expect(bubble(page, away.at(-1)!)).toBeInViewport();

    // This device caught the history up and indexed it: a number written once, deep in the
    // history, finds that message of the server's in this conversation, and opens at it.
    const deep = history[1233]!;
    expect(history.filter((m) => /\b1234\b/.test(m.text))).toEqual([deep]);
    await page.getByRole('button', { name: en.search.open }).click();
    const search = page.getByRole('dialog', { name: en.search.title });
    await search.getByRole('combobox', { name: en.search.field }).fill('1234');
    const hit = search.getByRole('listbox', { name: en.search.results }).getByRole('option');
    await expect(hit).toHaveCount(1);
    // Caught up and indexed: the status is exactly one found, no "still indexing" after it.
    await expect(search.getByRole('status')).toHaveText(en.search.found.replace('{{n}}', '1'), {
      timeout: 120_000,
    });
    await expect(hit).toHaveCount(1);
    await expect(search.getByRole('group', { name: BUYER }).getByRole('option')).toContainText(deep.text);
    await search.getByRole('combobox', { name: en.search.field }).press('Enter');
    await expect(bubble(page, deep.text)).toBeInViewport();
    await expect(bubble(page, deep.text)).toHaveAttribute('aria-current', 'true');
  } finally {
    buyer.close();
    seller.close();
    await ctx.close();
    await stop();
  }
});
