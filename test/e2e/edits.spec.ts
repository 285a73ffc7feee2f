/**
 * Issue 11, end to end in Debian's Chromium, browser mode, with the DeepL-compatible peer: a
 * Polish buyer in Warsaw and a Chinese seller in Shanghai. The seller edits a message from its
 * menu (the composer switches to edit mode; Escape cancels, Enter saves): the buyer sees the
 * latest text, translated, marked "edited", and opens the history with both versions and their
 * times in Polish, in Warsaw time. The buyer replies to a message: the seller sees the quote,
 * and clicking it jumps to the original. The buyer retracts a message: the seller sees a
 * placeholder, the old text one click away in the history. Screenshots: the history dialog and
 * a quoted reply (docs/screenshots/edit-history.png, reply-quote.png).
 */
import { mkdirSync } from 'node:fs';
import { startDeeplPeer, type DeeplPeer } from '../peers/deepl';
import { type Messages, pl, zh } from '../../renderer/src/app/catalogues';
import { expect, startServer, test, type TradewindServer } from './fixtures';
import {
  addContact,
  bubble,
  composer,
  contactRow,
  messageLog,
  pickFromBubble,
  send,
  signUp,
  type Person,
} from './ui';

const BUYER: Person = {
  id: 'ed-buyer',
  name: 'Anna Nowak',
  company: 'Nowak Import',
  role: 'buyer',
  password: 'correct horse 1',
};
const SELLER: Person = {
  id: 'ed-seller',
  name: 'Chen Jing',
  company: 'Ningbo Bright Lighting',
  role: 'seller',
  password: 'correct horse 2',
};

let peer: DeeplPeer;
let server: TradewindServer;
let stopServer: () => Promise<void>;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  peer = await startDeeplPeer({ port: 0 });
  ({ server, stop: stopServer } = await startServer([], {
    DEEPL_AUTH_KEY: 'e2e-key:fx',
    DEEPL_SERVER_URL: peer.url,
  }));
});
test.afterAll(async () => {
  await stopServer?.();
  await peer?.close();
});

const mark = (t: Messages, key: 'edited' | 'retracted') => new RegExp(t.bubble[key].replace(' {{time}}', ''));

