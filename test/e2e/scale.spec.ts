/**
 * Issue 10, end to end in Debian's Chromium, browser mode:
 * - a second device of a seller catches up a few thousand messages (seeded with
 *   `npm run server -- seed`, chained and signed like live ones): every conversation's unread
 *   counter, the total, and the order and hashes of the long conversation match the server; a
 *   live message and opening the conversation move the counters as they should;
 * - a page closed right after Enter loses nothing: after reopening, the message is sent exactly
 *   once (or, if the page closed before the commit, the text waits in the composer's draft).
 */
import { execFileSync } from 'node:child_process';
import type { Page } from '@playwright/test';
import { en } from '../../renderer/src/app/strings';
import { call, connect, type Client } from '../helpers/client';
import { expect, startServer, test } from './fixtures';
import { addContact, bubble, composer, contactRow, signUp } from './ui';

const ROOT = new URL('../..', import.meta.url).pathname;
const PASSWORD = 'correct horse battery';
const LONG = 3000;

function seed(dataDir: string, args: string[]): void {
  execFileSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/main.ts', 'seed', ...args, '--data', dataDir],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
}

async function signedIn(url: string, memberId: string, password: string): Promise<Client> {
  const probe = await connect(url);
  try {
    const { token } = await call(probe, 'auth:signIn', { memberId, password });
    return await connect(url, token);
  } finally {
    probe.close();
  }
}

/** Every message of a conversation, as the server pages it. */
async function allMessages(socket: Client, conversationId: string) {
  const out: { seq: number; hash: string; sender: string }[] = [];
  for (;;) {
    const page = await call(socket, 'sync:messages', {
      conversationId,
      afterSeq: out.at(-1)?.seq ?? 0,
      limit: 200,
    });
    out.push(...page.messages);
    if (!page.hasMore) return out;
  }
}

/** The app's own store, read with the raw IndexedDB API (no second Dexie instance). */
function readStore(page: Page, dbName: string, conversationId: string) {
  return page.evaluate(
    async ([name, cid]) => {
      type Store = {
        conversations: { id: string; unread: number }[];
        total: number;
        seqs: { seq: number; hash: string }[];
      };
      // Opening a name that does not exist yet would create it, empty, and block the app's upgrade.
      const ready = (await indexedDB.databases()).some((d) => d.name === name && (d.version ?? 0) > 1);
      if (!ready) return { conversations: [], total: 0, seqs: [] } satisfies Store;
      return new Promise<Store>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error ?? new Error(`cannot open ${name}`));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['conversations', 'meta', 'messages'], 'readonly');
          const convs = tx.objectStore('conversations').getAll();
          const total = tx.objectStore('meta').get('unreadTotal');
          const msgs = tx
            .objectStore('messages')
            .index('[conversationId+seq]')
            .getAll(IDBKeyRange.bound([cid, 0], [cid, Number.MAX_SAFE_INTEGER]));
          tx.oncomplete = () => {
            db.close();
            resolve({
              conversations: (convs.result as { id: string; unread: number }[]).map((c) => ({
                id: c.id,
                unread: c.unread,
              })),
              total: (total.result as { value: number } | undefined)?.value ?? 0,
              seqs: (msgs.result as { seq: number; hash: string }[]).map((m) => ({
                seq: m.seq,
                hash: m.hash,
              })),
            });
          };
        };
      });
    },
    [dbName, conversationId] as const,
  );
}

