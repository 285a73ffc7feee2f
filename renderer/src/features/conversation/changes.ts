/**
 * Edits and retractions as the conversation shows them (issue 11). A change is a message of its
 * own in the chain (docs/evidence.md § Edits and retractions); the list never shows it as a
 * bubble of its own: the original's bubble shows the latest text with "edited", or a placeholder
 * with "retracted", and the history lists every version. Pure: the rows come from IndexedDB.
 */
import { DEFAULT_EDIT_WINDOW_MINUTES } from '../../../../shared/protocol';
import type { MessageRow } from '../../db/schema';

export interface Version {
  kind: 'original' | 'edit' | 'retract';
  message: MessageRow;
}

export interface ChangeState {
  /** Every version, oldest first: the original, then each edit and the retraction (stored or on its way). */
  versions: Version[];
  /** The row whose text the bubble shows: the newest edit, else the original. */
  latest: MessageRow;
  /** The bubble's mark: the newest change is an edit, or the message was retracted; null when only a failed change exists. */
  state: 'edited' | 'retracted' | null;
  /** When the newest change was made (server time once stored, else when it was written). */
  at: string;
  /** A change of mine that the server refused: shown on the bubble with a retry. */
  failed: MessageRow | null;
}

const when = (m: MessageRow): string => m.sentAt ?? m.createdAt;
/** Stored changes in seq order, then the ones on their way in the order they were written. */
const order = (a: MessageRow, b: MessageRow): number =>
  (a.seq ?? Infinity) - (b.seq ?? Infinity) || a.sort - b.sort;

/**
 * The change state of each original among `originals`, keyed by its seq, from the conversation's
 * change messages (`changes`, any order). Only valid changes count, as the verifier's rules say:
 * by the original's sender, of an original (not of another change), nothing after a retraction.
 * A failed change is not a version: it is reported on its own so the writer can retry it.
 */
export function changeStates(
  originals: readonly MessageRow[],
  changes: readonly MessageRow[],
): Map<number, ChangeState> {
  const bySeq = new Map<number, MessageRow>();
  for (const m of originals) if (m.seq !== undefined && !m.change) bySeq.set(m.seq, m);
  const grouped = new Map<number, MessageRow[]>();
  for (const c of changes) {
    if (!c.change) continue;
    const target = bySeq.get(c.change.seq);
    if (!target || target.sender !== c.sender) continue;
    if (c.seq !== undefined && c.seq <= c.change.seq) continue;
    grouped.set(c.change.seq, [...(grouped.get(c.change.seq) ?? []), c]);
  }
  const out = new Map<number, ChangeState>();
  for (const [seq, list] of grouped) {
    const original = bySeq.get(seq)!;
    const versions: Version[] = [{ kind: 'original', message: original }];
    let failed: MessageRow | null = null;
    for (const c of [...list].sort(order)) {
      if (c.status === 'failed') {
        failed = c;
        continue;
      }
      if (versions[versions.length - 1]!.kind === 'retract') break;
      versions.push({ kind: c.change!.kind, message: c });
    }
    const newest = versions[versions.length - 1]!;
    const edits = versions.filter((v) => v.kind !== 'retract');
    out.set(seq, {
      versions,
      latest: edits[edits.length - 1]!.message,
      state: newest.kind === 'retract' ? 'retracted' : newest.kind === 'edit' ? 'edited' : null,
      at: when(newest.message),
      failed,
    });
  }
  return out;
}

/** Messages the list shows as bubbles: every message except edits and retractions. */
export function bubblesOf(messages: readonly MessageRow[]): MessageRow[] {
  return messages.some((m) => m.change) ? messages.filter((m) => !m.change) : (messages as MessageRow[]);
}

/**
 * Whether I may still edit or retract `m` at `now` (ms): my own stored original, not retracted,
 * within the edit window. The server's window (TRADEWIND_EDIT_WINDOW_MINUTES) decides in the end;
 * a change it refuses comes back as failed with its reason.
 */
export function canChange(
  m: MessageRow,
  me: string,
  state: ChangeState | undefined,
  now: number,
  windowMinutes: number = DEFAULT_EDIT_WINDOW_MINUTES,
): boolean {
  if (m.sender !== me || m.seq === undefined || !m.sentAt || m.change) return false;
  if (state?.state === 'retracted') return false;
  return now - Date.parse(m.sentAt) <= windowMinutes * 60_000;
}
