/**
 * The background indexer of message search (issue 10). Catch-up writes messages at full speed and
 * never waits for search: this indexer follows behind, in chunks, from two watermarks kept in
 * `searchState`:
 *
 * - per conversation, the highest seq indexed. It walks `[conversationId+seq]` up to the
 *   conversation's sync cursor (every seq up to it is stored), so a gap being filled later is
 *   never skipped, and messages only become searchable once stored (pending ones once acked);
 * - over cached machine translations, the last `[storedAt+clientId+targetLang]` indexed.
 *
 * Each chunk's docs, postings and watermark are written in one transaction, so a crash or a
 * reload resumes exactly where it stopped; an existing store is indexed the same way on the first
 * start after the upgrade. Stored messages never change (edits are messages of their own), so a
 * message is indexed once; its machine translations are one posting, rewritten when one arrives.
 *
 * Keys are numbers (db/rows/search.ts): a doc's id is its time in ms × 1024 plus a tie-breaker,
 * a posting's id the doc's × 2 (+ 1 for translations). A posting also carries its message's
 * conversation, seq and client id (v14), so a query reads the hits' messages without their doc rows.
 */
import { Dexie } from 'dexie';
import { addIndexTokens, fold } from '../../../../shared/search/tokenize';
import type { MessageRow, TradewindDb } from '../../db/schema';
import type {
  SearchDocRow,
  SearchPostingRow,
  SearchStateRow,
  TranslationWatermark,
} from '../../db/rows/search';

/**
 * Rows per chunk. Issue 10, open: a chunk's writes (a put per doc and per posting, ~24 words in
 * the multiEntry index each) are queued in the IndexedDB backend ahead of whatever the window asks
 * next, and the backend runs one database's requests one after another whatever their stores: with
 * 200 a chunk, the message window's read on a click waited 38–97 ms (quiet) behind one. 50 keeps
 * that wait to a quarter, for a few more commits over a whole build.
 */
export const CHUNK = 50;

/** The special word an order's number is indexed under (the order filter asks for it exactly). */
export const orderWord = (orderNo: string): string => `#o:${fold(orderNo.trim())}`;

/** What a stored message is found by: its text, the sender-approved translation, order and files. */
export function messageWords(m: MessageRow): string[] {
  const out = new Set<string>();
  addIndexTokens(m.text, out);
  if (m.translation) addIndexTokens(m.translation.text, out);
  for (const a of m.attachments) addIndexTokens(a.name, out);
  if (m.order) {
    const { orderNo, productId, title } = m.order;
    for (const s of [orderNo, productId, title]) if (s) addIndexTokens(s, out);
    if (orderNo) out.add(orderWord(orderNo));
  }
  return [...out];
}

const stateKey = (conversationId: string): `c:${string}` => `c:${conversationId}`;

/** A conversation with messages stored (contiguously) through `through` and indexed through `done`. */
export interface ConversationWork {
  conversationId: string;
  done: number;
  through: number;
}

/** Every conversation's indexing state; those with `through > done` have work left. */
export async function conversationWork(db: TradewindDb): Promise<ConversationWork[]> {
  const [cursors, states] = await Promise.all([
    db.cursors.toArray(),
    db.searchState.where('key').startsWith('c:').toArray(),
  ]);
  const done = new Map<string, number>();
  for (const s of states) if ('seq' in s) done.set(s.key.slice(2), s.seq);
  return cursors.map((c) => ({
    conversationId: c.conversationId,
    done: Math.min(done.get(c.conversationId) ?? 0, c.afterSeq),
    through: c.afterSeq,
  }));
}

/** Ids per doc: time in ms × this, plus a tie-breaker for messages of the same millisecond. */
export const TIES = 1024;
/** The posting ids of a doc: the message's own words, and its machine translations'. */
export const postingId = (doc: number, translations: boolean): number => doc * 2 + (translations ? 1 : 0);
export const docOfPosting = (posting: number): number => Math.floor(posting / 2);

