/**
 * Per partner, the files waiting in the composer (already hashed and sniffed) and the last
 * refusal message. In memory: a reload forgets unsent drafts, never sent messages.
 */
import { useSyncExternalStore } from 'react';
import { checkFiles } from './logic';
import type { RejectReason } from './logic';
import { prepareFile, type PreparedAttachment } from './store';

interface Draft {
  items: PreparedAttachment[];
  preparing: number;
  refused: { name: string; reason: RejectReason }[];
}

const EMPTY: Draft = { items: [], preparing: 0, refused: [] };
let drafts: Record<string, Draft> = {};
const listeners = new Set<() => void>();

function update(partner: string, f: (d: Draft) => Draft): void {
  drafts = { ...drafts, [partner]: f(drafts[partner] ?? EMPTY) };
  for (const l of listeners) l();
}

export function useDraftAttachments(partner: string): Draft {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => drafts[partner] ?? EMPTY,
  );
}

/** Adds picked, dropped or pasted files: refused ones get a reason; accepted ones are read and hashed. */
export async function addDraftFiles(partner: string, files: readonly File[]): Promise<void> {
  const current = drafts[partner] ?? EMPTY;
  const { accepted, rejected } = checkFiles(files, current.items.length + current.preparing);
  update(partner, (d) => ({
    ...d,
    preparing: d.preparing + accepted.length,
    refused: rejected.map((r) => ({ name: r.file.name || 'file', reason: r.reason })),
  }));
  await Promise.all(
    accepted.map(async (file) => {
      try {
        const prepared = await prepareFile(file);
        update(partner, (d) => ({
          ...d,
          preparing: d.preparing - 1,
          items: d.items.some((i) => i.ref.sha256 === prepared.ref.sha256) ? d.items : [...d.items, prepared],
        }));
      } catch {
        update(partner, (d) => ({
          ...d,
          preparing: d.preparing - 1,
          refused: [...d.refused, { name: file.name, reason: 'empty' }],
        }));
      }
    }),
  );
}

export function removeDraft(partner: string, sha256: string): void {
  update(partner, (d) => ({ ...d, items: d.items.filter((i) => i.ref.sha256 !== sha256) }));
}

export function clearDrafts(partner: string): void {
  update(partner, () => EMPTY);
}
