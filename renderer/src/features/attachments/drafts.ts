/**
 * Per conversation, the files waiting in the composer and the last refusals, as the composer
 * shows them. Issue 10: they are kept in IndexedDB as they are attached (draftRows.ts), loaded
 * when the conversation opens, and leave only with the commit of the message that carries them
 * or when the user removes them — a reload or a restart loses nothing attached. This module
 * mirrors the stored draft in memory for rendering; it never holds the files' bytes after they
 * are stored.
 */
import { useSyncExternalStore } from 'react';
import { conversationIdFor, type AttachmentRef, type OrderRef } from '../../../../shared/protocol';
import type { TradewindDb } from '../../db/schema';
import { useSession } from '../../sync/session';
import { checkFiles } from './logic';
import type { RejectReason } from './logic';
import {
  removeDraftFile,
  removeDraftFiles,
  restoreDraftFiles,
  saveDraftOrder,
  storeDraftFile,
} from './draftRows';
import { prepareFile } from './store';

/** Whose composer: the open database (one per account and server) and me. */
export interface DraftScope {
  db: TradewindDb;
  me: string;
}

/**
 * Why a file is not attached: the limits (logic.ts), this device could not store it, or its
 * stored bytes were gone when the draft came back or was sent (`notRestored`).
 */
export type RefusalReason = RejectReason | 'notStored' | 'notRestored';

interface Draft {
  items: AttachmentRef[];
  preparing: number;
  refused: { name: string; reason: RefusalReason }[];
}

const EMPTY: Draft = { items: [], preparing: 0, refused: [] };
let drafts: Record<string, Draft> = {};
const loads = new Map<string, Promise<void>>();
const listeners = new Set<() => void>();

const conversationOf = (s: DraftScope, partner: string): string => conversationIdFor(s.me, partner);
const keyOf = (s: DraftScope, partner: string): string => `${s.db.name}\n${conversationOf(s, partner)}`;

function update(key: string, f: (d: Draft) => Draft): void {
  drafts = { ...drafts, [key]: f(drafts[key] ?? EMPTY) };
  for (const l of listeners) l();
}

export function useDraftAttachments(partner: string): Draft {
  const key = keyOf(useSession(), partner);
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => drafts[key] ?? EMPTY,
  );
}

/**
 * Reads the conversation's stored draft into memory, once per page (memory mirrors it since),
 * and hands the order reference it holds to `restoreOrder` (the orders feature shows it). Files
 * attached meanwhile stay. A file whose bytes are gone is not shown as attached (it could not be
 * sent) but named, so the user can attach it again. Every caller waits for the same read.
 */
export function loadDraftFiles(
  scope: DraftScope,
  partner: string,
  restoreOrder: (order: OrderRef) => void,
): Promise<void> {
  const key = keyOf(scope, partner);
  let load = loads.get(key);
  if (!load) {
    load = restoreDraftFiles(scope.db, conversationOf(scope, partner)).then(({ row, lost }) => {
      const stored = row?.files.map((f) => f.ref) ?? [];
      update(key, (d) => ({
        ...d,
        items: [...stored, ...d.items.filter((i) => !stored.some((s) => s.sha256 === i.sha256))],
        refused: [...d.refused, ...lost.map((r) => ({ name: r.name, reason: 'notRestored' as const }))],
      }));
      if (row?.order) restoreOrder(row.order);
    });
    // A failed read is tried again the next time the conversation opens.
    load.catch(() => loads.delete(key));
    loads.set(key, load);
  }
  return load;
}

/**
 * Adds picked, dropped or pasted files: refused ones get a reason; accepted ones are read, hashed
 * and stored with the draft before they show as attached.
 */
export async function addDraftFiles(
  scope: DraftScope,
  partner: string,
  files: readonly File[],
): Promise<void> {
  const key = keyOf(scope, partner);
  const current = drafts[key] ?? EMPTY;
  const { accepted, rejected } = checkFiles(files, current.items.length + current.preparing);
  update(key, (d) => ({
    ...d,
    preparing: d.preparing + accepted.length,
    refused: rejected.map((r) => ({ name: r.file.name || 'file', reason: r.reason })),
  }));
  await Promise.all(
    accepted.map(async (file) => {
      let reason: RefusalReason = 'empty';
      try {
        const prepared = await prepareFile(file);
        reason = 'notStored';
        await storeDraftFile(scope.db, conversationOf(scope, partner), prepared);
        update(key, (d) => ({
          ...d,
          preparing: d.preparing - 1,
          items: d.items.some((i) => i.sha256 === prepared.ref.sha256) ? d.items : [...d.items, prepared.ref],
        }));
      } catch (e) {
        if (reason === 'notStored') console.warn('attachment draft not stored', e);
        update(key, (d) => ({
          ...d,
          preparing: d.preparing - 1,
          refused: [...d.refused, { name: file.name, reason }],
        }));
      }
    }),
  );
}

/** The user removed a file from the composer. */
export async function removeDraft(scope: DraftScope, partner: string, sha256: string): Promise<void> {
  update(keyOf(scope, partner), (d) => ({ ...d, items: d.items.filter((i) => i.sha256 !== sha256) }));
  await removeDraftFile(scope.db, conversationOf(scope, partner), sha256);
}

/**
 * A send found these files' bytes gone (composeRichMessage refused with `AttachmentsLost`): they
 * leave the composer and its stored draft, and the composer names them.
 */
export async function dropLostFiles(
  scope: DraftScope,
  partner: string,
  lost: readonly AttachmentRef[],
): Promise<void> {
  const shas = new Set(lost.map((r) => r.sha256));
  update(keyOf(scope, partner), (d) => ({
    ...d,
    items: d.items.filter((i) => !shas.has(i.sha256)),
    refused: lost.map((r) => ({ name: r.name, reason: 'notRestored' as const })),
  }));
  // One transaction for all of them (was one a file).
  await removeDraftFiles(scope.db, conversationOf(scope, partner), [...shas]);
}

/** Keeps the order reference attached in the composer with the draft (null: none). */
export async function keepDraftOrder(
  scope: DraftScope,
  partner: string,
  order: OrderRef | null,
): Promise<void> {
  await saveDraftOrder(scope.db, conversationOf(scope, partner), order);
}

/**
 * The message carrying these files is committed (composeRichMessage took them out of the stored
 * draft in its transaction): they leave the composer; files attached meanwhile stay.
 */
export function forgetSentFiles(scope: DraftScope, partner: string, sent: readonly AttachmentRef[]): void {
  const shas = new Set(sent.map((r) => r.sha256));
  update(keyOf(scope, partner), (d) => ({
    ...d,
    items: d.items.filter((i) => !shas.has(i.sha256)),
    refused: [],
  }));
}