const atOf = (m: MessageRow): number => Date.parse(m.sentAt ?? m.createdAt);

/** What a posting carries of its message (v14), so a query needs no doc row to read it. */
const messageOf = (m: MessageRow): Pick<SearchPostingRow, 'conversationId' | 'seq' | 'clientId'> => ({
  conversationId: m.conversationId,
  seq: m.seq ?? 0,
  clientId: m.clientId,
});

/**
 * The docs of these stored messages: existing ones are found by `[conversationId+seq]`, missing
 * ones get the first free id of their millisecond and are added. Call inside a transaction on
 * `searchDocs`. Returns the ids in the order of `messages`.
 */
async function docsFor(db: TradewindDb, messages: readonly MessageRow[]): Promise<number[]> {
  // Existing docs: one range read per conversation when its seqs are close together (a chunk of
  // catch-up), else one read per message (scattered translations).
  const known = new Map<string, number>();
  const bySeq = (cid: string, seq: number): string => `${cid}\u0000${seq}`;
  const groups = new Map<string, number[]>();
  for (const m of messages)
    groups.set(m.conversationId, [...(groups.get(m.conversationId) ?? []), m.seq ?? 0]);
  for (const [cid, seqs] of groups) {
    const lo = Math.min(...seqs);
    const hi = Math.max(...seqs);
    const rows =
      hi - lo < 4 * seqs.length
        ? await db.searchDocs
            .where('[conversationId+seq]')
            .between([cid, lo], [cid, hi], true, true)
            .toArray()
        : await Promise.all(
            seqs.map((q) => db.searchDocs.where('[conversationId+seq]').equals([cid, q]).first()),
          );
    for (const d of rows) if (d) known.set(bySeq(d.conversationId, d.seq), d.id);
  }
  const existing = messages.map((m) => known.get(bySeq(m.conversationId, m.seq ?? 0)));
  const ids = existing.map((d) => d ?? 0);
  let missing = messages.map((_, i) => i).filter((i) => existing[i] === undefined);
  const tie = new Map<number, number>();
  const taken = new Set<number>();
  const added: SearchDocRow[] = [];
  while (missing.length > 0) {
    const tries = missing.map((i) => {
      const base = atOf(messages[i]!) * TIES;
      let k = tie.get(base) ?? 0;
      while (taken.has(base + k)) k += 1;
      tie.set(base, k + 1);
      taken.add(base + k);
      return base + k;
    });
    const found = await db.searchDocs.bulkGet(tries);
    const retry: number[] = [];
    missing.forEach((i, j) => {
      if (found[j]) {
        retry.push(i);
        return;
      }
      const m = messages[i]!;
      ids[i] = tries[j]!;
      added.push({ id: tries[j]!, conversationId: m.conversationId, seq: m.seq ?? 0, clientId: m.clientId });
    });
    missing = retry;
  }
  await db.searchDocs.bulkAdd(added);
  return ids;
}

/**
 * Indexes up to `CHUNK` messages taken from the front of `work` (several small conversations, or
 * part of a long one) in one transaction, and moves those entries on (finished ones are removed).
 * Returns how many messages it indexed.
 */
