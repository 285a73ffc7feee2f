/**
 * Issue 10, the Dexie migration end to end in Debian's Chromium, browser mode: a seller's store
 * written by a release at schema v6 (before unread counters, last text and who wrote last) with
 * three conversations mirrored from the server, then the current app signs in on it. The upgrade
 * runs (v7 counts each conversation's unread incoming messages after my read mark and keeps the
 * last text and the total; v10 who wrote last and since when), every row carries over exactly,
 * and the counters match the server's read marks — in the store and on the contact list.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { en } from '../../renderer/src/app/catalogues';
import { call, PASSWORD, signIn } from '../helpers/client';
import { expect, seed, startServer, test } from './fixtures';
import { contactRow } from './ui';

const ROOT = new URL('../..', import.meta.url).pathname;
const SELLER = 'mig-seller';
const buyer = (i: number): string => `${SELLER}-b${String(i).padStart(5, '0')}`;
/** Messages per conversation: buyers write the odd seqs, the seller the even ones. */
const PER = 9;

/** The stores of schema v1–v6 exactly as renderer/src/db/schema.ts declares them (never edited). */
const V1_TO_V6: Record<string, string | null>[] = [
  {
    contacts: '&memberId, displayName',
    conversations: '&id, partner, lastActivityAt',
    messages: '&clientId, &[conversationId+seq], [conversationId+sort], status',
    outbox: '++id, &clientId, conversationId',
    cursors: '&conversationId',
    meta: '&key',
  },
  {
    groups: '&id, position',
    groupEdits: '++id',
    contactRequests: '&memberId, direction',
    conversationPrefs: '&conversationId',
    prefs: '&key',
  },
  { translations: '&[clientId+targetLang], conversationId', translationPrefs: '&conversationId' },
  { attachmentBlobs: '&sha256, uploaded' },
  {
    translations: '&[clientId+targetLang], conversationId, [storedAt+clientId+targetLang]',
    searchWords: '&[at+conversationId+seq+part], *words',
    searchState: '&key',
  },
  { searchWords: null, searchDocs: '&id, &[conversationId+seq]', searchPostings: '&id, *words' },
];

type Row = Record<string, unknown>;
interface OldStore {
  meta: Row[];
  conversations: Row[];
  messages: Row[];
  cursors: Row[];
}

/** Writes the store at schema v6 with the page's own copy of Dexie (the app has not opened it). */
async function writeV6(page: Page, name: string, rows: OldStore): Promise<void> {
  // Evaluated, not a <script>: the page's Content-Security-Policy allows only its own scripts.
  await page.evaluate(readFileSync(`${ROOT}node_modules/dexie/dist/dexie.js`, 'utf8'));
  await page.evaluate(
    async ([dbName, versions, data]) => {
      const { Dexie } = window as unknown as {
        Dexie: new (name: string) => {
          version(n: number): { stores(s: Record<string, string | null>): unknown };
          open(): Promise<unknown>;
          close(): void;
          verno: number;
          table(name: string): { bulkAdd(rows: unknown[]): Promise<unknown> };
          transaction(mode: string, tables: string[], fn: () => Promise<void>): Promise<void>;
        };
      };
      const db = new Dexie(dbName);
      versions.forEach((stores, i) => db.version(i + 1).stores(stores));
      await db.open();
      const tables = Object.keys(data) as (keyof typeof data)[];
      await db.transaction('rw', tables, async () => {
        for (const t of tables) await db.table(t).bulkAdd(data[t]);
      });
      if (db.verno !== 6) throw new Error(`wrote v${db.verno}`);
      db.close();
    },
    [name, V1_TO_V6, rows] as const,
  );
}

/** The store as it is now, read with the raw IndexedDB API: rows, IndexedDB version, stores, indexes. */
function readStore(page: Page, name: string) {
  return page.evaluate(async (dbName) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(dbName);
      open.onerror = () => reject(open.error ?? new Error(`cannot open ${dbName}`));
      open.onsuccess = () => resolve(open.result);
    });
    const tx = db.transaction(['meta', 'conversations', 'messages', 'cursors'], 'readonly');
    const all = (store: string) => tx.objectStore(store).getAll();
    const reads = {
      meta: all('meta'),
      conversations: all('conversations'),
      messages: all('messages'),
      cursors: all('cursors'),
    };
    await new Promise((resolve) => (tx.oncomplete = resolve));
    const stores = [...db.objectStoreNames];
    const searchDocsIndexes = stores.includes('searchDocs')
      ? [...db.transaction('searchDocs', 'readonly').objectStore('searchDocs').indexNames]
      : [];
    db.close();
    return {
      version: db.version,
      stores,
      searchDocsIndexes,
      meta: reads.meta.result as Record<string, unknown>[],
      conversations: reads.conversations.result as Record<string, unknown>[],
      messages: reads.messages.result as Record<string, unknown>[],
      cursors: reads.cursors.result as Record<string, unknown>[],
    };
  }, name);
}

