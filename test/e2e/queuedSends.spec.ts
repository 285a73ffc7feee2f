/**
 * Issue 10, "nothing lost, ever — not a typed message", when IndexedDB is busy: read-write
 * transactions on overlapping tables queue (a send's commit, the draft write of the text typed
 * next, the next send's commit …), and Chromium aborts the queued ones when the page goes. A
 * client bench lost the last of five quick sends that way. Here the queue is made certain, not
 * left to timing: beside the app, the test holds a read-write transaction on the tables a send
 * and a draft write need, so every commit of the app waits behind it; then it sends twice, types
 * a third text, and closes (or reloads) the page while all of it is still queued. After reopening,
 * both sends are in the conversation and on the server exactly once, in order, the outbox drains,
 * and the composer holds the third text. With something attached, the caption typed while the
 * store was busy waits in the composer with the files. An edit confirmed while the store is busy,
 * and a retraction likewise, is applied exactly once after the page closed (both are journaled as
 * sends are). An edit or a retraction whose write fails says so and can be tried again.
 */
import type { Locator, Page } from '@playwright/test';
import { en } from '../../renderer/src/app/catalogues';
import { allMessages, call, PASSWORD, signIn } from '../helpers/client';
import { expect, test } from './fixtures';
import {
  addContact,
  allowOutboxWrites,
  bubble,
  buyerWritingTo,
  composer,
  contactRow,
  conversationHeading,
  messageLog,
  openConversation,
  pickFromBubble,
  refuseOutboxWrites,
  sellerByApi,
  signUp,
} from './ui';

/** Tables a send (plain or with files) and a draft write commit to. */
const HELD = ['messages', 'outbox', 'conversations', 'drafts', 'draftFiles'];
/** A bound on the holding transaction's requests, so a test gone wrong does not spin forever. */
const MAX_REQUESTS = 2_000_000;

interface HoldWindow {
  __hold?: { on: boolean; requests: number; ended: boolean };
}

/**
 * Opens the app's database beside it (raw IndexedDB, the name it has for this account) and holds
 * a read-write transaction on `HELD`, kept alive by chaining reads, until `release` or the page
 * goes: every read-write commit of the app on those tables queues behind it meanwhile.
 */
async function hold(page: Page): Promise<void> {
  await page.evaluate(
    async ([stores, max]) => {
      const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n?.startsWith('tradewind:'));
      if (!name) throw new Error('no Tradewind database');
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name);
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(new Error(r.error?.message));
      });
      const state = { on: true, requests: 0, ended: false };
      (window as HoldWindow).__hold = state;
      const tx = db.transaction(stores, 'readwrite');
      tx.oncomplete = tx.onabort = () => {
        state.ended = true;
        db.close();
      };
      // Granted once its first read answers: from then on the app's writes on these tables queue.
      await new Promise<void>((granted) => {
        const next = (): void => {
          const r = tx.objectStore('drafts').get('');
          r.onsuccess = () => {
            if (state.requests++ === 0) granted();
            if (state.on && state.requests < max) next();
          };
        };
        next();
      });
    },
    [HELD, MAX_REQUESTS] as const,
  );
}

/** Whether the transaction `hold` opened is still holding (checked right before the page goes). */
const holding = (page: Page): Promise<boolean> =>
  page.evaluate(() => {
    const h = (window as HoldWindow).__hold;
    return h !== undefined && h.on && !h.ended;
  });

/** How many rows a table of the app's database holds, read beside it. */
const rowsIn = (page: Page, table: string): Promise<number> =>
  page.evaluate(async (store) => {
    const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n?.startsWith('tradewind:'));
    if (!name) throw new Error('no Tradewind database');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(r.error?.message));
    });
    try {
      return await new Promise<number>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).count();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(new Error(r.error?.message));
      });
    } finally {
      db.close();
    }
  }, table);

/** The texts of the open conversation's bubbles that contain `mark`, top to bottom. */
const texts = async (page: Page, mark: string): Promise<string[]> =>
  (await messageLog(page).getByRole('listitem').filter({ hasText: mark }).allInnerTexts()).map(
    (t) => (t.match(new RegExp(`${mark} \\d+`)) ?? [''])[0],
  );

