/**
 * When a bubble of the message list need not render again (issue 10): a new message, an ack, a
 * receipt or a translation arriving re-renders the bubbles it changes, not every bubble of the
 * window (the CPU profile of Enter, bench/README.md). Pure: unit-tested in sameBubble.test.ts.
 */
import type { DeliveryState } from '../../domain/messageState';
import type { MessageRow } from '../../db/schema';
import { sameDisplay, type ConversationTranslation } from '../translation';
import type { ChangeState } from './changes';

export interface BubbleProps {
  message: MessageRow;
  mine: boolean;
  state: DeliveryState;
  partnerTimeZone: string;
  translation: ConversationTranslation | undefined;
  me: string;
  partnerId: string;
  partnerName: string;
  changes: ReadonlyMap<number, ChangeState> | undefined;
  quoted: ReadonlyMap<number, MessageRow> | undefined;
}

/**
 * The same version of a message: stored rows never change, a pending one changes only by being
 * acked (status, seq, sort, hash), failing (status, error) or retried (status, sort). Live queries
 * hand out fresh objects for the same rows on every run, so identity alone says nothing.
 */
export function sameMessage(a: MessageRow | undefined, b: MessageRow | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  return (
    a.clientId === b.clientId &&
    a.status === b.status &&
    a.seq === b.seq &&
    a.sort === b.sort &&
    a.hash === b.hash &&
    a.error === b.error
  );
}

/** The rows a bubble shows text of: the message, its versions, the message it quotes and that one's versions. */
function shownRows(p: BubbleProps): {
  change: ChangeState | undefined;
  quoted: MessageRow | undefined;
  quotedChange: ChangeState | undefined;
  ids: string[];
} {
  const change = p.message.seq === undefined ? undefined : p.changes?.get(p.message.seq);
  const quoted = p.message.replyTo ? p.quoted?.get(p.message.replyTo.seq) : undefined;
  const quotedChange = quoted?.seq === undefined ? undefined : p.changes?.get(quoted.seq);
  const ids = [p.message.clientId];
  for (const s of [change, quotedChange]) for (const v of s?.versions ?? []) ids.push(v.message.clientId);
  if (quoted) ids.push(quoted.clientId);
  return { change, quoted, quotedChange, ids };
}

const sameChange = (a: ChangeState | undefined, b: ChangeState | undefined): boolean =>
  a === b ||
  (!!a &&
    !!b &&
    a.state === b.state &&
    a.at === b.at &&
    sameMessage(a.latest, b.latest) &&
    sameMessage(a.failed ?? undefined, b.failed ?? undefined) &&
    a.versions.length === b.versions.length &&
    a.versions.every(
      (v, i) => v.kind === b.versions[i]!.kind && sameMessage(v.message, b.versions[i]!.message),
    ));

/** Whether a bubble with props `b` would render as it did with `a`. */
export function sameBubble(a: BubbleProps, b: BubbleProps): boolean {
  if (
    !sameMessage(a.message, b.message) ||
    a.mine !== b.mine ||
    a.state !== b.state ||
    a.partnerTimeZone !== b.partnerTimeZone ||
    a.me !== b.me ||
    a.partnerId !== b.partnerId ||
    a.partnerName !== b.partnerName
  )
    return false;
  const x = shownRows(a);
  const y = shownRows(b);
  if (
    !sameChange(x.change, y.change) ||
    !sameChange(x.quotedChange, y.quotedChange) ||
    !sameMessage(x.quoted, y.quoted)
  )
    return false;
  if (a.translation === b.translation) return true;
  if (!a.translation || !b.translation) return false;
  if (a.translation.prefs.showOriginals !== b.translation.prefs.showOriginals) return false;
  return x.ids.every((id) => sameDisplay(a.translation!.displays.get(id), b.translation!.displays.get(id)));
}
