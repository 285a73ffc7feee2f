/**
 * Issue 10, the message search's order-number and date-range filters end to end in Debian's
 * Chromium, browser mode: a seller in Warsaw with a seeded year of trade talk (400 messages,
 * chained and signed like live ones, about one a day) and four live messages about pallets, three
 * of them tied to an order. The order filter keeps exactly the messages tied to that order (not
 * one that only names it in its text), with or without words; the date range keeps exactly the
 * matches sent on its days in the reader's time zone, both ends included; removing a filter
 * widens the results again.
 */
import type { Page } from '@playwright/test';
import { en } from '../../renderer/src/app/catalogues';
import { allMessages, call, PASSWORD, signIn } from '../helpers/client';
import { expect, seed, startServer, test } from './fixtures';
import { contactRow } from './ui';

const BUYER = 'filter-buyer';
const SELLER = 'filter-seller';
const HISTORY = 400;
const ZONE = 'Europe/Warsaw';

/** The day (YYYY-MM-DD) of an instant on a wall clock in `zone`. */
const dayIn = (iso: string): string =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
/** How an en-US date field is typed. */
const typed = (day: string): string => {
  const [y, m, d] = day.split('-');
  return `${m}/${d}/${y}`;
};

const dialog = (page: Page) => page.getByRole('dialog', { name: en.search.title });
const field = (page: Page) => dialog(page).getByRole('combobox', { name: en.search.field });
const hits = (page: Page) =>
  dialog(page).getByRole('listbox', { name: en.search.results }).getByRole('option');
const chipRemover = (page: Page, chip: RegExp) =>
  dialog(page)
    .getByRole('group', { name: en.search.filters })
    .getByRole('button', { name: new RegExp(`^${en.search.remove.split('“')[0]}“${chip.source}”$`) });

/**
 * The search's status once the index is built and the count final: `n` found (the newest 50 shown
 * of more), and no "still indexing" after it — `toHaveText` matches the whole text.
 */
const finalCount = (n: number): string => {
  const found = en.search.found.replace('{{n}}', String(n));
  const shown = 50;
  return n > shown
    ? `${found} ${en.search.newest.replace('{{shown}}', String(shown)).replace('{{total}}', String(n))}`
    : found;
};

/** The hits shown are exactly these messages (by their whole text), in any order. */
async function expectHits(page: Page, texts: string[]): Promise<void> {
  await expect(hits(page)).toHaveCount(texts.length);
  for (const text of texts) await expect(hits(page).filter({ hasText: text })).toHaveCount(1);
}

test('the order-number and date-range filters narrow the search to exactly the right messages', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const { server, stop } = await startServer([], {}, (dataDir) =>
    seed(dataDir, [
      'history',
      '--between',
      `${BUYER},${SELLER}`,
      '--messages',
      String(HISTORY),
      '--unread',
      '0',
    ]),
  );
  const { socket: buyer } = await signIn(server.url, BUYER);
  const { socket: seller } = await signIn(server.url, SELLER);
  const ctx = await browser.newContext({ locale: 'en-US', timezoneId: ZONE });
  try {
    const pallets = [
      { text: 'Pallet shipment ready for loading', order: { orderNo: 'PO-1001' } },
      { text: 'Pallet shipment delayed by customs', order: { orderNo: 'PO-2002' } },
      { text: 'Pallet shipment question about PO-1001', order: null },
      {
        text: 'Pallet shipment confirmed by the forwarder',
        order: { orderNo: 'PO-1001', title: 'LED strip' },
      },
    ];
    for (const p of pallets) {
      await call(buyer, 'message:send', {
        to: SELLER,
        clientId: crypto.randomUUID(),
        text: p.text,
        attachments: [],
        ...(p.order ? { order: p.order } : {}),
      });
    }
    const [conv] = await call(seller, 'sync:conversations', {});
    const messages = await allMessages(seller, conv!.id);
    expect(messages).toHaveLength(HISTORY + pallets.length);
    expect(messages.filter((m) => m.order?.orderNo === 'PO-1001').map((m) => m.text)).toEqual([
      pallets[0]!.text,
      pallets[3]!.text,
    ]);
    // The seeded lines that name IP65, about one a week.
    const ip65 = messages.filter((m) => m.text.includes('IP65'));
    expect(ip65.length).toBeGreaterThan(40);

    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.getByRole('textbox', { name: en.auth.memberId }).fill(SELLER);
    await page.getByLabel(en.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.auth.submitSignIn, exact: true }).click();
    await expect(contactRow(page, en, BUYER)).toBeVisible({ timeout: 120_000 });
    await page.getByRole('button', { name: en.search.open }).click();
    await field(page).fill('pallet');
    // Caught up and indexed: every seeded IP65 line is found and nothing is still indexing.
    await field(page).fill('IP65');
    await expect(dialog(page).getByRole('status')).toHaveText(finalCount(ip65.length), { timeout: 120_000 });
    // The four live ones.
    await field(page).fill('pallet');
    await expectHits(
      page,
      pallets.map((p) => p.text),
    );

    // The order filter: only the two tied to PO-1001, not the one naming it in its text.
    await dialog(page).getByRole('button', { name: en.search.addOrder }).click();
    await dialog(page).getByRole('textbox', { name: en.search.order }).fill('po-1001');
    await dialog(page).getByRole('button', { name: en.search.apply }).click();
    await expect(dialog(page).getByText(en.search.chipOrder.replace('{{order}}', 'po-1001'))).toBeVisible();
    await expectHits(page, [pallets[0]!.text, pallets[3]!.text]);
    // Without words, the filter alone finds them; a word tied to nothing in that order finds none.
    await field(page).fill('');
    await expectHits(page, [pallets[0]!.text, pallets[3]!.text]);
    await field(page).fill('delayed');
    await expect(dialog(page).getByRole('status')).toHaveText(en.search.none);
    await chipRemover(page, /Order po-1001/).click();
    await expectHits(page, [pallets[1]!.text]);

    // The date range: the IP65 lines sent on the days of the 20th through the 23rd of them.
    await field(page).fill('IP65');
    await expect(hits(page).first()).toBeVisible();
    const from = dayIn(ip65[19]!.sentAt);
    const to = dayIn(ip65[22]!.sentAt);
    const inRange = ip65.filter((m) => dayIn(m.sentAt) >= from && dayIn(m.sentAt) <= to).map((m) => m.text);
    expect(inRange).toHaveLength(4);
    await dialog(page).getByRole('button', { name: en.search.addDate }).click();
    await dialog(page).getByRole('textbox', { name: en.search.from }).fill(typed(from));
    await dialog(page).getByRole('textbox', { name: en.search.to }).fill(typed(to));
    await dialog(page).getByRole('button', { name: en.search.apply }).click();
    await expectHits(page, inRange);

    // One day, both ends on it: only that day's match, whatever its hour.
    const one = ip65[30]!;
    await chipRemover(page, /.+/).click();
    await dialog(page).getByRole('button', { name: en.search.addDate }).click();
    await dialog(page)
      .getByRole('textbox', { name: en.search.from })
      .fill(typed(dayIn(one.sentAt)));
    await dialog(page)
      .getByRole('textbox', { name: en.search.to })
      .fill(typed(dayIn(one.sentAt)));
    await dialog(page).getByRole('button', { name: en.search.apply }).click();
    await expectHits(page, [one.text]);

    // Removing the range widens the search to every IP65 line again.
    await chipRemover(page, /.+/).click();
    await expect(dialog(page).getByRole('status')).toContainText(String(ip65.length));
  } finally {
    buyer.close();
    seller.close();
    await ctx.close();
    await stop();
  }
});
