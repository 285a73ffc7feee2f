/**
 * Issue 10, "nothing typed is lost", for what is attached: a conversation's photos, files and
 * order reference are kept in IndexedDB with its draft, so a reload and a restart (the page
 * closed, a new one opened) find them still attached; sending takes them out of the draft in the
 * commit that writes the message, so they are sent once and the draft is gone after that. A send
 * whose write fails (IndexedDB refuses the outbox entry) keeps everything in the composer and
 * says so.
 */
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { en } from '../../renderer/src/app/catalogues';
import { call, connect, PASSWORD } from '../helpers/client';
import { expect, test } from './fixtures';
import {
  bubble,
  buyerWritingTo,
  composer,
  loseBytes,
  openConversation,
  refuseOutboxWrites,
  sellerByApi,
} from './ui';

const E = en.evidence;
const fill = (s: string, v: Record<string, string>): string =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => v[k] ?? '');
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');

/** A 1×1 PNG. */
const PHOTO = {
  name: 'photo.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
};
const PDF = {
  name: 'quote.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n% quotation for order 8123\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
};
const MISTAKE = { name: 'mistake.txt', mimeType: 'text/plain', buffer: Buffer.from('not this one\n') };
const CHIP = 'Order #8123 · LED strip ×300';

/** What this device's IndexedDB holds of drafts, read beside the app (not through it). */
async function stored(
  page: Page,
): Promise<{ texts: string[]; files: string[]; orders: number; blobs: string[] }> {
  return page.evaluate(async () => {
    const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n?.startsWith('tradewind:'));
    if (!name) throw new Error('no Tradewind database');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(r.error?.message));
    });
    // A store this version of the app does not have holds nothing.
    const read = <T>(store: string, keys = false): Promise<T[]> =>
      new Promise((resolve, reject) => {
        if (!db.objectStoreNames.contains(store)) return resolve([]);
        const s = db.transaction(store).objectStore(store);
        const r = keys ? s.getAllKeys() : s.getAll();
        r.onsuccess = () => resolve(r.result as T[]);
        r.onerror = () => reject(new Error(r.error?.message));
      });
    try {
      const texts = (await read<{ text: string }>('drafts')).map((d) => d.text);
      const rows = await read<{ files: { ref: { name: string } }[]; order: unknown }>('draftFiles');
      return {
        texts,
        files: rows.flatMap((r) => r.files.map((f) => f.ref.name)).sort(),
        orders: rows.filter((r) => r.order !== null).length,
        blobs: await read<string>('attachmentBlobs', true),
      };
    } finally {
      db.close();
    }
  });
}

async function attach(page: Page, files: (typeof PHOTO)[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: E.attach }).click();
  await (await chooser).setFiles(files);
}

async function attachOrder(page: Page): Promise<void> {
  await page.getByRole('button', { name: E.attachOrder }).click();
  const form = page.getByRole('group', { name: E.orderForm });
  await form.getByRole('textbox', { name: E.orderNo }).fill('8123');
  await form.getByRole('textbox', { name: E.title }).fill('LED strip');
  await form.getByRole('textbox', { name: E.quantity }).fill('300');
  await form.getByRole('button', { name: E.addOrder }).click();
  await expect(form).toBeHidden();
}

const attached = (page: Page) => page.getByRole('list', { name: E.attached }).getByRole('listitem');
const orderInComposer = (page: Page) => page.getByRole('button', { name: E.removeOrder });