/** What the partner's server side holds of the conversation, as texts in seq order. */
async function onServer(url: string, memberId: string): Promise<string[]> {
  const { socket } = await signIn(url, memberId);
  try {
    const [conv] = await call(socket, 'sync:conversations', {});
    return conv ? (await allMessages(socket, conv.id)).map((m) => m.text) : [];
  } finally {
    socket.close();
  }
}

/**
 * Sends `text` to `seller` from the composer and waits until the server has stored it (only then
 * does its menu offer an edit or a retraction).
 */
async function sentAndStored(
  page: Page,
  url: string,
  seller: { id: string; name: string },
  text: string,
): Promise<void> {
  await composer(page, en, seller.name).fill(text);
  await composer(page, en, seller.name).press('Enter');
  await expect.poll(() => onServer(url, seller.id)).toEqual([text]);
}

/** `sentAndStored`, then the edit bar opened on it: returns the edit field. */
async function sentThenEditing(
  page: Page,
  url: string,
  seller: { id: string; name: string },
  text: string,
): Promise<Locator> {
  await sentAndStored(page, url, seller, text);
  await pickFromBubble(page, en, bubble(page, text), en.bubble.edit);
  return page.getByRole('textbox', { name: en.bubble.editField });
}

/**
 * With the store held: `a` + Enter, `b` + Enter (each waiting only for its bubble), `c` typed,
 * the hold checked to be still in place; then `leave` closes or reloads the page.
 */
async function sendWhileQueued(page: Page, who: string, [a, b, c]: readonly string[]): Promise<void> {
  const box = composer(page, en, who);
  await hold(page);
  for (const text of [a!, b!]) {
    await box.fill(text);
    await box.press('Enter');
    await expect(bubble(page, text)).toBeVisible();
  }
  await box.fill(c!);
  // Still queued, all of it: nothing of the above can have been committed.
  expect(await holding(page)).toBe(true);
}

test('sends queued behind a busy store, then the page closed or reloaded: each sent once, in order, and the text typed after them kept', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Queue Seller';
  await sellerByApi(server.url, 'queue-seller', SELLER, 'Queue Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    let page = await ctx.newPage();
    await buyerWritingTo(
      page,
      en,
      server.url,
      { id: 'queue-seller', name: SELLER },
      {
        id: 'queue-buyer',
        name: 'Queue Buyer',
        company: 'Queue Import',
      },
    );

    // The page closed (a restart).
    await sendWhileQueued(page, SELLER, ['queued 1', 'queued 2', 'queued 3']);
    await page.close({ runBeforeUnload: false });
    page = await ctx.newPage();
    await page.goto(server.url);
    await openConversation(page, en, SELLER);
    await expect.poll(() => texts(page, 'queued')).toEqual(['queued 1', 'queued 2']);
    await expect(composer(page, en, SELLER)).toHaveValue('queued 3');

    // The page reloaded (a renderer reload).
    await sendWhileQueued(page, SELLER, ['queued 4', 'queued 5', 'queued 6']);
    await page.reload();
    await openConversation(page, en, SELLER);
    await expect.poll(() => texts(page, 'queued')).toEqual(['queued 1', 'queued 2', 'queued 4', 'queued 5']);
    await expect(composer(page, en, SELLER)).toHaveValue('queued 6');

    // The server holds each exactly once, in order, and this device's outbox drains.
    await expect
      .poll(() => onServer(server.url, 'queue-seller'))
      .toEqual(['queued 1', 'queued 2', 'queued 4', 'queued 5']);
    await expect.poll(() => rowsIn(page, 'outbox')).toBe(0);
    // A reload after it all settled brings nothing back twice.
    await page.reload();
    await openConversation(page, en, SELLER);
    await expect.poll(() => texts(page, 'queued')).toEqual(['queued 1', 'queued 2', 'queued 4', 'queued 5']);
    await expect(composer(page, en, SELLER)).toHaveValue('queued 6');
  } finally {
    await ctx.close();
  }
});

