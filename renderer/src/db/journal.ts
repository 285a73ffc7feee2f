/**
 * The composer's journal (issue 10, "nothing lost, ever — not a typed message"): what the user
 * typed and sent, written synchronously to localStorage before anything waits on IndexedDB.
 *
 * IndexedDB read-write transactions on overlapping tables queue (a send's commit, the draft write
 * of the text typed next, the next send's commit …), and Chromium aborts the queued ones when the
 * page goes: a client bench lost the last of five quick sends, message and draft both. A
 * localStorage write cannot queue behind them and survives a reload, a closed page and a crashed
 * renderer. (Element keeps its composer drafts in localStorage for the same reason.)
 *
 * One entry per account database and conversation, a small JSON:
 * - `text`: what the composer holds, newer than the IndexedDB draft while it is here. It leaves
 *   once an IndexedDB draft write of that very text (by its number `n`) committed with no send
 *   pending, so in the steady state the journal is empty and the IndexedDB draft is the truth.
 * - `sends`: messages whose Enter was pressed and whose commit is not known to have happened:
 *   each leaves when its `writeMessage` commits (or fails: the composer keeps its text). On the
 *   next session start, `replayJournal` hands them to `writeMessage` again, which writes only
 *   those whose client id is not stored yet (sent exactly once; the server also de-duplicates by
 *   client id).
 *
 * Edits and retractions go through the same journal (issue 10's follow-up): an edit confirmed with
 * Enter in the edit bar, or a retraction confirmed with one click in its dialog, is a message of
 * its own (issue 11), written by `writeMessage` like a send, and its commit queues behind the same
 * IndexedDB transactions, so a page closed right after that Enter or click lost it. Both take one
 * path, `writeChange`: journaled as a send carrying its `change` and replayed like one (applied
 * exactly once: same client id); it leaves the composer's `text` as it is (the edit bar and the
 * menu are not the composer, whose draft waits meanwhile). What the edit bar holds before Enter is
 * not journaled: an edit not yet confirmed is no draft, and a closed page cancels it as Escape
 * would (as it cancels a retraction dialog not yet confirmed).
 *
 * Sends with files are not journaled: their bytes wait in `draftFiles` until their commit, and
 * their text stays here as `text` until then. Whatever fails to parse is dropped, never thrown at
 * start-up. A write localStorage refuses (quota), or a text too long to journal (a paste of a
 * book), is written again without `text`, keeping the sends already journaled: the composer's text
 * then works as it did before the journal, on IndexedDB alone. Only when even that is refused does
 * the entry go.
 */
import { z } from 'zod';
import { LIMITS, MessageChange } from '../../../shared/protocol';
import { newMessage, writeMessage, type ComposeExtras } from './repo';
import type { MessageRow, TradewindDb } from './schema';

const PREFIX = 'tradewind.journal:';
/** Sends waiting in one conversation; a composer that outruns this falls back to IndexedDB alone. */
const MAX_SENDS = 50;
/** A composer text longer than this (as JSON: a paste of a book) is left to IndexedDB alone. */
const MAX_TEXT_CHARS = 256 * 1024;
/**
 * The longest send, as JSON: a text of `LIMITS.textChars` and its translation of twice that, each
 * escaped at most twice over (a newline, a quote), and the rest of its fields.
 */
const MAX_SEND_CHARS = 2 * 3 * LIMITS.textChars + 1024;
/** An entry longer than this holds more than the journal writes: dropped if found. */
const MAX_ENTRY_CHARS = MAX_TEXT_CHARS + MAX_SENDS * (MAX_SEND_CHARS + 1) + 1024;

/** A message on its way: enough to write again the row `newMessage` made, with its client id. */
export interface JournalSend {
  to: string;
  clientId: string;
  /** `newMessage`'s `createdAt` (its `sort` is the same instant). */
  createdAt: string;
  text: string;
  extras: Pick<ComposeExtras, 'lang' | 'translation' | 'replyTo' | 'change'>;
}

const Send = z.object({
  to: z.string().min(1).max(200),
  clientId: z.string().min(1).max(100),
  createdAt: z.iso.datetime(),
  text: z.string(),
  extras: z.object({
    lang: z.string().optional(),
    translation: z.object({ text: z.string(), lang: z.string() }).optional(),
    replyTo: z.object({ seq: z.number().int().positive() }).optional(),
    /** An edit (from the edit bar) or a retraction (from the menu): the message it changes. */
    change: MessageChange.optional(),
  }),
});

const Entry = z.object({
  /** The number of the last `text` written (a draft write settles only the text it wrote). */
  n: z.union([z.string(), z.number()]),
  text: z.string().optional(),
  sends: z.array(z.unknown()).max(MAX_SENDS),
});