test('photos and files attached survive a reload and a restart, are sent once, and leave the draft', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Draft Seller';
  await sellerByApi(server.url, 'draft-seller', SELLER, 'Draft Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    let page = await ctx.newPage();
    await buyerWritingTo(
      page,
      en,
      server.url,
      { id: 'draft-seller', name: SELLER },
      {
        id: 'draft-buyer',
        name: 'Draft Buyer',
        company: 'Draft Import',
      },
    );

    // A photo, a file and one picked by mistake, removed again; an order; a line of text.
    await attach(page, [PHOTO, PDF, MISTAKE]);
    await expect(attached(page)).toHaveCount(3);
    await page.getByRole('button', { name: fill(E.removeAttachment, { name: MISTAKE.name }) }).click();
    await expect(attached(page)).toHaveCount(2);
    await attachOrder(page);
    const text = 'Quotation and photo for #8123';
    await composer(page, en, SELLER).fill(text);
    // Stored as they were attached: the bytes once, where the sent message will read them; the
    // removed file's bytes went with it. (Waited for, so the reload below does not race the writes.)
    await expect
      .poll(() => stored(page))
      .toEqual({
        texts: [text],
        files: [PDF.name, PHOTO.name].sort(),
        orders: 1,
        blobs: [sha256(PHOTO.buffer), sha256(PDF.buffer)].sort(),
      });

    const stillAttached = async (): Promise<void> => {
      await openConversation(page, en, SELLER);
      await expect(attached(page).filter({ hasText: PHOTO.name })).toBeVisible();
      await expect(attached(page).filter({ hasText: PDF.name })).toBeVisible();
      await expect(attached(page)).toHaveCount(2);
      await expect(orderInComposer(page)).toBeVisible();
      await expect(page.locator('form.composer')).toContainText(CHIP);
      await expect(composer(page, en, SELLER)).toHaveValue(text);
    };
    await page.reload();
    await stillAttached();
    // A restart: the page is gone, a new one opens the app.
    await page.close({ runBeforeUnload: false });
    page = await ctx.newPage();
    await page.goto(server.url);
    await stillAttached();

    await composer(page, en, SELLER).press('Enter');
    await expect(attached(page)).toHaveCount(0);
    await expect(orderInComposer(page)).toHaveCount(0);
    const mine = bubble(page, text);
    await expect(mine).toHaveCount(1);
    await expect(mine.getByRole('img', { name: fill(E.photo, { name: PHOTO.name }) })).toBeVisible();
    await expect(mine.getByRole('button', { name: fill(E.download, { name: PDF.name }) })).toBeVisible();
    await expect(mine).toContainText(CHIP);
    await expect(
      mine
        .getByRole('img', { name: en.ticks.sent })
        .or(mine.getByRole('img', { name: en.ticks.delivered }))
        .or(mine.getByRole('img', { name: en.ticks.read })),
    ).toBeVisible();

    // The server holds it once, with both files (uploaded from the draft's bytes) and the order.
    const probe = await connect(server.url);
    try {
      const { token } = await call(probe, 'auth:signIn', { memberId: 'draft-seller', password: PASSWORD });
      const seller = await connect(server.url, token);
      try {
        const [conv] = await call(seller, 'sync:conversations', {});
        const { messages } = await call(seller, 'sync:messages', {
          conversationId: conv!.id,
          afterSeq: 0,
          limit: 100,
        });
        expect(
          messages.map((m) => ({
            text: m.text,
            files: m.attachments.map((a) => a.name).sort(),
            order: m.order?.orderNo,
          })),
        ).toEqual([{ text, files: [PDF.name, PHOTO.name].sort(), order: '8123' }]);
      } finally {
        seller.close();
      }
    } finally {
      probe.close();
    }

    // After another reload the draft is gone (text, files, order); the sent bytes stay for the message.
    await page.reload();
    await openConversation(page, en, SELLER);
    await expect(bubble(page, text)).toHaveCount(1);
    expect(await stored(page)).toEqual({
      texts: [],
      files: [],
      orders: 0,
      blobs: [sha256(PHOTO.buffer), sha256(PDF.buffer)].sort(),
    });
    await expect(attached(page)).toHaveCount(0);
    await expect(orderInComposer(page)).toHaveCount(0);
    await expect(composer(page, en, SELLER)).toHaveValue('');
  } finally {
    await ctx.close();
  }
});

test('a send whose write fails keeps the files, the order and the text, and says so', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Refusing Seller';
  await sellerByApi(server.url, 'refusing-seller', SELLER, 'Draft Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await ctx.newPage();
    await buyerWritingTo(
      page,
      en,
      server.url,
      { id: 'refusing-seller', name: SELLER },
      {
        id: 'refused-buyer',
        name: 'Refused Buyer',
        company: 'Draft Import',
      },
    );
    await attach(page, [PHOTO]);
    await expect(attached(page)).toHaveCount(1);
    await attachOrder(page);
    const text = 'Photo of the damaged carton';
    await composer(page, en, SELLER).fill(text);

    await refuseOutboxWrites(page);
    await composer(page, en, SELLER).press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: en.draft.notSaved })).toBeVisible();
    await expect(attached(page).filter({ hasText: PHOTO.name })).toBeVisible();
    await expect(orderInComposer(page)).toBeVisible();
    await expect(composer(page, en, SELLER)).toHaveValue(text);
    await expect(bubble(page, text)).toHaveCount(0);
    expect(await stored(page)).toMatchObject({ texts: [text], files: [PHOTO.name], orders: 1 });

    // Reloaded (IndexedDB writes again), everything is still there, and it sends once.
    await page.reload();
    await openConversation(page, en, SELLER);
    await expect(attached(page).filter({ hasText: PHOTO.name })).toBeVisible();
    await expect(orderInComposer(page)).toBeVisible();
    await expect(composer(page, en, SELLER)).toHaveValue(text);
    await composer(page, en, SELLER).press('Enter');
    await expect(bubble(page, text)).toHaveCount(1);
    await expect(
      bubble(page, text).getByRole('img', { name: fill(E.photo, { name: PHOTO.name }) }),
    ).toBeVisible();
    await expect(bubble(page, text)).toContainText(CHIP);
    await expect(attached(page)).toHaveCount(0);
    await expect(page.getByRole('alert').filter({ hasText: en.draft.notSaved })).toHaveCount(0);
  } finally {
    await ctx.close();
  }
});

