/**
 * The rail (issues 11 and 12): every button opens its screen, none is disabled. The Orders view
 * lists an order sent in a chat and opens the conversation filtered to it; the contact directory
 * finds a contact by company and adds one by member ID; the Unanswered filter shows the
 * conversation waiting on the seller, with its waiting time, until the seller answers.
 * Screenshots of the Orders view and the directory, in English and in Arabic (mirrored).
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { catalogues, en, type Messages } from '../../renderer/src/app/catalogues';
import { expect, test } from './fixtures';
import { addContact, bubble, composer, conversationHeading, send, signUp, type Person } from './ui';

// Member ids are unique across every spec file (the files a worker runs share its server): this file's start with rl-.
const BUYER: Person = {
  id: 'rl-buyer',
  name: 'Agnieszka Nowak',
  company: 'Kraków Lighting Import',
  password: 'a long enough password',
};
const SELLER: Person = {
  id: 'rl-seller',
  name: 'Chen Hai',
  company: 'Ningbo Harbour Lights Co., Ltd.',
  role: 'seller',
  password: 'a long enough password',
};
const THIRD: Person = {
  id: 'rl-third',
  name: 'Rui Costa',
  company: 'Porto Fixtures Lda',
  password: 'a long enough password',
};

const fill = (s: string, v: Record<string, string | number>): string =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));
/** A catalogue sentence with its placeholders as "anything", for text that carries a live duration. */
const pattern = (s: string, v: Record<string, string> = {}): RegExp =>
  new RegExp(
    s
      .split(/(\{\{\w+\}\})/)
      .map((part) => {
        const m = /^\{\{(\w+)\}\}$/.exec(part);
        if (!m) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const given = v[m[1] ?? ''];
        return given === undefined ? '.+' : given.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join(''),
  );

const railButton = (page: Page, t: Messages, name: string) =>
  page.getByRole('navigation', { name: t.rail.label }).getByRole('button', { name, exact: true });

/** Attaches an order reference in the composer of the open conversation, then sends `text` with it. */
async function sendWithOrder(
  page: Page,
  partner: string,
  order: { no: string; title: string; quantity: string },
  text: string,
): Promise<void> {
  const E = en.evidence;
  await page.getByRole('button', { name: E.attachOrder }).click();
  const form = page.getByRole('group', { name: E.orderForm });
  await form.getByRole('textbox', { name: E.orderNo }).fill(order.no);
  await form.getByRole('textbox', { name: E.title }).fill(order.title);
  await form.getByRole('textbox', { name: E.quantity }).fill(order.quantity);
  await form.getByRole('button', { name: E.addOrder }).click();
  await expect(form).toBeHidden();
  await send(page, en, partner, text);
}

test('rail: every screen opens; orders view, contact directory and the Unanswered queue', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const buyerCtx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Warsaw' });
  const sellerCtx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Shanghai' });
  const thirdCtx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Lisbon' });
  try {
    const buyer = await buyerCtx.newPage();
    const seller = await sellerCtx.newPage();
    const third = await thirdCtx.newPage();
    await signUp(buyer, BUYER, { t: en, open: server.url });
    await signUp(seller, SELLER, { t: en, open: server.url });
    await signUp(third, THIRD, { t: en, open: server.url });
    await thirdCtx.close();

    // Every rail button is enabled and opens its own screen.
    const screens: [string, () => Promise<void>][] = [
      [
        en.rail.contacts,
        () => expect(seller.getByRole('heading', { name: en.directory.title, level: 1 })).toBeVisible(),
      ],
      [
        en.rail.orders,
        () => expect(seller.getByRole('heading', { name: en.ordersView.title, level: 1 })).toBeVisible(),
      ],
      [
        en.rail.settings,
        () => expect(seller.getByRole('navigation', { name: en.settings.title })).toBeVisible(),
      ],
      [
        en.rail.chats,
        () => expect(seller.getByRole('heading', { name: en.contacts.title, level: 1 })).toBeVisible(),
      ],
    ];
    for (const b of await seller.getByRole('navigation', { name: en.rail.label }).getByRole('button').all())
      await expect(b).toBeEnabled();
    for (const [name, shown] of screens) {
      await railButton(seller, en, name).click();
      await shown();
      await expect(railButton(seller, en, name)).toHaveAttribute('aria-current', 'page');
    }

    // The buyer writes: a greeting, then two orders.
    await addContact(seller, en, BUYER.id);
    await addContact(buyer, en, SELLER.id);
    await buyer
      .getByRole('list', { name: en.contacts.list })
      .getByRole('button', { name: SELLER.name })
      .click();
    await send(buyer, en, SELLER.name, 'Hello from Kraków!');
    await sendWithOrder(
      buyer,
      SELLER.name,
      { no: 'RL-4711', title: 'Solar garden lantern', quantity: '300' },
      'Can you ship RL-4711 by Friday?',
    );
    await sendWithOrder(
      buyer,
      SELLER.name,
      { no: 'RL-4712', title: 'Brass desk lamp', quantity: '120' },
      'And the desk lamps: same terms?',
    );

    // Unanswered: the conversation waits on the seller, with its waiting time.
    const toggle = seller.getByRole('button', { name: en.unanswered.toggle });
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const queue = seller.getByRole('list', { name: en.unanswered.list });
    const waitingRow = queue.getByRole('button', { name: new RegExp(BUYER.name) });
    await expect(waitingRow).toBeVisible();
    await expect(waitingRow).toContainText('And the desk lamps: same terms?');
    await expect(waitingRow).toContainText(pattern(en.waiting.since));
    await expect(queue.getByRole('button')).toHaveCount(1);

    // Orders: both orders listed, with product, partner, last message and who it waits on.
    await railButton(seller, en, en.rail.orders).click();
    const table = seller.getByRole('table', { name: en.ordersView.table });
    const open4711Name = fill(en.ordersView.open, { orderNo: 'RL-4711', name: BUYER.name });
    const open4711 = table.getByRole('button', { name: open4711Name });
    // A row is found by its button (an inner locator is queried within the row).
    const row4711 = table
      .getByRole('row')
      .filter({ has: seller.getByRole('button', { name: open4711Name }) });
    await expect(open4711).toBeVisible();
    await expect(row4711).toContainText('Solar garden lantern');
    await expect(row4711).toContainText(BUYER.name);
    await expect(row4711).toContainText('Can you ship RL-4711 by Friday?');
    await expect(row4711).toContainText(pattern(en.waiting.onMe));
    await expect(table.getByRole('row')).toHaveCount(3); // header + two orders
    // Filtered as you type.
    await seller.getByRole('searchbox', { name: en.ordersView.filter }).fill('desk lamp');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(open4711).toBeHidden();
    await seller.getByRole('searchbox', { name: en.ordersView.filter }).fill('');
    // Sorted by a column, both ways.
    const orderColumn = table.getByRole('columnheader', { name: en.ordersView.order });
    await orderColumn.getByRole('button').click();
    await expect(orderColumn).toHaveAttribute('aria-sort', 'ascending');
    await expect(table.getByRole('row').nth(1)).toContainText('RL-4711');
    await orderColumn.getByRole('button').click();
    await expect(orderColumn).toHaveAttribute('aria-sort', 'descending');
    await expect(table.getByRole('row').nth(1)).toContainText('RL-4712');
    mkdirSync('docs/screenshots', { recursive: true });
    await seller.screenshot({ path: 'docs/screenshots/orders.png' });

    // Choosing an order opens the conversation filtered to it.
    await open4711.click();
    await expect(conversationHeading(seller, BUYER.name)).toBeVisible();
    await expect(seller.getByText(fill(en.evidence.filtered, { orderNo: 'RL-4711' }))).toBeVisible();
    await expect(bubble(seller, 'Can you ship RL-4711 by Friday?')).toBeVisible();
    await expect(bubble(seller, 'Hello from Kraków!')).toHaveCount(0);
    await expect(bubble(seller, 'And the desk lamps: same terms?')).toHaveCount(0);
    await seller.getByRole('button', { name: en.evidence.allMessages }).click();
    await expect(bubble(seller, 'Hello from Kraków!')).toBeVisible();

    // The seller answers: the queue is empty, and the order now waits on the buyer.
    await send(seller, en, BUYER.name, 'Yes: Friday works, and the same terms for the lamps.');
    await expect(composer(seller, en, BUYER.name)).toHaveValue('');
    await seller.getByRole('button', { name: en.unanswered.toggle }).click();
    await expect(seller.getByText(en.unanswered.empty)).toBeVisible();
    await railButton(seller, en, en.rail.orders).click();
    await expect(row4711).toContainText(pattern(en.waiting.onThem, { name: BUYER.name }));

    // The directory: found by company; a new contact added by member ID; a chat opened from it.
    await railButton(seller, en, en.rail.contacts).click();
    const search = seller.getByRole('searchbox', { name: en.directory.search });
    const list = seller.getByRole('list', { name: en.directory.list });
    await search.fill('kraków lighting');
    await expect(
      list.getByRole('button', { name: fill(en.directory.chatWith, { name: BUYER.name }) }),
    ).toBeVisible();
    await expect(list.getByRole('listitem')).toHaveCount(1);
    await search.fill('no such company anywhere');
    await expect(
      seller.getByText(fill(en.directory.noMatch, { query: 'no such company anywhere' })),
    ).toBeVisible();
    await search.fill('');
    await seller.getByRole('button', { name: en.contacts.add }).click();
    await seller.getByRole('textbox', { name: en.contacts.addTitle }).fill(THIRD.id);
    await seller.getByRole('button', { name: en.contacts.addSubmit, exact: true }).click();
    const chatThird = list.getByRole('button', { name: fill(en.directory.chatWith, { name: THIRD.name }) });
    await expect(chatThird).toBeVisible();
    await search.fill('');
    await expect(list.getByRole('listitem')).toHaveCount(2);
    await seller.screenshot({ path: 'docs/screenshots/directory.png' });
    await chatThird.click();
    await expect(conversationHeading(seller, THIRD.name)).toBeVisible();

    // Arabic: the same screens, mirrored.
    const ar = catalogues.ar;
    await seller.evaluate(() => localStorage.setItem('tradewind.language', 'ar'));
    await seller.reload();
    await expect(seller.locator('html')).toHaveAttribute('dir', 'rtl');
    await railButton(seller, ar, ar.rail.orders).click();
    await expect(seller.getByRole('table', { name: ar.ordersView.table }).getByRole('row')).toHaveCount(3);
    await seller.screenshot({ path: 'docs/screenshots/orders-ar.png' });
    await railButton(seller, ar, ar.rail.contacts).click();
    await expect(seller.getByRole('list', { name: ar.directory.list }).getByRole('listitem')).toHaveCount(2);
    await seller.screenshot({ path: 'docs/screenshots/directory-ar.png' });
  } finally {
    await buyerCtx.close();
    await sellerCtx.close();
    await thirdCtx.close();
  }
});