interface JournalEntry {
  /** A number before the tab's own part was added (still read, never written). */
  n: string | number;
  text?: string;
  sends: JournalSend[];
}

/** The part of the Web Storage API the journal uses (a test passes its own). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function browserStorage(): JournalStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // A storage the browser refuses to open (disabled, sandboxed): no journal.
    return null;
  }
}

/**
 * This page's own part of the numbers: unique across tabs of one account (which write the same
 * entries) and across page loads (a settle from another tab or before a reload never matches).
 */
const TAB = Array.from(crypto.getRandomValues(new Uint32Array(2)), (x) => x.toString(36)).join('');
let lastN = 0;
/** A number no other page hands out. */
function nextN(): string {
  lastN += 1;
  return `${TAB}.${lastN}`;
}

/** The row `newMessage` made for `s` when Enter was pressed, again. */
export function rowOfSend(me: string, s: JournalSend): MessageRow {
  return { ...newMessage(me, s.to, s.text, s.extras, new Date(s.createdAt)), clientId: s.clientId };
}

/** What `send` journals for a row `newMessage` made (`extras` as given to it). */
export function sendOfRow(to: string, row: MessageRow, extras: ComposeExtras): JournalSend {
  const { lang, translation, replyTo, change } = extras;
  return {
    to,
    clientId: row.clientId,
    createdAt: row.createdAt,
    text: row.text,
    extras: {
      ...(lang !== undefined ? { lang } : {}),
      ...(translation !== undefined ? { translation } : {}),
      ...(replyTo !== undefined ? { replyTo } : {}),
      ...(change !== undefined ? { change } : {}),
    },
  };
}

export interface Journal {
  /** The composer's text now (on every change). Its number, for `draftSaved`; null: not journaled. */
  typed(conversationId: string, text: string): string | null;
  /** The composer's text as journaled, newer than the IndexedDB draft; undefined: ask IndexedDB. */
  textOf(conversationId: string): string | undefined;
  /** An IndexedDB draft write of the text numbered `n` committed. */
  draftSaved(conversationId: string, n: string): void;
  /**
   * Enter: `send` is on its way and the composer's text is now `rest` (undefined: an edit, the
   * composer's text stays as journaled). False: not journaled.
   */
  sending(conversationId: string, send: JournalSend, rest?: string): boolean;
  /** These sends committed (or failed, the composer keeping their text): they leave the journal. */
  settled(conversationId: string, clientIds: readonly string[]): void;
  /** Every conversation with sends waiting, and those sends (oldest first). */
  pending(): { conversationId: string; sends: JournalSend[] }[];
}