test('a store of schema v6 upgrades to the current schema with its rows and exact unread counters', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const { server, stop } = await startServer([], {}, (dataDir) =>
    seed(dataDir, [
      'seller',
      '--seller',
      SELLER,
      '--conversations',
      '3',
      '--messages',
      String(PER),
      '--unread',
      '5',
    ]),
  );
  const {
    socket: seller,
    session: { user: me },
  } = await signIn(server.url, SELLER);
  const ctx = await browser.newContext({ locale: 'en-US' });
  try {
    // The seller read up to 4 (seeded), 7 and 9 in the three conversations: 3, 1 and 0 unread.
    const summaries = Object.fromEntries(
      (await call(seller, 'sync:conversations', {})).map((c) => [c.id, c]),
    );
    const ids = [0, 1, 2].map(
      (i) => Object.values(summaries).find((c) => c.participants.includes(buyer(i)))!.id,
    );
    await call(seller, 'message:receipt', { conversationId: ids[1]!, kind: 'read', upToSeq: 7 });
    await call(seller, 'message:receipt', { conversationId: ids[2]!, kind: 'read', upToSeq: 9 });
    const after = Object.fromEntries((await call(seller, 'sync:conversations', {})).map((c) => [c.id, c]));
    const unread = [3, 1, 0];
    expect(ids.map((id) => after[id]!.receipts[SELLER]!.read)).toEqual([4, 7, 9]);

    // What a v6 release had stored after catching all of it up.
    const old: OldStore = { meta: [{ key: 'me', value: me }], conversations: [], messages: [], cursors: [] };
    const last: Row[] = [];
    for (const [i, id] of ids.entries()) {
      const { messages, hasMore } = await call(seller, 'sync:messages', {
        conversationId: id,
        afterSeq: 0,
        limit: 100,
      });
      expect(hasMore).toBe(false);
      expect(messages).toHaveLength(PER);
      for (const m of messages) {
        old.messages.push({
          clientId: m.clientId,
          conversationId: id,
          seq: m.seq,
          sort: m.seq,
          sender: m.sender,
          text: m.text,
          lang: m.lang,
          translation: m.translation,
          attachments: m.attachments,
          order: m.order,
          sentAt: m.sentAt,
          createdAt: m.sentAt,
          prevHash: m.prevHash,
          hash: m.hash,
          signature: m.signature,
          status: 'stored',
        });
      }
      const newest = messages.at(-1)!;
      expect(newest.sender).toBe(buyer(i));
      last.push({ text: newest.text, sentAt: newest.sentAt, seq: newest.seq });
      old.conversations.push({
        id,
        partner: buyer(i),
        lastSeq: PER,
        receipts: after[id]!.receipts,
        createdAt: after[id]!.createdAt,
        lastActivityAt: newest.sentAt,
        partnerTypingUntil: 0,
      });
      old.cursors.push({ conversationId: id, afterSeq: PER });
    }

    const page = await ctx.newPage();
    await page.goto(server.url);
    await expect(page.getByRole('heading', { name: en.auth.signInTitle })).toBeVisible();
    const name = `tradewind:${SELLER}@${server.url.toLowerCase()}`;
    await writeV6(page, name, old);
    expect((await readStore(page, name)).version).toBe(60);

    await page.getByRole('textbox', { name: en.auth.memberId }).fill(SELLER);
    await page.getByLabel(en.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.auth.submitSignIn, exact: true }).click();
    const badge = (i: number, n: number) =>
      contactRow(page, en, buyer(i)).getByLabel(en.contacts.unread.replace('{{count}}', String(n)));
    await expect(badge(0, 3)).toBeVisible({ timeout: 120_000 });
    await expect(badge(1, 1)).toBeVisible();
    await expect(contactRow(page, en, buyer(2))).toBeVisible();
    await expect(contactRow(page, en, buyer(2)).getByLabel(/unread/)).toHaveCount(0);

    const now = await readStore(page, name);
    // The current schema, v17 of renderer/src/db/schema.ts (Dexie's native version is 10× it), with
    // v15's index of a conversation's search docs by time and v17's attachment drafts.
    expect(now.version).toBe(170);
    expect(now.searchDocsIndexes).toContain('[conversationId+id]');
    expect(now.stores).toContain('draftFiles');
    // Every message row as v6 wrote it, nothing added or lost; the cursors too.
    const byId = (rows: Row[]) =>
      [...rows].sort((a, b) => String(a.clientId).localeCompare(String(b.clientId)));
    expect(byId(now.messages)).toEqual(byId(old.messages));
    expect(now.cursors).toEqual(expect.arrayContaining(old.cursors));
    expect(now.cursors).toHaveLength(old.cursors.length);
    // Each conversation: its v6 row, plus the counters and the last line the upgrade computed.
    expect(Object.fromEntries(now.conversations.map((c) => [c.id, c]))).toEqual(
      Object.fromEntries(
        old.conversations.map((c, i) => [
          c.id,
          {
            ...c,
            unread: unread[i],
            lastText: last[i]!.text,
            lastSender: buyer(i),
            lastRunSince: last[i]!.sentAt,
            lastRunSeq: last[i]!.seq,
          },
        ]),
      ),
    );
    const meta = new Map(now.meta.map((m) => [m.key, m.value] as const));
    expect(meta.get('unreadTotal')).toBe(4);
    expect(meta.get('me')).toEqual(me);
  } finally {
    seller.close();
    await ctx.close();
    await stop();
  }
});
