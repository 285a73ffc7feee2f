import { afterEach, describe, expect, it, vi } from 'vitest';
import { conversationIdFor } from '../../../shared/protocol';
import {
  journalFor,
  replayJournal,
  rowOfSend,
  sendOfRow,
  writeChange,
  type JournalSend,
  type JournalStorage,
} from './journal';
import { newMessage } from './repo';
import type * as Repo from './repo';
import type { MessageRow, TradewindDb } from './schema';

const written = vi.hoisted(() => [] as { to: string; row: unknown; extras: unknown }[]);
/**
 * Client ids already stored: `writeMessage` leaves them alone and says so (repo.test.ts checks
 * that it does).
 */
const stored = vi.hoisted(() => new Set<string>());
/**
 * Runs as `writeMessage` is called, before it writes: a test looks at the journal then, and may
 * hold the commit (a busy store) or fail it.
 */
const atWrite = vi.hoisted(() => ({ run: undefined as undefined | (() => Promise<void>) }));
vi.mock('./repo', async (importOriginal) => ({
  ...(await importOriginal<typeof Repo>()),
  writeMessage: async (_db: unknown, to: string, row: MessageRow, extras: unknown) => {
    await atWrite.run?.();
    if (stored.has(row.clientId)) return false;
    stored.add(row.clientId);
    written.push({ to, row, extras });
    return true;
  },
}));

/**
 * localStorage as a Map, with the per-origin quota reached at `quota` characters; `full` makes
 * every write throw as a full quota does.
 */
function memoryStorage(quota = Infinity): JournalStorage & { map: Map<string, string>; full: boolean } {
  const map = new Map<string, string>();
  return {
    map,
    full: false,
    getItem: (k) => map.get(k) ?? null,
    setItem(k, v) {
      const used = [...map].reduce((n, [key, val]) => (key === k ? n : n + key.length + val.length), 0);
      if (this.full || used + k.length + v.length > quota)
        throw new DOMException('quota', 'QuotaExceededError');
      map.set(k, v);
    },
    removeItem: (k) => void map.delete(k),
    key: (i) => [...map.keys()][i] ?? null,
    get length() {
      return map.size;
    },
  };
}

const DB = 'tradewind:ann@http://127.0.0.1:1';
const CID = conversationIdFor('ann', 'bob');
const send = (text: string, extras = {}) => sendOfRow('bob', newMessage('ann', 'bob', text, extras), extras);

afterEach(() => {
  written.length = 0;
  stored.clear();
  atWrite.run = undefined;
  vi.restoreAllMocks();
});

