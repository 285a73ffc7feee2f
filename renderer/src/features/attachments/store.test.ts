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
import { loadAttachment, sha256Hex } from './store';

const BYTES = new TextEncoder().encode('quotation for order 8123\n');
const SHA = await sha256Hex(BYTES);
const REF: AttachmentRef = { sha256: SHA, name: 'quote.txt', mime: 'text/plain', size: BYTES.length };
const ACCESS = { serverUrl: 'http://server.test', token: 't' };

/** The tables loadAttachment may touch, and a log of every call into them. */
function fakeDb(blobs: AttachmentBlobRow[], drafts: DraftFilesRow[]) {
  const log: string[] = [];
  const db = {
    attachmentBlobs: {
      get: (k: string) => (log.push('blobs.get'), Promise.resolve(blobs.find((b) => b.sha256 === k))),
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
  return { db: db as unknown as TradewindDb, log, drafts };
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
