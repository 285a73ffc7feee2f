/**
 * The live rows behind edits, retractions and quotes of the messages on screen (issue 11), each
 * read through an index over exactly what the window needs: the changes of its messages
 * (`[conversationId+change.seq]`, schema v8) and the messages its replies quote (`[conversationId+seq]`).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import type { MessageRow, TradewindDb } from '../../db/schema';

const NONE: MessageRow[] = [];

/** Every edit and retraction (stored or on its way) of the messages with seqs from `lo` to `hi`. */
function useChangesBetween(db: TradewindDb, conversationId: string, lo: number, hi: number): MessageRow[] {
  return (
    useLiveQuery(
      () =>
        lo > hi
          ? NONE
          : db.messages
              .where('[conversationId+change.seq]')
              .between([conversationId, lo], [conversationId, hi], true, true)
              .toArray(),
      [db, conversationId, lo, hi],
    ) ?? NONE
  );
}

export interface WindowChanges {
  /** The changes of the messages shown, and of the messages their replies quote. */
  changes: MessageRow[];
  /** The messages quoted by replies on screen, by seq (those stored on this device). */
  quoted: ReadonlyMap<number, MessageRow>;
}

/** Changes and quoted messages for a window of the conversation (`shown`, in display order). */
export function useWindowChanges(
  db: TradewindDb,
  conversationId: string,
  shown: readonly MessageRow[],
): WindowChanges {
  let lo = Infinity;
  let hi = -Infinity;
  const quotedSeqs: number[] = [];
  for (const m of shown) {
    if (m.seq !== undefined) {
      lo = Math.min(lo, m.seq);
      hi = Math.max(hi, m.seq);
    }
    if (m.replyTo) quotedSeqs.push(m.replyTo.seq);
  }
  const key = [...new Set(quotedSeqs)].sort((a, b) => a - b).join(',');
  const quotedRows =
    useLiveQuery(async () => {
      const seqs = key === '' ? [] : key.split(',').map(Number);
      const rows = await db.messages
        .where('[conversationId+seq]')
        .anyOf(seqs.map((s) => [conversationId, s]))
        .toArray();
      // Their changes too, so a quote shows the quoted message's latest version.
      const changes =
        seqs.length === 0
          ? []
          : await db.messages
              .where('[conversationId+change.seq]')
              .anyOf(seqs.map((s) => [conversationId, s]))
              .toArray();
      return [...rows, ...changes];
    }, [db, conversationId, key]) ?? NONE;
  const inWindow = useChangesBetween(db, conversationId, lo === Infinity ? 1 : lo, hi);
  return useMemo(() => {
    const quoted = new Map<number, MessageRow>();
    const extra: MessageRow[] = [];
    for (const r of quotedRows) {
      if (r.change) extra.push(r);
      else if (r.seq !== undefined) quoted.set(r.seq, r);
    }
    const seen = new Set(inWindow.map((c) => c.clientId));
    return { changes: [...inWindow, ...extra.filter((c) => !seen.has(c.clientId))], quoted };
  }, [inWindow, quotedRows]);
}