describe('the composer journal (issue 10: nothing typed or sent is lost to a queued IndexedDB commit)', () => {
  it('holds the typed text until an IndexedDB write of that very text committed', () => {
    const storage = memoryStorage();
    const j = journalFor(DB, storage);
    expect(j.textOf(CID)).toBeUndefined();
    const first = j.typed(CID, 'hel')!;
    const second = j.typed(CID, 'hello')!;
    expect(j.textOf(CID)).toBe('hello');
    // The write of an older text committing says nothing of the newer one.
    j.draftSaved(CID, first);
    expect(j.textOf(CID)).toBe('hello');
    j.draftSaved(CID, second);
    expect(j.textOf(CID)).toBeUndefined();
    expect(storage.map.size).toBe(0);
    // An emptied composer is a text too: it wins over an older IndexedDB draft until settled.
    j.typed(CID, '');
    expect(j.textOf(CID)).toBe('');
  });

  it('keeps a send and the text left after it until the send settles; the text waits for its sends', () => {
    const storage = memoryStorage();
    const j = journalFor(DB, storage);
    const n = j.typed(CID, 'first')!;
    const a = send('first');
    const b = send('second', { lang: 'en', replyTo: { seq: 3 } });
    expect(j.sending(CID, a, '')).toBe(true);
    expect(j.sending(CID, b, '')).toBe(true);
    const typedAfter = j.typed(CID, 'third')!;
    expect(j.textOf(CID)).toBe('third');
    expect(j.pending()).toEqual([{ conversationId: CID, sends: [a, b] }]);
    // A draft write committing while sends are on their way leaves the text (see draftSaved).
    j.draftSaved(CID, n);
    j.draftSaved(CID, typedAfter);
    expect(j.textOf(CID)).toBe('third');
    j.settled(CID, [a.clientId]);
    expect(j.pending()).toEqual([{ conversationId: CID, sends: [b] }]);
    j.settled(CID, [b.clientId]);
    expect(j.pending()).toEqual([]);
    j.draftSaved(CID, typedAfter);
    expect(storage.map.size).toBe(0);
  });

  it('writes the row of a send again exactly as newMessage made it', () => {
    const extras = { lang: 'pl', translation: { text: 'samples', lang: 'en' }, replyTo: { seq: 7 } };
    const row = newMessage('ann', 'bob', 'próbki', extras);
    expect(rowOfSend('ann', sendOfRow('bob', row, extras))).toEqual(row);
    const plain = newMessage('ann', 'bob', 'hi');
    expect(rowOfSend('ann', sendOfRow('bob', plain, {}))).toEqual(plain);
  });

  it('keeps each account apart', () => {
    const storage = memoryStorage();
    const ann = journalFor(DB, storage);
    const other = journalFor('tradewind:ann@http://other:1', storage);
    ann.sending(CID, send('mine'), 'left');
    expect(other.textOf(CID)).toBeUndefined();
    expect(other.pending()).toEqual([]);
    expect(ann.pending()).toHaveLength(1);
  });

  it('drops what does not parse, without throwing', () => {
    const storage = memoryStorage();
    const j = journalFor(DB, storage);
    const key = (cid: string) => `tradewind.journal:${DB}|${cid}`;
    storage.map.set(key('dm:a:garbage'), '{not json');
    storage.map.set(key('dm:a:shape'), JSON.stringify({ text: 5, sends: 'no' }));
    storage.map.set(key('dm:a:long'), JSON.stringify({ n: 1, text: 'x'.repeat(3_000_000), sends: [] }));
    const good = send('kept');
    storage.map.set(key(CID), JSON.stringify({ n: 1, text: 't', sends: [{ clientId: 'half' }, good] }));
    expect(j.textOf('dm:a:garbage')).toBeUndefined();
    expect(j.pending()).toEqual([{ conversationId: CID, sends: [good] }]);
    expect([...storage.map.keys()]).toEqual([key(CID)]);
  });

  it('falls back to IndexedDB alone when localStorage refuses a write', () => {
    const storage = memoryStorage();
    const j = journalFor(DB, storage);
    j.typed(CID, 'older');
    storage.full = true;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // Not journaled, and the older text is not left to win over the IndexedDB draft.
    expect(j.typed(CID, 'newer')).toBeNull();
    expect(j.textOf(CID)).toBeUndefined();
    expect(j.sending(CID, send('x'), '')).toBe(false);
    warn.mockRestore();
    // No storage at all: nothing journaled, nothing thrown.
    const none = journalFor(DB, null);
    expect(none.typed(CID, 'a')).toBeNull();
    expect(none.sending(CID, send('a'), '')).toBe(false);
    expect(none.pending()).toEqual([]);
  });

  it('keeps the sends journaled when a long paste is typed while they wait (its text left to IndexedDB)', () => {
    const j = journalFor(DB, memoryStorage());
    j.typed(CID, 'older');
    expect(j.sending(CID, send('queued 1'), '')).toBe(true);
    // More than 256 K characters: not journaled, and the older text no longer wins over IndexedDB.
    expect(j.typed(CID, 'x'.repeat(300_000))).toBeNull();
    expect(j.textOf(CID)).toBeUndefined();
    expect(j.pending().flatMap((p) => p.sends.map((s) => s.text))).toEqual(['queued 1']);
  });

  it('keeps the earlier sends journaled when a full localStorage refuses the next Enter', () => {
    const j = journalFor(DB, memoryStorage(2_000));
    expect(j.sending(CID, send('queued 1'), '')).toBe(true);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    // The next send does not fit: it goes on IndexedDB alone...
    expect(j.sending(CID, send('y'.repeat(2_000)), '')).toBe(false);
    warn.mockRestore();
    // ...and the first one is still replayable if the page closes now.
    expect(j.pending().flatMap((p) => p.sends.map((s) => s.text))).toEqual(['queued 1']);
  });

  it('journals as many long translated sends as MAX_SENDS allows', () => {
    const j = journalFor(DB, memoryStorage());
    const long = (i: number) => {
      const extras = { lang: 'pl', translation: { text: 'z\n'.repeat(8_000), lang: 'zh' } };
      return sendOfRow('bob', newMessage('ann', 'bob', `${i}`.padEnd(8_000, '"'), extras), extras);
    };
    let accepted = 0;
    while (j.sending(CID, long(accepted), '')) accepted++;
    // Each of the longest a message may be (text and translation): the cap is MAX_SENDS alone.
    expect(accepted).toBe(50);
    expect(j.pending()[0]?.sends).toHaveLength(50);
  });

  it("keeps another tab's newer text when this tab's draft write of the same instant commits", async () => {
    const storage = memoryStorage();
    // Two tabs of one account: two pages, each its own module, one localStorage; the same clock.
    vi.spyOn(Date, 'now').mockReturnValue(Date.now() + 3_600_000);
    const tabA = journalFor(DB, storage);
    vi.resetModules();
    const tabB = (await import('./journal')).journalFor(DB, storage);
    const n = tabA.typed(CID, 'typed in A')!;
    tabB.typed(CID, 'typed in B, newer');
    // A's IndexedDB draft write of its own text commits: B's newer text must stay journaled.
    tabA.draftSaved(CID, n);
    expect(tabA.textOf(CID)).toBe('typed in B, newer');
  });

  it('bounds the sends of one conversation', () => {
    const j = journalFor(DB, memoryStorage());
    for (let i = 0; i < 50; i++) expect(j.sending(CID, send(`m${i}`), '')).toBe(true);
    expect(j.sending(CID, send('one too many'), '')).toBe(false);
    expect(j.pending()[0]?.sends).toHaveLength(50);
  });
});

