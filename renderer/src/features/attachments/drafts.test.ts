/**
 * dropLostFiles against a stand-in for the database (no IndexedDB in unit tests): the files a send
 * found without bytes leave the stored draft in one read-write transaction, whatever their number;
 * the other files stay, and bytes another draft holds are kept.
 */
import { describe, expect, it } from 'vitest';
import type { AttachmentRef } from '../../../../shared/protocol';
import { conversationIdFor } from '../../../../shared/protocol';
import type { DraftFilesRow } from '../../db/rows/attachments';
import type { TradewindDb } from '../../db/schema';
import { dropLostFiles } from './drafts';

const ref = (n: number): AttachmentRef => ({
  sha256: n.toString(16).padStart(64, '0'),
  name: `f${n}.txt`,
  mime: 'text/plain',
  size: n,
});

function fakeDb(rows: DraftFilesRow[], blobs: string[]) {
  const log: string[] = [];
  const db = {
    name: 'test',
    attachmentBlobs: {
      delete: (k: string) => (
        log.push(`blobs.delete ${k.slice(-1)}`),
        blobs.splice(blobs.indexOf(k), 1),
        Promise.resolve()
      ),
    },
    draftFiles: {
      get: (k: string) => Promise.resolve(structuredClone(rows.find((r) => r.conversationId === k))),
      toArray: () => Promise.resolve(structuredClone(rows)),
      put: (row: DraftFilesRow) => {
        log.push('draftFiles.put');
        rows.splice(
          rows.findIndex((r) => r.conversationId === row.conversationId),
          1,
          row,
        );
        return Promise.resolve();
      },
      delete: (k: string) => {
        log.push('draftFiles.delete');
        rows.splice(
          rows.findIndex((r) => r.conversationId === k),
          1,
        );
        return Promise.resolve();
      },
    },
    transaction: (mode: string, _tables: unknown, f: () => Promise<unknown>) => (
      log.push(`transaction ${mode}`),
      f()
    ),
  };
  return { db: db as unknown as TradewindDb, log };
}

describe('dropLostFiles', () => {
  it('takes every lost file out of the stored draft in one read-write transaction', async () => {
    const conv = conversationIdFor('me', 'shop');
    const rows: DraftFilesRow[] = [
      {
        conversationId: conv,
        files: [1, 2, 3, 4].map((n) => ({ ref: ref(n), own: n !== 3 })),
        order: null,
        updatedAt: '',
      },
      // Another conversation's draft holds the bytes of file 2.
      { conversationId: 'other', files: [{ ref: ref(2), own: false }], order: null, updatedAt: '' },
    ];
    const blobs = [1, 2, 3, 4].map((n) => ref(n).sha256);
    const { db, log } = fakeDb(rows, blobs);
    await dropLostFiles({ db, me: 'me' }, 'shop', [ref(1), ref(2), ref(3)]);
    expect(log.filter((l) => l.startsWith('transaction'))).toEqual(['transaction rw']);
    expect(rows[0]?.files.map((f) => f.ref.name)).toEqual(['f4.txt']);
    // Owned and held nowhere else: 1; 2 is held by the other draft, 3 was not the draft's own.
    expect(log.filter((l) => l.startsWith('blobs.delete'))).toEqual(['blobs.delete 1']);
  });
});
