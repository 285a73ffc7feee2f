/**
 * Issue 10, the real sync engine's outbox against a server's send limit, end to end in Debian's
 * Chromium, browser mode. The server allows a burst of 3 sends and then one every 4 s
 * (TRADEWIND_SEND_BURST / TRADEWIND_SEND_RATE); a buyer writes 8 messages while offline and comes
 * back online, so the outbox sends more than the burst at once. Every message reaches the server
 * exactly once and in order, none is marked failed or dropped from the outbox, and the engine
 * waits as the server tells it (`retryAfterMs`): a message turned away is accepted at its next
 * try — a retry sooner than told (the 1 s backoff of other errors) would be turned away again.
 */
import type { Page, WebSocket } from '@playwright/test';
import { en } from '../../renderer/src/app/catalogues';
import { call, PASSWORD, signIn } from '../helpers/client';
import { expect, seed, startServer, test } from './fixtures';
import { bubble, composer, contactRow, offlineBanner } from './ui';

const BUYER = 'outbox-buyer';
const SELLER = 'outbox-seller';
const BURST = 3;
const N = 8;

/** Each `message:send` the page emits and the answer it gets, by client id, in order. */
function watchSends(page: Page) {
  const attempts: {
    clientId: string;
    text: string;
    answer?: { ok: boolean; code?: string; retryAfterMs?: number };
  }[] = [];
  page.on('websocket', (ws: WebSocket) => {
    const asked = new Map<string, (typeof attempts)[number]>();
    ws.on('framesent', ({ payload }) => {
      const m = typeof payload === 'string' ? /^42(\d+)(\["message:send",.*)$/s.exec(payload) : null;
      if (!m) return;
      const [, request] = JSON.parse(m[2]!) as [string, { clientId: string; text: string }];
      const attempt = { clientId: request.clientId, text: request.text };
      attempts.push(attempt);
      asked.set(m[1]!, attempt);
    });
    ws.on('framereceived', ({ payload }) => {
      const m = typeof payload === 'string' ? /^43(\d+)(\[.*)$/s.exec(payload) : null;
      const attempt = m ? asked.get(m[1]!) : undefined;
      if (!m || !attempt) return;
      const [r] = JSON.parse(m[2]!) as [{ ok: boolean; code?: string; details?: { retryAfterMs?: number } }];
      attempt.answer = { ok: r.ok, code: r.code, retryAfterMs: r.details?.retryAfterMs };
    });
  });
  return attempts;
}

/** The outbox and the messages' states in the app's store (raw IndexedDB, no second Dexie). */
function readStore(page: Page, name: string) {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onerror = () => reject(open.error ?? new Error(`cannot open ${dbName}`));
      open.onsuccess = () => resolve(open.result);
    });
    const tx = db.transaction(['outbox', 'messages'], 'readonly');
    const outbox = tx.objectStore('outbox').getAll();
    const messages = tx.objectStore('messages').getAll();
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
    return {
      outbox: (outbox.result as { clientId: string; state: string }[]).map((e) => ({
        clientId: e.clientId,
        state: e.state,
      })),
      messages: (messages.result as { text: string; status: string; seq?: number }[]).map((m) => ({
        text: m.text,
        status: m.status,
        seq: m.seq,
      })),
    };
  }, name);
}

test('a burst of sends beyond the server limit is delivered exactly once, in order, waiting as told', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { server, stop } = await startServer(
    [],
    { TRADEWIND_SEND_RATE: '0.25', TRADEWIND_SEND_BURST: String(BURST) },
    (dataDir) =>
      seed(dataDir, ['history', '--between', `${BUYER},${SELLER}`, '--messages', '1', '--unread', '0']),
  );
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    const page = await ctx.newPage();
    const attempts = watchSends(page);
    await page.goto(server.url);
    await page.getByRole('textbox', { name: en.auth.memberId }).fill(BUYER);
    await page.getByLabel(en.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.auth.submitSignIn, exact: true }).click();
    await contactRow(page, en, SELLER).click();
    const box = composer(page, en, SELLER);
    await expect(box).toBeEditable();

    // Written offline, all in the outbox at once when the connection comes back.
    await ctx.setOffline(true);
    await expect(offlineBanner(page, en)).toBeVisible();
    const texts = Array.from({ length: N }, (_, i) => `queued while offline ${i + 1} of ${N}`);
    for (const text of texts) {
      await box.fill(text);
      await box.press('Enter');
      await expect(box).toHaveValue('');
    }
    const dbName = `tradewind:${BUYER}@${server.url.toLowerCase()}`;
    expect((await readStore(page, dbName)).outbox).toHaveLength(N);
    await ctx.setOffline(false);

    // Everything is stored on the server, each once, in the order written.
    const { socket: seller } = await signIn(server.url, SELLER);
    try {
      const [conv] = await call(seller, 'sync:conversations', {});
      await expect
        .poll(async () => (await call(seller, 'sync:conversations', {}))[0]!.lastSeq, { timeout: 120_000 })
        .toBe(1 + N);
      const { messages } = await call(seller, 'sync:messages', {
        conversationId: conv!.id,
        afterSeq: 1,
        limit: 100,
      });
      expect(messages.map((m) => m.text)).toEqual(texts);
    } finally {
      seller.close();
    }
    // The outbox empties only through acks; nothing was dropped or marked failed on the way.
    await expect.poll(async () => (await readStore(page, dbName)).outbox).toEqual([]);
    const stored = (await readStore(page, dbName)).messages.filter((m) => texts.includes(m.text));
    expect([...stored].sort((x, y) => x.seq! - y.seq!)).toEqual(
      texts.map((text, i) => ({ text, status: 'stored', seq: 2 + i })),
    );
    for (const text of texts) await expect(bubble(page, text)).toHaveCount(1);

    // The limit was reached, each turned-away message was told how long to wait, and waiting that
    // long was enough: every message was refused at most once and accepted exactly once.
    await expect.poll(() => attempts.every((a) => a.answer !== undefined)).toBe(true);
    const refused = attempts.filter((a) => a.answer?.code === 'rate_limited');
    expect(refused.length).toBeGreaterThan(0);
    for (const a of refused) expect(a.answer?.retryAfterMs).toBeGreaterThan(0);
    const accepted = attempts.filter((a) => a.answer?.ok);
    expect(accepted.map((a) => a.text)).toEqual(texts);
    expect(attempts.filter((a) => !a.answer?.ok && a.answer?.code !== 'rate_limited')).toEqual([]);
    const refusals = new Map<string, number>();
    for (const a of refused) refusals.set(a.text, (refusals.get(a.text) ?? 0) + 1);
    expect(
      [...refusals.values()].every((n) => n === 1),
      JSON.stringify([...refusals]),
    ).toBe(true);
  } finally {
    await ctx.close();
    await stop();
  }
});