/** A database whose transaction runs its work, or throws when `fail`. */
const fakeDb = (fail = false) =>
  ({
    name: DB,
    transaction: async (_mode: string, _tables: unknown, fn: () => Promise<number>) => {
      if (fail) throw new Error('store refused');
      return fn();
    },
  }) as unknown as TradewindDb;

describe('replayJournal', () => {
  it('writes the sends whose commit was lost, once, in order, and empties the journal of them', async () => {
    const storage = memoryStorage();
    const j = journalFor(DB, storage);
    const a = send('committed before the page went');
    const b = send('lost 1', { lang: 'en' });
    const c = send('lost 2');
    for (const s of [a, b, c]) j.sending(CID, s, '');
    j.typed(CID, 'still typing');
    stored.add(a.clientId);
    expect(await replayJournal(fakeDb(), 'ann', j)).toBe(2);
    expect(written).toEqual([
      { to: 'bob', row: rowOfSend('ann', b), extras: { lang: 'en' } },
      { to: 'bob', row: rowOfSend('ann', c), extras: {} },
    ]);
    expect(j.pending()).toEqual([]);
    expect(j.textOf(CID)).toBe('still typing');
    // Run again (a second start): nothing left to write.
    expect(await replayJournal(fakeDb(), 'ann', j)).toBe(0);
  });

  it('replays an edit as it was confirmed, and leaves the composer text journaled beside it', async () => {
    const j = journalFor(DB, memoryStorage());
    j.typed(CID, 'a new message, half typed');
    const change = { kind: 'edit' as const, seq: 3 };
    const edit = send('price 11 USD', { change });
    expect(j.sending(CID, edit)).toBe(true);
    expect(j.textOf(CID)).toBe('a new message, half typed');
    expect(await replayJournal(fakeDb(), 'ann', j)).toBe(1);
    expect(written).toEqual([{ to: 'bob', row: rowOfSend('ann', edit), extras: { change } }]);
    expect((written[0]!.row as MessageRow).change).toEqual(change);
    expect(j.pending()).toEqual([]);
    expect(j.textOf(CID)).toBe('a new message, half typed');
  });

  it('keeps the sends when the store refuses them, and drops a send of another conversation', async () => {
    const j = journalFor(DB, memoryStorage());
    j.sending(CID, send('waits'), '');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await replayJournal(fakeDb(true), 'ann', j)).toBe(0);
    warn.mockRestore();
    expect(j.pending()).toHaveLength(1);
    // Under the wrong conversation (not whom it is addressed to): never written, only dropped.
    const stray = journalFor(DB, memoryStorage());
    stray.sending('dm:ann:carol', send('to bob'), '');
    expect(await replayJournal(fakeDb(), 'ann', stray)).toBe(0);
    expect(written).toEqual([]);
    expect(stray.pending()).toEqual([]);
  });
});