test('a caption typed and sent with a photo while the store is busy waits with the photo after a close', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Queue Photo Seller';
  await sellerByApi(server.url, 'queue-photo-seller', SELLER, 'Queue Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    let page = await ctx.newPage();
    await buyerWritingTo(
      page,
      en,
      server.url,
      { id: 'queue-photo-seller', name: SELLER },
      {
        id: 'queue-photo-buyer',
        name: 'Queue Photo Buyer',
        company: 'Queue Import',
      },
    );
    const attached = (p: Page) => p.getByRole('list', { name: en.evidence.attached }).getByRole('listitem');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: en.evidence.attach }).click();
    await (
      await chooser
    ).setFiles([
      {
        name: 'photo.png',
        mimeType: 'image/png',
        buffer: Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
          'base64',
        ),
      },
    ]);
    await expect(attached(page)).toHaveCount(1);
    // The photo is kept (draftFiles) before the store gets busy: a reload shows it.
    await expect.poll(() => rowsIn(page, 'draftFiles')).toBe(1);
    await page.reload();
    await openConversation(page, en, SELLER);
    await expect(attached(page)).toHaveCount(1);

    await hold(page);
    const caption = 'queued caption with the photo';
    await composer(page, en, SELLER).fill(caption);
    await composer(page, en, SELLER).press('Enter');
    expect(await holding(page)).toBe(true);
    await page.close({ runBeforeUnload: false });
    page = await ctx.newPage();
    await page.goto(server.url);
    await openConversation(page, en, SELLER);
    // Not committed: nothing was sent; photo and caption wait in the composer, and go once.
    await expect(attached(page)).toHaveCount(1);
    await expect(composer(page, en, SELLER)).toHaveValue(caption);
    await expect(bubble(page, caption)).toHaveCount(0);
    await composer(page, en, SELLER).press('Enter');
    await expect(bubble(page, caption)).toHaveCount(1);
    await expect(attached(page)).toHaveCount(0);
    await expect(composer(page, en, SELLER)).toHaveValue('');
    await expect.poll(() => onServer(server.url, 'queue-photo-seller')).toEqual([caption]);
  } finally {
    await ctx.close();
  }
});

test('a text send whose write fails keeps its text through a reload, and goes once', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Queue Refusing Seller';
  await sellerByApi(server.url, 'queue-refusing-seller', SELLER, 'Queue Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await ctx.newPage();
    await buyerWritingTo(
      page,
      en,
      server.url,
      { id: 'queue-refusing-seller', name: SELLER },
      {
        id: 'queue-refused-buyer',
        name: 'Queue Refused Buyer',
        company: 'Queue Import',
      },
    );
    const text = 'refused once, then sent';
    await composer(page, en, SELLER).fill(text);
    await refuseOutboxWrites(page);
    await composer(page, en, SELLER).press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: en.draft.notSaved })).toBeVisible();
    await expect(composer(page, en, SELLER)).toHaveValue(text);
    await expect(bubble(page, text)).toHaveCount(0);
    // Reloaded: the text is still in the composer, and nothing was sent behind it.
    await page.reload();
    await openConversation(page, en, SELLER);
    await expect(composer(page, en, SELLER)).toHaveValue(text);
    await expect(bubble(page, text)).toHaveCount(0);
    await composer(page, en, SELLER).press('Enter');
    await expect(bubble(page, text)).toHaveCount(1);
    await expect(composer(page, en, SELLER)).toHaveValue('');
    await expect.poll(() => onServer(server.url, 'queue-refusing-seller')).toEqual([text]);
    await expect.poll(() => rowsIn(page, 'outbox')).toBe(0);
    // And after another reload the composer stays empty.
    await page.reload();
    await openConversation(page, en, SELLER);
    await expect(bubble(page, text)).toHaveCount(1);
    await expect(composer(page, en, SELLER)).toHaveValue('');
  } finally {
    await ctx.close();
  }
});

