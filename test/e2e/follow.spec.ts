/**
 * Issue 10, an open conversation follows its newest message until the user scrolls away:
 * - a scroll the page makes itself (the virtualizer measuring rows, the window read first and
 *   then live) does not stop the following: a message that arrives next is on screen. Before,
 *   one such scroll 80 px from the bottom let go of the newest message (jump.spec failed once in
 *   six runs, the newest left under a bar that came after the list);
 * - a wheel up by the user does: what arrives next does not pull the list down from where the
 *   user reads.
 */
import { en } from '../../renderer/src/app/catalogues';
import { call, signIn } from '../helpers/client';
import { expect, test } from './fixtures';
import { bubble, connect, contactRow, messageLog, signUp, type Person } from './ui';

// Member ids are unique across every spec file (the files a worker runs share its server): this file's start with fo-.
const BUYER: Person = {
  id: 'fo-buyer',
  name: 'Ioana Popescu',
  company: 'Cluj Hardware',
  password: 'a long enough password',
};
const SELLER: Person = {
  id: 'fo-seller',
  name: 'Wang Fang',
  company: 'Ningbo Fasteners',
  role: 'seller',
  password: 'a long enough password',
};

test('the open conversation follows its newest message through the page’s own scrolls, and stays where the user scrolled to', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const buyerCtx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Bucharest' });
  const sellerCtx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Shanghai' });
  try {
    const buyer = await buyerCtx.newPage();
    const seller = await sellerCtx.newPage();
    await signUp(buyer, BUYER, { t: en, open: server.url });
    await signUp(seller, SELLER, { t: en, open: server.url });
    await connect({ page: buyer, t: en, person: BUYER }, { page: seller, t: en, person: SELLER });
    await seller.close();

    const { socket } = await signIn(server.url, SELLER.id, SELLER.password);
    const from = async (text: string): Promise<void> => {
      await call(socket, 'message:send', {
        to: BUYER.id,
        clientId: crypto.randomUUID(),
        text,
        attachments: [],
      });
    };
    try {
      // More than the list's height holds.
      for (let i = 1; i <= 30; i++) await from(`Bolt M${i} price`);
      await contactRow(buyer, en, SELLER.name).first().click();
      const log = messageLog(buyer);
      await expect(bubble(buyer, 'Bolt M30 price')).toBeInViewport();

      // The page scrolls the list itself, 300 px up (as the virtualizer does when rows it measured
      // turn out shorter than estimated): not the user, so the next message is followed.
      await log.evaluate(
        (el) =>
          new Promise<void>((scrolled) => {
            el.addEventListener('scroll', () => scrolled(), { once: true });
            el.scrollTop -= 300;
          }),
      );
      await from('Bolt M31 price');
      await expect(bubble(buyer, 'Bolt M31 price')).toBeInViewport();

      // The user wheels up: what arrives next stays below, and the list stays where it was.
      const box = (await log.boundingBox())!;
      await buyer.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const top = (): Promise<number> => log.evaluate((el) => el.scrollTop);
      const bottom = await top();
      await buyer.mouse.wheel(0, -600);
      await expect.poll(top).toBeLessThan(bottom - 300);
      const reading = await top();
      await from('Bolt M32 price');
      // Stored and shown in the contact list: it has arrived.
      await expect(contactRow(buyer, en, SELLER.name).first()).toContainText('Bolt M32 price');
      await expect(bubble(buyer, 'Bolt M32 price')).not.toBeInViewport();
      expect(await top()).toBe(reading);

      // Back at the bottom by the wheel: followed again.
      await buyer.mouse.wheel(0, 100_000);
      await expect(bubble(buyer, 'Bolt M32 price')).toBeInViewport();
      await from('Bolt M33 price');
      await expect(bubble(buyer, 'Bolt M33 price')).toBeInViewport();
    } finally {
      socket.close();
    }
  } finally {
    await buyerCtx.close();
    await sellerCtx.close();
  }
});