export async function indexMessagesChunk(db: TradewindDb, work: ConversationWork[]): Promise<number> {
  const slices: { conversationId: string; from: number; to: number }[] = [];
  let budget = CHUNK;
  for (const w of work) {
    if (budget <= 0) break;
    if (w.through <= w.done) continue;
    const to = Math.min(w.through, w.done + budget);
    slices.push({ conversationId: w.conversationId, from: w.done + 1, to });
    budget -= to - w.done;
  }
  if (slices.length === 0) return 0;
  const messages: MessageRow[] = [];
  for (const { conversationId, from, to } of slices) {
    messages.push(
      ...(await db.messages
        .where('[conversationId+seq]')
        .between([conversationId, from], [conversationId, to], true, true)
        .toArray()),
    );
  }
  const words = messages.map(messageWords);
  await db.transaction('rw', [db.searchDocs, db.searchPostings, db.searchState], async () => {
    // Another window's indexer may have moved on meanwhile: never move a watermark backwards.
    const states = await db.searchState.bulkGet(slices.map((s) => stateKey(s.conversationId)));
    const behind = slices.filter((s, i) => {
      const st = states[i];
      return !(st && 'seq' in st && st.seq >= s.to);
    });
    const keep = new Set(behind.map((s) => s.conversationId));
    const mine = messages.map((_, i) => i).filter((i) => keep.has(messages[i]!.conversationId));
    const docs = await docsFor(
      db,
      mine.map((i) => messages[i]!),
    );
    // Which of these docs have a machine translations' posting already (one key walk, none found
    // on a history without cached translations).
    const translated = new Set(
      await db.searchPostings
        .where('id')
        .anyOf(docs.map((d) => postingId(d, true)))
        .primaryKeys(),
    );
    const postings: SearchPostingRow[] = mine.map((i, j) => {
      const m = messages[i]!;
      return {
        id: postingId(docs[j]!, false),
        words: words[i]!,
        ...messageOf(m),
        translated: translated.has(postingId(docs[j]!, true)),
      };
    });
    await db.searchPostings.bulkPut(postings);
    await db.searchState.bulkPut(behind.map((s) => ({ key: stateKey(s.conversationId), seq: s.to })));
  });
  for (const s of slices) {
    const w = work.find((x) => x.conversationId === s.conversationId);
    if (w) w.done = s.to;
  }
  const left = work.filter((w) => w.done < w.through);
  work.splice(0, work.length, ...left);
  return CHUNK - budget;
}

/**
 * Indexes up to `CHUNK` machine translations stored since the watermark: each translated message's
 * translations posting is rewritten from all of its cached translations. Returns how many rows it
 * looked at. If the clock went back (the watermark is in the future), it starts over from the
 * beginning rather than miss translations stored meanwhile: re-indexing is idempotent.
 */
export async function indexTranslationsChunk(db: TradewindDb, now = Date.now()): Promise<number> {
  const state = await db.searchState.get('translations');
  let after: TranslationWatermark | null = state && 'after' in state ? state.after : null;
  if (after && Date.parse(after[0]) > now) after = null;
  const byStored = db.translations.where('[storedAt+clientId+targetLang]');
  const translations = await (after ? byStored.above(after) : byStored.above(Dexie.minKey))
    .limit(CHUNK)
    .toArray();
  const last = translations[translations.length - 1];
  if (!last) return 0;
  const ids = [...new Set(translations.map((t) => t.clientId))];
  const messages = (await db.messages.bulkGet(ids)).filter(
    (m): m is MessageRow => m !== undefined && m.seq !== undefined,
  );
  const watermark: SearchStateRow = {
    key: 'translations',
    after: [last.storedAt, last.clientId, last.targetLang],
  };
  await db.transaction(
    'rw',
    [db.searchDocs, db.searchPostings, db.searchState, db.translations],
    async () => {
      const docs = await docsFor(db, messages);
      const postings: SearchPostingRow[] = [];
      for (const [i, m] of messages.entries()) {
        const all = await db.translations
          .where('[clientId+targetLang]')
          .between([m.clientId, Dexie.minKey], [m.clientId, Dexie.maxKey])
          .toArray();
        const out = new Set<string>();
        for (const t of all) if (t.state === 'translated') addIndexTokens(t.text, out);
        postings.push({ id: postingId(docs[i]!, true), words: [...out], ...messageOf(m) });
      }
      // The messages' own postings (if indexed yet) learn that a translations' posting exists.
      const own = await db.searchPostings.bulkGet(docs.map((d) => postingId(d, false)));
      const flagged = own.filter((p): p is SearchPostingRow => p !== undefined && p.translated !== true);
      await db.searchPostings.bulkPut([...postings, ...flagged.map((p) => ({ ...p, translated: true }))]);
      await db.searchState.put(watermark);
    },
  );
  return translations.length;
}