test('edit, retract and reply: both sides see the latest text, the history and the quote', async ({
  browser,
}) => {
  test.setTimeout(240_000);
  const buyerCtx = await browser.newContext({ timezoneId: 'Europe/Warsaw', locale: 'pl-PL' });
  const sellerCtx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  try {
    const buyer = await buyerCtx.newPage();
    const seller = await sellerCtx.newPage();
    await signUp(buyer, BUYER, { t: pl, open: server.url });
    await signUp(seller, SELLER, { t: zh, open: server.url });
    await addContact(buyer, pl, SELLER.id);
    await expect(contactRow(buyer, pl, SELLER.name)).toBeVisible();
    await addContact(seller, zh, BUYER.id);
    await expect(contactRow(seller, zh, BUYER.name)).toBeVisible();
    await contactRow(buyer, pl, SELLER.name).click();
    await contactRow(seller, zh, BUYER.name).click();

    const question = 'Czy MOQ 500 sztuk jest stałe?';
    await send(buyer, pl, SELLER.name, question);
    const price = '单价 3.20 美元';
    await send(seller, zh, BUYER.name, price);
    await expect(bubble(buyer, `[PL] ${price}`)).toBeVisible();

    // Edit mode shows what is edited; Escape leaves it and the composer comes back.
    await pickFromBubble(seller, zh, bubble(seller, price), zh.bubble.edit);
    const field = seller.getByRole('textbox', { name: zh.bubble.editField });
    await expect(field).toHaveValue(price);
    await expect(seller.getByText(zh.bubble.editing)).toBeVisible();
    await field.press('Escape');
    await expect(field).toHaveCount(0);
    await expect(composer(seller, zh, BUYER.name)).toBeVisible();

    // The seller edits: Enter saves, the bubble shows the new text, marked "edited".
    await pickFromBubble(seller, zh, bubble(seller, price), zh.bubble.edit);
    const edited = '单价 3.10 美元';
    await field.fill(edited);
    await field.press('Enter');
    await expect(field).toHaveCount(0);
    await expect(bubble(seller, edited)).toContainText(mark(zh, 'edited'));
    await expect(messageLog(seller).getByText(price)).toHaveCount(0);

    // The buyer sees the latest text, translated for her, marked "edited" — no extra bubble.
    const forBuyer = bubble(buyer, `[PL] ${edited}`);
    await expect(forBuyer).toBeVisible();
    await expect(messageLog(buyer).getByText('3.20')).toHaveCount(0);
    await expect(messageLog(buyer).getByRole('listitem')).toHaveCount(2 + 1); // day separator + 2 bubbles
    await forBuyer.getByRole('button', { name: mark(pl, 'edited') }).click();
    const history = buyer.getByRole('dialog', { name: pl.bubble.historyTitle });
    await expect(history).toBeVisible();
    const versions = history.getByRole('listitem');
    await expect(versions).toHaveCount(2);
    await expect(versions.nth(0)).toContainText(pl.bubble.original);
    await expect(versions.nth(0)).toContainText(price);
    await expect(versions.nth(1)).toContainText(pl.bubble.editVersion);
    await expect(versions.nth(1)).toContainText(edited);
    // Times in the reader's locale and time zone (Polish, Warsaw).
    for (const v of await versions.all()) {
      const time = v.locator('time');
      const iso = (await time.getAttribute('datetime'))!;
      const want = new Intl.DateTimeFormat('pl-PL', {
        dateStyle: 'medium',
        timeStyle: 'medium',
        timeZone: 'Europe/Warsaw',
      }).format(new Date(iso));
      await expect(time).toHaveText(want);
    }
    mkdirSync('docs/screenshots', { recursive: true });
    await buyer.screenshot({ path: 'docs/screenshots/edit-history.png' });
    await history.getByRole('button', { name: pl.bubble.close }).click();
    await expect(history).toHaveCount(0);

    // The buyer replies to the edited message; Escape first cancels a reply, then she replies.
    await pickFromBubble(buyer, pl, forBuyer, pl.bubble.reply);
    const replying = buyer.getByRole('group', {
      name: pl.bubble.replyingTo.replace('{{name}}', SELLER.name),
    });
    await expect(replying).toBeVisible();
    await composer(buyer, pl, SELLER.name).press('Escape');
    await expect(replying).toHaveCount(0);
    await pickFromBubble(buyer, pl, forBuyer, pl.bubble.reply);
    await expect(replying).toBeVisible();
    const reply = 'Czy to cena FOB Ningbo?';
    await send(buyer, pl, SELLER.name, reply);
    await expect(replying).toHaveCount(0);

    // The seller sees the quote (his own message, edited) above the reply; a click jumps to it.
    const replyLine = bubble(seller, `[ZH] ${reply}`);
    const quote = replyLine.getByRole('button', {
      name: new RegExp(zh.bubble.quote.replace('{{name}}', zh.conversation.you)),
    });
    await expect(quote).toContainText(edited);
    await seller.screenshot({ path: 'docs/screenshots/reply-quote.png' });
    await quote.click();
    const current = messageLog(seller).locator('[aria-current="true"]');
    await expect(current).toContainText(edited);
    await expect(current).not.toContainText(reply);

    // The buyer retracts her first message, after a confirmation.
    await pickFromBubble(buyer, pl, bubble(buyer, question), pl.bubble.retract);
    const confirm = buyer.getByRole('dialog', { name: pl.bubble.retractTitle });
    await confirm.getByRole('button', { name: pl.bubble.retractConfirm }).click();
    await expect(confirm).toHaveCount(0);
    await expect(messageLog(buyer).getByText(question)).toHaveCount(0);
    await expect(messageLog(buyer).getByText(pl.bubble.retractedText)).toBeVisible();

    // The seller sees the placeholder, not the old text; the history has it, one click away.
    const retracted = bubble(seller, zh.bubble.retractedText);
    await expect(retracted).toBeVisible();
    await expect(messageLog(seller).getByText(question)).toHaveCount(0);
    await retracted.getByRole('button', { name: mark(zh, 'retracted') }).click();
    const sellerHistory = seller.getByRole('dialog', { name: zh.bubble.historyTitle });
    await expect(sellerHistory.getByRole('listitem')).toHaveCount(2);
    await expect(sellerHistory.getByRole('listitem').nth(0)).toContainText(question);
    await expect(sellerHistory.getByRole('listitem').nth(1)).toContainText(zh.bubble.retraction);
    await sellerHistory.press('Escape');
    await expect(sellerHistory).toHaveCount(0);
    // A retracted message offers no more actions but its versions.
    await retracted.hover();
    await retracted.getByRole('button', { name: zh.bubble.actions }).click();
    await expect(seller.getByRole('menu').getByRole('menuitem')).toHaveText([zh.bubble.history]);
  } finally {
    await buyerCtx.close();
    await sellerCtx.close();
  }
});