test('a photo received while the same bytes wait in a draft stays when the draft lets it go', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Sharing Seller';
  await sellerByApi(server.url, 'sharing-seller', SELLER, 'Draft Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await ctx.newPage();
    await buyerWritingTo(
      page,
      en,
      server.url,
      { id: 'sharing-seller', name: SELLER },
      {
        id: 'sharing-buyer',
        name: 'Sharing Buyer',
        company: 'Draft Import',
      },
    );
    // The draft stores the photo's bytes as its own.
    await attach(page, [PHOTO]);
    await expect(attached(page)).toHaveCount(1);
    await expect.poll(async () => (await stored(page)).blobs).toEqual([sha256(PHOTO.buffer)]);

    // The seller sends the very same photo: the buyer's device has its bytes and fetches nothing.
    const probe = await connect(server.url);
    try {
      const { token } = await call(probe, 'auth:signIn', { memberId: 'sharing-seller', password: PASSWORD });
      const put = await fetch(new URL(`/api/attachments/${sha256(PHOTO.buffer)}`, server.url), {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/octet-stream' },
        body: PHOTO.buffer,
      });
      expect(put.ok).toBe(true);
      const seller = await connect(server.url, token);
      try {
        await call(seller, 'message:send', {
          to: 'sharing-buyer',
          clientId: crypto.randomUUID(),
          text: 'Same photo, from the factory',
          attachments: [
            {
              sha256: sha256(PHOTO.buffer),
              name: PHOTO.name,
              mime: PHOTO.mimeType,
              size: PHOTO.buffer.length,
            },
          ],
        });
      } finally {
        seller.close();
      }
    } finally {
      probe.close();
    }
    const theirs = bubble(page, 'Same photo, from the factory');
    await expect(theirs.getByRole('img', { name: fill(E.photo, { name: PHOTO.name }) })).toBeVisible();

    // Taken out of the draft, the photo's bytes stay: the received message uses them.
    await page.getByRole('button', { name: fill(E.removeAttachment, { name: PHOTO.name }) }).click();
    await expect(attached(page)).toHaveCount(0);
    await expect.poll(async () => (await stored(page)).files).toEqual([]);
    expect((await stored(page)).blobs).toEqual([sha256(PHOTO.buffer)]);
  } finally {
    await ctx.close();
  }
});

test('a draft file whose bytes are gone is named, when the draft comes back and when it is sent', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  const SELLER = 'Forgetful Seller';
  await sellerByApi(server.url, 'forgetful-seller', SELLER, 'Draft Factory');
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await ctx.newPage();
    await buyerWritingTo(
      page,
      en,
      server.url,
      { id: 'forgetful-seller', name: SELLER },
      {
        id: 'forgetful-buyer',
        name: 'Forgetful Buyer',
        company: 'Draft Import',
      },
    );
    await attach(page, [PHOTO, PDF]);
    await expect(attached(page)).toHaveCount(2);
    const text = 'Photo and quote, as promised';
    await composer(page, en, SELLER).fill(text);
    await expect
      .poll(() => stored(page))
      .toMatchObject({ texts: [text], files: [PDF.name, PHOTO.name].sort() });

    // The photo's bytes go (storage cleared under the app); the draft comes back without it and
    // says which file could not be restored.
    await loseBytes(page, sha256(PHOTO.buffer));
    await page.reload();
    await openConversation(page, en, SELLER);
    // The name is isolated (U+2068 … U+2069) from the sentence around it.
    const lostPhoto = fill(en.draft.notRestored, { name: `\u2068${PHOTO.name}\u2069` });
    await expect(page.getByRole('alert').filter({ hasText: lostPhoto })).toBeVisible();
    await expect(attached(page)).toHaveCount(1);
    await expect(attached(page).filter({ hasText: PDF.name })).toBeVisible();
    await expect(composer(page, en, SELLER)).toHaveValue(text);
    expect((await stored(page)).files).toEqual([PDF.name]);

    // The quote's bytes go while the conversation is open: the send sends nothing, names the
    // file (not "could not be saved, try again": that would fail again), and keeps the text.
    await loseBytes(page, sha256(PDF.buffer));
    await composer(page, en, SELLER).press('Enter');
    const lostPdf = fill(en.draft.notRestored, { name: `\u2068${PDF.name}\u2069` });
    await expect(page.getByRole('alert').filter({ hasText: lostPdf })).toBeVisible();
    await expect(attached(page)).toHaveCount(0);
    await expect(composer(page, en, SELLER)).toHaveValue(text);
    await expect(page.getByRole('alert').filter({ hasText: en.draft.notSaved })).toHaveCount(0);
    await expect(bubble(page, text)).toHaveCount(0);
    await expect.poll(async () => (await stored(page)).files).toEqual([]);

    // Sent again, it goes as text.
    await composer(page, en, SELLER).press('Enter');
    await expect(bubble(page, text)).toHaveCount(1);
    await expect(composer(page, en, SELLER)).toHaveValue('');
  } finally {
    await ctx.close();
  }
});
