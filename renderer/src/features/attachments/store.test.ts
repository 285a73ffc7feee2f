/**
 * loadAttachment against a stand-in for the database (no IndexedDB in unit tests): reading the
 * cache opens no transaction and writes nothing unless a draft owns the bytes (then it disowns
 * them); a fetch stores the bytes and, in the same
 * transaction, takes them from any draft that stored them meanwhile.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AttachmentRef } from '../../../../shared/protocol';
import type { AttachmentBlobRow, DraftFilesRow } from '../../db/rows/attachments';
import type { TradewindDb } from '../../db/schema';
import { cacheAttachments, ensureUploaded, loadAttachment, sha256Hex } from './store';

const BYTES = new TextEncoder().encode('quotation for order 8123\n');
const SHA = await sha256Hex(BYTES);
const REF: AttachmentRef = { sha256: SHA, name: 'quote.txt', mime: 'text/plain', size: BYTES.length };
const ACCESS = { serverUrl: 'http://server.test', token: 't' };

/** The tables loadAttachment may touch, and a log of every call into them. */
function fakeDb(blobs: AttachmentBlobRow[], drafts: DraftFilesRow[]) {
  const log: string[] = [];
  /** The keys of the blob rows read whole (bytes and all). */
  const read: string[] = [];
  const db = {
    attachmentBlobs: {
      get: (k: string) => (
        log.push('blobs.get'),
        read.push(k),
        Promise.resolve(blobs.find((b) => b.sha256 === k))
      ),
      // Keys-only queries: the primary key, or the `uploaded` index.
      where: (index: string) => {
        const keysWhere = (match: (b: AttachmentBlobRow) => boolean) => ({
          primaryKeys: () => (
            log.push(`blobs.keys ${index}`),
            Promise.resolve(blobs.filter(match).map((b) => b.sha256))
          ),
        });
        return {
          anyOf: (keys: string[]) => keysWhere((b) => index === ':id' && keys.includes(b.sha256)),
          equals: (v: number) => keysWhere((b) => index === 'uploaded' && b.uploaded === v),
        };
      },
      update: (k: string, changes: Partial<AttachmentBlobRow>) => {
        log.push('blobs.update');
        const row = blobs.find((b) => b.sha256 === k);
        if (row) Object.assign(row, changes);
        return Promise.resolve(row ? 1 : 0);
      },
      put: (row: AttachmentBlobRow) => (log.push('blobs.put'), blobs.push(row), Promise.resolve(row.sha256)),
    },
    draftFiles: {
      toArray: () => (log.push('draftFiles.toArray'), Promise.resolve(drafts.map((d) => structuredClone(d)))),
      bulkPut: (rows: DraftFilesRow[]) => {
        log.push('draftFiles.bulkPut');
        for (const r of rows)
          drafts.splice(
            drafts.findIndex((d) => d.conversationId === r.conversationId),
            1,
            r,
          );
        return Promise.resolve();
      },
    },
    transaction: (mode: string, _tables: unknown, f: () => Promise<unknown>) => (
      log.push(`transaction ${mode}`),
      f()
    ),
  };
  return { db: db as unknown as TradewindDb, log, drafts, read };
}

const draftOwning = (): DraftFilesRow => ({
  conversationId: 'a|b',
  files: [{ ref: REF, own: true }],
  order: null,
  updatedAt: '',
});

const cachedRow = (): AttachmentBlobRow => ({
  sha256: SHA,
  bytes: BYTES,
  mime: 'text/plain',
  size: BYTES.length,
  thumb: null,
  uploaded: 1,
  storedAt: '',
});

afterEach(() => vi.unstubAllGlobals());