test('a second device catches up thousands of messages with counters and order as on the server', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { server, stop } = await startServer([], {}, (dataDir) => {
    seed(dataDir, [
      'history',
      '--between',
      'scale-buyer,scale-seller',
      '--messages',
      String(LONG),
      '--unread',
      '41',
    ]);
    seed(dataDir, [
      'seller',
      '--seller',
      'scale-seller',
      '--conversations',
      '12',
      '--messages',
      '3',
      '--unread',
      '2',
    ]);
  });
  const seller = await signedIn(server.url, 'scale-seller', PASSWORD);
  const buyer = await signedIn(server.url, 'scale-buyer', PASSWORD);
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    // The server's truth, as the seller: unread = messages from others after the seller's read mark.
    const summaries = await call(seller, 'sync:conversations', {});
    expect(summaries).toHaveLength(13);
    const expected = new Map<string, number>();
    let longId = '';
    for (const c of summaries) {
      const messages = await allMessages(seller, c.id);
      const read = c.receipts['scale-seller']?.read ?? 0;
      expected.set(c.id, messages.filter((m) => m.seq > read && m.sender !== 'scale-seller').length);
      if (messages.length === LONG) longId = c.id;
    }
    const longMessages = await allMessages(seller, longId);
    const total = [...expected.values()].reduce((a, b) => a + b, 0);

    const page = await ctx.newPage();
    await page.goto(server.url);
    await page.getByRole('textbox', { name: en.auth.memberId }).fill('scale-seller');
    await page.getByLabel(en.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.auth.submitSignIn, exact: true }).click();
    const dbName = `tradewind:scale-seller@${server.url.toLowerCase()}`;

    // Caught up when the long conversation is stored whole; then the counters must be exact.
    await expect
      .poll(async () => (await readStore(page, dbName, longId)).seqs.length, { timeout: 180_000 })
      .toBe(LONG);
    await expect
      .poll(async () => {
        const s = await readStore(page, dbName, longId);
        return { total: s.total, unread: Object.fromEntries(s.conversations.map((c) => [c.id, c.unread])) };
      })
      .toEqual({ total, unread: Object.fromEntries(expected) });
    const stored = await readStore(page, dbName, longId);
    expect(stored.seqs).toEqual(longMessages.map((m) => ({ seq: m.seq, hash: m.hash })));
    const longUnread = expected.get(longId)!;
    const badge = (n: number) =>
      contactRow(page, en, 'scale-buyer').getByLabel(en.contacts.unread.replace('{{count}}', String(n)));
    await expect(badge(longUnread)).toBeVisible();

    // A live message from the buyer adds one; opening the conversation reads them all.
    const live = await call(buyer, 'message:send', {
      to: 'scale-seller',
      clientId: crypto.randomUUID(),
      text: 'live one',
      attachments: [],
    });
    expect(live.seq).toBe(LONG + 1);
    await expect(badge(longUnread + 1)).toBeVisible();
    await expect.poll(async () => (await readStore(page, dbName, longId)).total).toBe(total + 1);
    await contactRow(page, en, 'scale-buyer').click();
    await expect(bubble(page, 'live one')).toBeInViewport({ ratio: 1 });
    await expect(badge(longUnread + 1)).toHaveCount(0);
    await expect
      .poll(async () => {
        const s = await readStore(page, dbName, longId);
        return { total: s.total, unread: s.conversations.find((c) => c.id === longId)?.unread };
      })
      .toEqual({ total: total - longUnread, unread: 0 });
  } finally {
    seller.close();
    buyer.close();
    await ctx.close();
    await stop();
  }
});

const BUYER = { id: 'close-buyer', name: 'Close Buyer', company: 'Close Trading', password: PASSWORD };

test('a page closed right after Enter finds its message sent exactly once after reopening', async ({
  browser,
  server,
}) => {
  test.setTimeout(180_000);
  // The partner, through the socket API.
  const probe = await connect(server.url);
  await call(probe, 'auth:signUp', {
    memberId: 'close-seller',
    displayName: 'Close Seller',
    password: PASSWORD,
    role: 'seller',
    profile: { company: 'Close Factory', country: 'CN', timeZone: 'Asia/Shanghai', languages: ['zh', 'en'] },
  });
  probe.close();
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    let page = await ctx.newPage();
    await signUp(page, BUYER, { t: en, open: server.url });
    await addContact(page, en, 'close-seller');
    await expect(contactRow(page, en, 'Close Seller')).toBeVisible();
    const texts = ['closed at once 1', 'closed at once 2', 'closed at once 3'];
    for (const text of texts) {
      await composer(page, en, 'Close Seller').fill(text);
      await composer(page, en, 'Close Seller').press('Enter');
      await page.close({ runBeforeUnload: false });
      page = await ctx.newPage();
      await page.goto(server.url);
      await contactRow(page, en, 'Close Seller').click();
      // Committed before the page went: it is in the conversation. Not yet: the draft holds it.
      const box = composer(page, en, 'Close Seller');
      await expect
        .poll(async () => (await bubble(page, text).count()) > 0 || (await box.inputValue()) === text)
        .toBe(true);
      if ((await bubble(page, text).count()) === 0) {
        await expect(box).toHaveValue(text);
        await box.press('Enter');
      }
      await expect(bubble(page, text)).toHaveCount(1);
      await expect(box).toHaveValue('');
    }
    // The server holds each exactly once, in order.
    const seller = await signedIn(server.url, 'close-seller', PASSWORD);
    try {
      await expect
        .poll(async () => {
          const [conv] = await call(seller, 'sync:conversations', {});
          return conv ? (await allMessages(seller, conv.id)).length : 0;
        })
        .toBe(texts.length);
      const [conv] = await call(seller, 'sync:conversations', {});
      const { messages } = await call(seller, 'sync:messages', {
        conversationId: conv!.id,
        afterSeq: 0,
        limit: 100,
      });
      expect(messages.map((m) => m.text)).toEqual(texts);
    } finally {
      seller.close();
    }
  } finally {
    await ctx.close();
  }
});
