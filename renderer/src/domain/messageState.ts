/** What a message's delivery ticks say, derived from what is stored locally. Pure. */

export type LocalStatus = 'pending' | 'failed' | 'stored';

export type DeliveryState = 'sending' | 'failed' | 'sent' | 'delivered' | 'read' | 'incoming';

export interface ReceiptMarks {
  delivered: number;
  read: number;
}

export interface StateInput {
  sender: string;
  status: LocalStatus;
  seq?: number | undefined;
}

/**
 * `partner` is the other participant's receipt marks (highest seq their devices confirmed).
 * Read implies delivered even if the delivered mark lags (a receipt can overtake another).
 */
export function deliveryState(msg: StateInput, me: string, partner: ReceiptMarks | undefined): DeliveryState {
  if (msg.sender !== me) return 'incoming';
  if (msg.status === 'failed') return 'failed';
  if (msg.status === 'pending' || msg.seq === undefined) return 'sending';
  const marks = partner ?? { delivered: 0, read: 0 };
  if (marks.read >= msg.seq) return 'read';
  if (marks.delivered >= msg.seq) return 'delivered';
  return 'sent';
}

/** Incoming messages after my read mark. */
export function countUnread(
  messages: readonly { sender: string; seq?: number | undefined }[],
  me: string,
  myRead: number,
): number {
  let n = 0;
  for (const m of messages) if (m.sender !== me && m.seq !== undefined && m.seq > myRead) n++;
  return n;
}