describe('loadAttachment', () => {
  it('reads a cached attachment no draft owns without a transaction or a write', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const row = cachedRow();
    const { db, log, drafts } = fakeDb([row], [{ ...draftOwning(), files: [{ ref: REF, own: false }] }]);
    expect(await loadAttachment(db, ACCESS, REF)).toBe(row);
    expect(log).toEqual(['blobs.get', 'draftFiles.toArray']);
    expect(fetch).not.toHaveBeenCalled();
    expect(drafts[0]?.files[0]?.own).toBe(false);
  });

  it('a cached attachment a draft owns is disowned when shown, so removing it from the draft keeps it', async () => {
    // A server message refers to bytes never fetched; the same file attached to a draft (the draft
    // owns them); the message shows them from the cache.
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const row = cachedRow();
    const { db, log, drafts } = fakeDb([row], [draftOwning()]);
    expect(await loadAttachment(db, ACCESS, REF)).toBe(row);
    expect(log).toEqual([
      'blobs.get',
      'draftFiles.toArray',
      'transaction rw',
      'draftFiles.toArray',
      'draftFiles.bulkPut',
    ]);
    expect(fetch).not.toHaveBeenCalled();
    expect(drafts[0]?.files[0]?.own).toBe(false);
  });

  it('stores fetched bytes and disowns a draft that stored them meanwhile, in one transaction', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.resolve(new Response(BYTES))),
    );
    const { db, log, drafts } = fakeDb([], [draftOwning()]);
    const row = await loadAttachment(db, ACCESS, REF);
    expect(row).toMatchObject({ sha256: SHA, size: BYTES.length, uploaded: 1 });
    expect(log).toEqual([
      'blobs.get',
      'transaction rw',
      'blobs.put',
      'draftFiles.toArray',
      'draftFiles.bulkPut',
    ]);
    expect(drafts[0]?.files[0]?.own).toBe(false);
  });
});

/** Another file: its own bytes and reference. */
async function file(text: string, mime = 'text/plain') {
  const bytes = new TextEncoder().encode(text);
  const sha256 = await sha256Hex(bytes);
  const ref: AttachmentRef = { sha256, name: `${text}.txt`, mime, size: bytes.length };
  const row = (uploaded: 0 | 1): AttachmentBlobRow => ({
    sha256,
    bytes,
    mime,
    size: bytes.length,
    thumb: null,
    uploaded,
    storedAt: '',
  });
  return { bytes, ref, row };
}

describe('cacheAttachments', () => {
  it('tells cached files by their keys and reads no cached bytes; fetches only the missing one', async () => {
    const a = await file('price list');
    const b = await file('packing list');
    const missing = await file('invoice');
    const fetch = vi.fn(() => Promise.resolve(new Response(missing.bytes)));
    vi.stubGlobal('fetch', fetch);
    const { db, read, log } = fakeDb([a.row(1), b.row(1)], []);
    // The same file may come in several messages of one page.
    await cacheAttachments(db, ACCESS, [a.ref, missing.ref, b.ref, a.ref, missing.ref]);
    expect(log[0]).toBe('blobs.keys :id');
    // The only row read is the missing one's (loadAttachment looks before it fetches): none of the
    // cached files' bytes.
    expect(read).toEqual([missing.ref.sha256]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('reads nothing and fetches nothing when every file is cached', async () => {
    const a = await file('price list');
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const { db, read } = fakeDb([a.row(1)], []);
    await cacheAttachments(db, ACCESS, [a.ref, a.ref]);
    expect(read).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('ensureUploaded', () => {
  it('reads the bytes of files to upload only, not of files the server has or this device lacks', async () => {
    const sent = await file('sent before');
    const fresh = await file('new photo');
    const gone = await file('not on this device');
    const fetch = vi.fn(() =>
      Promise.resolve(
        Response.json({
          ok: true,
          value: { sha256: fresh.ref.sha256, mime: 'text/plain', size: fresh.bytes.length, created: true },
        }),
      ),
    );
    vi.stubGlobal('fetch', fetch);
    const { db, read } = fakeDb([sent.row(1), fresh.row(0)], []);
    expect(await ensureUploaded(db, ACCESS, [sent.ref, fresh.ref, gone.ref])).toEqual({
      ok: true,
      value: null,
    });
    expect(read).toEqual([fresh.ref.sha256]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(await ensureUploaded(db, ACCESS, [sent.ref, fresh.ref])).toEqual({ ok: true, value: null });
    expect(read).toEqual([fresh.ref.sha256]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
