/**
 * Issue 10, what a user sees when a list or a conversation comes back:
 * - back on the chats from another rail screen, the contact list comes from memory (no table of
 *   the list is read whole again: a seller's 10,000 contacts and conversations) and shows what
 *   arrived meanwhile (the row's last message);
 * - a conversation open at its newest message keeps that message whole when a bar above the
 *   list appears (the find bar here; at a cold start the connection banner and the others): the
 *   bench's "cold start → newest message: n/a" was the newest message pushed below the list's
 *   bottom edge by a bar that came after it opened.
 */
import type { Page } from '@playwright/test';
import { en } from '../../renderer/src/app/catalogues';
import { expect, test } from './fixtures';
import { bubble, connect, contactRow, messageLog, send, signUp, tick, type Person } from './ui';

// Member ids are unique across every spec file (the files a worker runs share its server): this file's start with ro-.
const BUYER: Person = {
  id: 'ro-buyer',
  name: 'Marta Wiśniewska',
  company: 'Gdańsk Home Goods',
  password: 'a long enough password',
};
const SELLER: Person = {
  id: 'ro-seller',
  name: 'Li Na',
  company: 'Yiwu Bright Trading',
  role: 'seller',
  password: 'a long enough password',
};

const railButton = (page: Page, name: string) =>
  page.getByRole('navigation', { name: en.rail.label }).getByRole('button', { name, exact: true });

/** Counts, in the page, the whole-store reads (`getAll`) of the contact list's two tables. */
async function countWholeReads(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __wholeReads?: number };
    if (w.__wholeReads !== undefined) return;
    w.__wholeReads = 0;
    const getAll = Object.getOwnPropertyDescriptor(IDBObjectStore.prototype, 'getAll')!.value as (
      this: IDBObjectStore,
      ...args: unknown[]
    ) => IDBRequest<unknown[]>;
    IDBObjectStore.prototype.getAll = function (this: IDBObjectStore, ...args: unknown[]) {
      if (this.name === 'contacts' || this.name === 'conversations') w.__wholeReads! += 1;
      return getAll.apply(this, args);
    };
  });
}
const wholeReads = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __wholeReads: number }).__wholeReads);

/** Whether the bubble with `text` lies entirely inside the message log's box. */
async function whole(page: Page, text: string): Promise<boolean> {
  const [item, box] = await Promise.all([
    bubble(page, text).last().boundingBox(),
    messageLog(page).boundingBox(),
  ]);
  return !!item && !!box && item.y >= box.y - 1 && item.y + item.height <= box.y + box.height + 1;
}

test('back on the chats the list comes from memory with what arrived; the newest message stays whole under a new bar', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const buyerCtx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Warsaw' });
  const sellerCtx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Shanghai' });
  try {
    const buyer = await buyerCtx.newPage();
    const seller = await sellerCtx.newPage();
    await signUp(buyer, BUYER, { t: en, open: server.url });
    await signUp(seller, SELLER, { t: en, open: server.url });
    await connect({ page: buyer, t: en, person: BUYER }, { page: seller, t: en, person: SELLER });

    // More messages than the list's height holds.
    await contactRow(buyer, en, SELLER.name).first().click();
    for (let i = 1; i <= 14; i++) await send(buyer, en, SELLER.name, `Line ${i} of the price list`);

    // The seller is on Orders when the last one arrives; back on the chats, its row shows it at
    // once, and neither contacts nor conversations were read whole for that. The seller has the
    // conversation open (adding the buyer opened it): all 14 arrive there and are read before the
    // seller leaves — the buyer's sends are still on their way when its bubbles show; its "read"
    // tick on the 14th says the seller's device has recorded them read — so the window's title,
    // which carries the unread total, counts the 15th alone.
    await expect(tick(buyer, 'Line 14 of the price list', en.ticks.read)).toBeVisible({ timeout: 60_000 });
    await expect(seller).toHaveTitle('Tradewind');
    await countWholeReads(seller);
    await railButton(seller, en.rail.orders).click();
    await expect(seller.getByRole('heading', { name: en.ordersView.title, level: 1 })).toBeVisible();
    await send(buyer, en, SELLER.name, 'Line 15 of the price list');
    await expect(seller).toHaveTitle(/^\(1\) /, { timeout: 60_000 });
    const before = await wholeReads(seller);
    await railButton(seller, en.rail.chats).click();
    const row = contactRow(seller, en, BUYER.name).first();
    await expect(row).toContainText('Line 15 of the price list');
    expect(await wholeReads(seller)).toBe(before);

    // Open at the newest message; Ctrl+F puts the find bar above the list: still whole.
    await row.click();
    const newest = 'Line 15 of the price list';
    await expect(bubble(seller, newest)).toBeVisible();
    await expect.poll(() => whole(seller, newest)).toBe(true);
    await messageLog(seller).focus();
    await seller.keyboard.press('Control+f');
    await expect(seller.getByRole('search', { name: en.search.find })).toBeVisible();
    await expect.poll(() => whole(seller, newest)).toBe(true);
  } finally {
    await buyerCtx.close();
    await sellerCtx.close();
  }
});