/** The journal of one account database (`db.name`: one per account and server). */
export function journalFor(dbName: string, storage: JournalStorage | null = browserStorage()): Journal {
  const prefix = `${PREFIX}${dbName}|`;
  const keyOf = (conversationId: string): string => prefix + conversationId;

  const read = (conversationId: string): JournalEntry | undefined => {
    if (!storage) return undefined;
    const key = keyOf(conversationId);
    try {
      const raw = storage.getItem(key);
      if (raw === null) return undefined;
      const entry = raw.length <= MAX_ENTRY_CHARS ? Entry.safeParse(JSON.parse(raw)) : null;
      if (entry?.success) {
        const sends = entry.data.sends.flatMap((s) => {
          const p = Send.safeParse(s);
          return p.success ? [p.data] : [];
        });
        return {
          n: entry.data.n,
          ...(entry.data.text !== undefined ? { text: entry.data.text } : {}),
          sends,
        };
      }
    } catch {
      // Not JSON: dropped below, as an entry of the wrong shape.
    }
    drop(key);
    return undefined;
  };

  const drop = (key: string): void => {
    try {
      storage?.removeItem(key);
    } catch {
      // Nothing more to do: a storage that cannot even remove is one the journal does not use.
    }
  };

  /** Writes the entry, or removes it when empty; false when localStorage refused it. */
  const put = (key: string, entry: JournalEntry): boolean => {
    if (entry.text === undefined && entry.sends.length === 0) {
      drop(key);
      return true;
    }
    try {
      storage?.setItem(key, JSON.stringify(entry));
      return true;
    } catch (e) {
      console.warn('composer journal not written', e);
      return false;
    }
  };

  /**
   * Writes `entry`; false when it could not be written whole (its text too long, or localStorage
   * refused it). Then the entry is written again without its text (an entry left as it was would
   * hold an older text than IndexedDB) and with `fallback` as its sends (those journaled before),
   * and removed only if that too is refused.
   */
  const write = (conversationId: string, entry: JournalEntry, fallback = entry.sends): boolean => {
    if (!storage) return false;
    const key = keyOf(conversationId);
    const { text, ...rest } = entry;
    const textFits = text === undefined || JSON.stringify(text).length <= MAX_TEXT_CHARS;
    if (textFits && put(key, entry)) return true;
    if (!put(key, { ...rest, sends: fallback })) drop(key);
    return false;
  };

  return {
    typed(conversationId, text) {
      const n = nextN();
      const ok = write(conversationId, { ...(read(conversationId) ?? { sends: [] }), n, text });
      return ok ? n : null;
    },
    textOf: (conversationId) => read(conversationId)?.text,
    draftSaved(conversationId, n) {
      const entry = read(conversationId);
      // While a send is on its way the text stays: the replay of that send drops the IndexedDB
      // draft, and a composer reading it before the replay committed would show the sent text.
      if (!entry || entry.n !== n || entry.sends.length > 0) return;
      const { text: _settled, ...rest } = entry;
      write(conversationId, rest);
    },
    sending(conversationId, send, rest) {
      const entry = read(conversationId) ?? { n: 0, sends: [] };
      if (entry.sends.length >= MAX_SENDS || JSON.stringify(send).length > MAX_SEND_CHARS) return false;
      // A send localStorage refuses leaves those journaled before it as they were.
      const sends = [...entry.sends, send];
      // An edit: the entry keeps its text and number (a draft write in flight still settles it);
      // refused, the entry stays as it was, its text the composer's newest.
      if (rest === undefined) return storage !== null && put(keyOf(conversationId), { ...entry, sends });
      return write(conversationId, { n: nextN(), text: rest, sends }, entry.sends);
    },
    settled(conversationId, clientIds) {
      const entry = read(conversationId);
      if (!entry) return;
      const gone = new Set(clientIds);
      write(conversationId, { ...entry, sends: entry.sends.filter((s) => !gone.has(s.clientId)) });
    },
    pending() {
      if (!storage) return [];
      const ids: string[] = [];
      try {
        for (let i = 0; i < storage.length; i++) {
          const key = storage.key(i);
          if (key?.startsWith(prefix)) ids.push(key.slice(prefix.length));
        }
      } catch {
        return [];
      }
      return ids.flatMap((conversationId) => {
        const sends = read(conversationId)?.sends ?? [];
        return sends.length > 0 ? [{ conversationId, sends }] : [];
      });
    },
  };
}

/**
 * Writes an edit or a retraction of a message of mine (`change`) as a message of its own: the one
 * path of the edit bar's Enter and the retraction dialog's click. Journaled before anything waits
 * (without touching the composer's text), then written by `writeMessage`, then taken out of the
 * journal whether the commit happened or failed (thrown to the caller, which keeps what it was
 * doing). A page gone before the commit leaves it to `replayJournal`. Returns the written row.
 */
export async function writeChange(
  db: TradewindDb,
  me: string,
  to: string,
  text: string,
  extras: ComposeExtras & { change: MessageChange },
  journal: Journal = journalFor(db.name),
): Promise<MessageRow> {
  const row = newMessage(me, to, text, extras);
  const journaled = journal.sending(row.conversationId, sendOfRow(to, row, extras));
  try {
    await writeMessage(db, to, row, extras);
  } finally {
    // Committed, or failed with the caller keeping what it was doing: either way not the journal's.
    if (journaled) journal.settled(row.conversationId, [row.clientId]);
  }
  return row;
}

/**
 * Writes the journal's sends with `writeMessage` as the composer would have, then takes them out
 * of the journal: those whose commit was lost are written now, those stored already (the commit
 * landed, or another tab replayed them) `writeMessage` leaves alone. Call at session start,
 * before the outbox drains; safe to run twice at once. Returns how many it wrote.
 */
export async function replayJournal(
  db: TradewindDb,
  me: string,
  journal: Journal = journalFor(db.name),
): Promise<number> {
  let written = 0;
  for (const { conversationId, sends } of journal.pending()) {
    // A send whose row does not belong here (edited by hand, another account's) is only dropped.
    const rows = sends.map((s) => ({ s, row: rowOfSend(me, s) }));
    const mine = rows.filter(({ row }) => row.conversationId === conversationId);
    try {
      written += await db.transaction(
        'rw',
        [db.messages, db.outbox, db.conversations, db.drafts],
        async () => {
          let here = 0;
          for (const { s, row } of mine) if (await writeMessage(db, s.to, row, s.extras)) here++;
          return here;
        },
      );
    } catch (e) {
      // Not written: the sends stay journaled for the next start; other conversations go on.
      console.warn('journaled sends not written', e);
      continue;
    }
    journal.settled(
      conversationId,
      sends.map((s) => s.clientId),
    );
  }
  return written;
}