describe('writeChange (an edit or a retraction: the one journaled path of both)', () => {
  const retraction = { change: { kind: 'retract' as const, seq: 3 } };

  it('journals a retraction before its IndexedDB write; a page gone before the commit finds it replayed once, same client id', async () => {
    const storage = memoryStorage();
    const j = journalFor(DB, storage);
    j.typed(CID, 'a new message, half typed');
    let journaled: JournalSend[] = [];
    // The commit queues behind a busy store and never happens: the page goes meanwhile.
    atWrite.run = () => {
      journaled = j.pending()[0]?.sends ?? [];
      return new Promise<void>(() => undefined);
    };
    void writeChange(fakeDb(), 'ann', 'bob', '', retraction, j);
    expect(journaled).toHaveLength(1);
    const [sent] = journaled;
    expect(sent).toMatchObject({ to: 'bob', text: '', extras: retraction });
    expect(written).toEqual([]);

    // The next start (a new page on the same storage): written once, under the same client id.
    atWrite.run = undefined;
    const next = journalFor(DB, storage);
    expect(await replayJournal(fakeDb(), 'ann', next)).toBe(1);
    expect(written).toEqual([{ to: 'bob', row: rowOfSend('ann', sent!), extras: retraction }]);
    expect((written[0]!.row as MessageRow).clientId).toBe(sent!.clientId);
    expect((written[0]!.row as MessageRow).change).toEqual(retraction.change);
    expect(next.pending()).toEqual([]);
    // The composer's text is not the retraction's: it stays journaled beside it.
    expect(next.textOf(CID)).toBe('a new message, half typed');
    expect(await replayJournal(fakeDb(), 'ann', next)).toBe(0);
    expect(written).toHaveLength(1);
  });

  it('leaves the journal once the write committed (a later replay writes nothing) or failed (thrown)', async () => {
    const j = journalFor(DB, memoryStorage());
    const row = await writeChange(fakeDb(), 'ann', 'bob', '', retraction, j);
    expect(written).toEqual([{ to: 'bob', row, extras: retraction }]);
    expect(j.pending()).toEqual([]);
    expect(await replayJournal(fakeDb(), 'ann', j)).toBe(0);

    atWrite.run = () => Promise.reject(new Error('store refused'));
    const edit = { change: { kind: 'edit' as const, seq: 4 } };
    await expect(writeChange(fakeDb(), 'ann', 'bob', 'price 11 USD', edit, j)).rejects.toThrow(
      'store refused',
    );
    expect(j.pending()).toEqual([]);
    expect(written).toHaveLength(1);
  });
});