/** Indexed messages out of those stored, over all conversations. */
export interface IndexProgress {
  done: number;
  total: number;
  /** Machine translations indexed since the indexer started (a search re-runs when it grows). */
  translations: number;
}

/** A pass waits until catch-up has not written for this long, so the two do not compete. */
const QUIET_MS = 300;
/** …but never longer than this between two chunks, so a steady trickle cannot starve search. */
export const MAX_DEFER_MS = 2000;

/**
 * Issue 10, open: the user's input holds the indexer (the page sets `until`, a `Date.now()` time,
 * on each pointer down, key or wheel: progress.ts), so that the reads a click starts (the message
 * window first) find the IndexedDB backend free, not behind chunk after chunk of postings. A chunk
 * already written finishes; the next waits until the hold ends, and never longer than
 * MAX_DEFER_MS, so a user who keeps typing does not stop search.
 */
export interface IndexerHold {
  until: number;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * How long the next chunk should still wait at `now` (0: go), given when the wait began, the last
 * catch-up write and the user's hold.
 */
export function waitLeft(now: number, began: number, lastCatchUpAt: number, hold: IndexerHold): number {
  const cap = began + MAX_DEFER_MS - now;
  if (cap <= 0) return 0;
  const catchUp = lastCatchUpAt + QUIET_MS - now;
  const user = hold.until - now;
  return Math.max(0, Math.min(cap, Math.max(catchUp, user)));
}

/**
 * Keeps the index up to date while it runs: one pass at start (which also builds the index of an
 * existing store), then one after each batch of writes to the sync cursors or the translation
 * cache (in this window, another one or a worker: Dexie's `storagemutated` covers them all).
 * Reports progress after every chunk; waits while `hold` says the user is busy. Returns its disposer.
 */
export function startIndexer(
  db: TradewindDb,
  onProgress: (p: IndexProgress) => void,
  hold: IndexerHold = { until: 0 },
): () => void {
  let stopped = false;
  let running = false;
  let again = false;
  let lastCatchUpAt = 0;
  let translations = 0;
  const prefix = `idb://${db.name}/`;

  const behindCatchUp = async (): Promise<void> => {
    const began = Date.now();
    for (let ms = waitLeft(began, began, lastCatchUpAt, hold); !stopped && ms > 0;) {
      await sleep(ms);
      ms = waitLeft(Date.now(), began, lastCatchUpAt, hold);
    }
  };

  const pass = async (): Promise<void> => {
    const all = await conversationWork(db);
    let done = 0;
    let total = 0;
    for (const w of all) {
      done += w.done;
      total += w.through;
    }
    onProgress({ done, total, translations });
    const work = all.filter((w) => w.through > w.done);
    while (!stopped && work.length > 0) {
      await behindCatchUp();
      done += await indexMessagesChunk(db, work);
      onProgress({ done, total, translations });
      await sleep(0); // let input and rendering in between
    }
    for (let n = 1; !stopped && n > 0;) {
      await behindCatchUp();
      n = await indexTranslationsChunk(db);
      translations += n;
      if (n > 0) onProgress({ done, total, translations });
      await sleep(0);
    }
  };

  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await pass();
      } while (again && !stopped);
    } catch (e) {
      // The database closed (sign-out) or failed: the next write that concerns us starts over.
      if (!stopped) console.warn('search indexer stopped', e);
    } finally {
      running = false;
    }
  };

  let timer: ReturnType<typeof setTimeout> | null = null;
  const onMutated = (parts: Record<string, unknown>): void => {
    let relevant = false;
    for (const k of Object.keys(parts)) {
      if (k.startsWith(`${prefix}cursors/`)) {
        lastCatchUpAt = Date.now();
        relevant = true;
      } else if (k.startsWith(`${prefix}translations/`)) relevant = true;
    }
    if (!relevant || stopped) return;
    if (running) {
      again = true;
      return;
    }
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      void run();
    }, QUIET_MS);
  };

  Dexie.on('storagemutated', onMutated);
  void run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    Dexie.on('storagemutated').unsubscribe(onMutated);
  };
}