// The failure path journals the composer's text again after the commit failed, with the composer
// gone: else the journal keeps the '' that Enter wrote and, being "newer", hides the IndexedDB
// draft that still holds the text.
test('a send whose write fails after the user switched conversations keeps its text', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Queue Switch Seller';
  const OTHER = 'Queue Other Seller';
  await sellerByApi(server.url, 'queue-switch-seller', SELLER, 'Queue Factory');
  await sellerByApi(server.url, 'queue-other-seller', OTHER, 'Queue Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await ctx.newPage();
    await signUp(
      page,
      { id: 'queue-switch-buyer', name: 'Queue Switch Buyer', company: 'Queue Import', password: PASSWORD },
      { t: en, open: server.url },
    );
    await addContact(page, en, 'queue-switch-seller');
    await expect(contactRow(page, en, SELLER)).toBeVisible();
    await addContact(page, en, 'queue-other-seller');
    await expect(contactRow(page, en, OTHER)).toBeVisible();
    await openConversation(page, en, SELLER);
    const text = 'refused after I left';
    await composer(page, en, SELLER).fill(text);
    await expect.poll(() => rowsIn(page, 'drafts')).toBe(1);
    await hold(page);
    await refuseOutboxWrites(page);
    await composer(page, en, SELLER).press('Enter');
    await expect(bubble(page, text)).toBeVisible();
    await contactRow(page, en, OTHER).click();
    await expect(conversationHeading(page, OTHER)).toBeVisible();
    expect(await holding(page)).toBe(true);
    // The store lets go: the queued write runs and fails, with its composer gone.
    await page.evaluate(() => {
      (window as HoldWindow).__hold!.on = false;
    });
    await expect.poll(() => page.evaluate(() => (window as HoldWindow).__hold!.ended)).toBe(true);
    await openConversation(page, en, SELLER);
    await expect(bubble(page, text)).toHaveCount(0);
    // Not sent, so it must still be in the composer.
    await expect(composer(page, en, SELLER)).toHaveValue(text);
  } finally {
    await ctx.close();
  }
});

test('an edit whose write fails keeps the edit bar open with its text, and says so', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Queue Edit Seller';
  await sellerByApi(server.url, 'queue-edit-seller', SELLER, 'Queue Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await ctx.newPage();
    await buyerWritingTo(
      page,
      en,
      server.url,
      { id: 'queue-edit-seller', name: SELLER },
      {
        id: 'queue-edit-buyer',
        name: 'Queue Edit Buyer',
        company: 'Queue Import',
      },
    );
    const field = await sentThenEditing(
      page,
      server.url,
      { id: 'queue-edit-seller', name: SELLER },
      'price 12 USD',
    );
    await field.fill('price 11 USD');
    await refuseOutboxWrites(page);
    await field.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: en.draft.notSaved })).toBeVisible();
    await expect(field).toHaveValue('price 11 USD');
    await expect(bubble(page, 'price 11 USD')).toHaveCount(0);
  } finally {
    await ctx.close();
  }
});

// The retraction's twin of the edit bar's failure: the dialog stays open and says so (no unhandled
// rejection behind it), and the same button tries again once the disk has room.
test('a retraction whose write fails keeps its dialog open, says so, and a second click retracts', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Queue Retract Fail Seller';
  const seller = { id: 'queue-retract-fail-seller', name: SELLER };
  await sellerByApi(server.url, seller.id, SELLER, 'Queue Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await buyerWritingTo(page, en, server.url, seller, {
      id: 'queue-retract-fail-buyer',
      name: 'Queue Retract Fail Buyer',
      company: 'Queue Import',
    });
    const text = 'price 12 USD, retract refused';
    await sentAndStored(page, server.url, seller, text);
    await pickFromBubble(page, en, bubble(page, text), en.bubble.retract);
    const dialog = page.getByRole('dialog', { name: en.bubble.retractTitle });
    const confirm = dialog.getByRole('button', { name: en.bubble.retractConfirm });
    await refuseOutboxWrites(page);
    await confirm.click();
    await expect(dialog.getByRole('alert')).toHaveText(en.bubble.retractNotSaved);
    await expect(dialog).toBeVisible();
    await expect(bubble(page, text)).toHaveCount(1);
    await expect(bubble(page, en.bubble.retractedText)).toHaveCount(0);
    expect(errors).toEqual([]);
    // Room again: the same button retracts, once.
    await allowOutboxWrites(page);
    await confirm.click();
    await expect(dialog).toBeHidden();
    await expect(bubble(page, en.bubble.retractedText)).toHaveCount(1);
    await expect(bubble(page, text)).toHaveCount(0);
    await expect.poll(() => onServer(server.url, seller.id)).toEqual([text, '']);
    await expect.poll(() => rowsIn(page, 'outbox')).toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await ctx.close();
  }
});

// Issue 10's follow-up: an edit is journaled as a send is (db/journal.ts). With the store held its
// commit cannot happen before the page goes; the journal's replay applies it, once.
test('an edit confirmed while the store is busy, then the page closed: applied exactly once after reopening', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Queue Edit Close Seller';
  await sellerByApi(server.url, 'queue-edit-close-seller', SELLER, 'Queue Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    let page = await ctx.newPage();
    await buyerWritingTo(
      page,
      en,
      server.url,
      { id: 'queue-edit-close-seller', name: SELLER },
      {
        id: 'queue-edit-close-buyer',
        name: 'Queue Edit Close Buyer',
        company: 'Queue Import',
      },
    );
    const text = 'price 12 USD';
    const edited = 'price 11 USD';
    const field = await sentThenEditing(
      page,
      server.url,
      { id: 'queue-edit-close-seller', name: SELLER },
      text,
    );
    await field.fill(edited);
    await hold(page);
    await field.press('Enter');
    // Still queued: the edit cannot have been committed when the page goes.
    expect(await holding(page)).toBe(true);
    await page.close({ runBeforeUnload: false });

    page = await ctx.newPage();
    await page.goto(server.url);
    await openConversation(page, en, SELLER);
    await expect(bubble(page, edited)).toHaveCount(1);
    await expect(bubble(page, edited)).toContainText(en.bubble.edited.replace(' {{time}}', ''));
    await expect(bubble(page, text)).toHaveCount(0);
    // On the server exactly once, and the outbox drains; a reload brings nothing back twice.
    await expect.poll(() => onServer(server.url, 'queue-edit-close-seller')).toEqual([text, edited]);
    await expect.poll(() => rowsIn(page, 'outbox')).toBe(0);
    await page.reload();
    await openConversation(page, en, SELLER);
    await expect(bubble(page, edited)).toHaveCount(1);
    expect(await onServer(server.url, 'queue-edit-close-seller')).toEqual([text, edited]);
  } finally {
    await ctx.close();
  }
});

// Issue 10's follow-up, for a retraction: one click in its dialog, journaled as an edit is. With the
// store held its commit cannot happen before the page goes; the journal's replay applies it, once.
test('a retraction confirmed while the store is busy, then the page closed: applied exactly once after reopening', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Queue Retract Close Seller';
  const seller = { id: 'queue-retract-close-seller', name: SELLER };
  await sellerByApi(server.url, seller.id, SELLER, 'Queue Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    let page = await ctx.newPage();
    await buyerWritingTo(page, en, server.url, seller, {
      id: 'queue-retract-close-buyer',
      name: 'Queue Retract Close Buyer',
      company: 'Queue Import',
    });
    const text = 'price 12 USD, sent by mistake';
    await sentAndStored(page, server.url, seller, text);
    await pickFromBubble(page, en, bubble(page, text), en.bubble.retract);
    const confirm = page.getByRole('dialog', { name: en.bubble.retractTitle });
    await hold(page);
    await confirm.getByRole('button', { name: en.bubble.retractConfirm }).click();
    // Still queued: the retraction cannot have been committed when the page goes.
    expect(await holding(page)).toBe(true);
    await page.close({ runBeforeUnload: false });

    page = await ctx.newPage();
    await page.goto(server.url);
    await openConversation(page, en, SELLER);
    await expect(bubble(page, en.bubble.retractedText)).toHaveCount(1);
    await expect(bubble(page, text)).toHaveCount(0);
    // On the server exactly once (a retraction's text is empty), and the outbox drains; a reload
    // brings nothing back twice.
    await expect.poll(() => onServer(server.url, seller.id)).toEqual([text, '']);
    await expect.poll(() => rowsIn(page, 'outbox')).toBe(0);
    await page.reload();
    await openConversation(page, en, SELLER);
    await expect(bubble(page, en.bubble.retractedText)).toHaveCount(1);
    expect(await onServer(server.url, seller.id)).toEqual([text, '']);
  } finally {
    await ctx.close();
  }
});
