/**
 * Edits and retractions in a conversation's chain (issue 11; docs/evidence.md § Edits and
 * retractions). A change is a message of its own that refers to an earlier message of the same
 * sender; nothing signed is ever rewritten, so every version stays in the chain with its time.
 * The verifier checks a bundle's changes with `changeFaults`; the report and the app show a
 * message's versions with `versionsOf`.
 */

export interface ChangeLike {
  seq: number;
  sender: string;
  sentAt: string;
  text: string;
  translation: { text: string; lang: string } | null;
  attachments: readonly unknown[];
  order: object | null;
  change?: { kind: 'edit' | 'retract'; seq: number } | null | undefined;
  replyTo?: { seq: number } | null | undefined;
}

export interface ChangeFault {
  code: 'change_target' | 'change_content';
  message: string;
}

/**
 * What is wrong with change `m` (an edit or retraction of `target`, undefined when the bundle
 * lacks it). `retracted` holds the seqs retracted by the messages before `m`; `whole` says the
 * bundle claims the whole conversation, where the target must be present.
 */
export function changeFaults(
  m: ChangeLike & { change: { kind: 'edit' | 'retract'; seq: number } },
  target: ChangeLike | undefined,
  retracted: ReadonlySet<number>,
  whole: boolean,
): ChangeFault[] {
  const out: ChangeFault[] = [];
  const { kind, seq } = m.change;
  const verb = kind === 'edit' ? 'edits' : 'retracts';
  const fault = (code: ChangeFault['code'], message: string) => out.push({ code, message });
  if (seq >= m.seq)
    fault('change_target', `Message ${m.seq} ${verb} message ${seq}, which is not an earlier message.`);
  else if (!target) {
    if (whole)
      fault('change_target', `Message ${m.seq} ${verb} message ${seq}, which the bundle does not contain.`);
  } else if (target.sender !== m.sender)
    fault('change_target', `Message ${m.seq} ${verb} message ${seq}, which ${m.sender} did not send.`);
  else if (target.change)
    fault(
      'change_target',
      `Message ${m.seq} ${verb} message ${seq}, which is itself an edit or a retraction.`,
    );
  else if (retracted.has(seq))
    fault('change_target', `Message ${m.seq} ${verb} message ${seq}, which had already been retracted.`);
  // A change replaces text only: no attachments, no order, and it quotes nothing (issue 11).
  const bare = m.attachments.length === 0 && m.order === null && !m.replyTo;
  if (kind === 'edit' && !(bare && m.text.trim().length > 0))
    fault(
      'change_content',
      `Message ${m.seq} is an edit: it must have new text and no attachments, order or reply.`,
    );
  if (kind === 'retract' && !(bare && m.text === '' && m.translation === null))
    fault(
      'change_content',
      `Message ${m.seq} is a retraction: it must carry no text, translation, attachments, order or reply.`,
    );
  return out;
}

/** One version of a message: the original, an edit, or the retraction (whose text is empty). */
export interface Version<M extends ChangeLike> {
  kind: 'original' | 'edit' | 'retract';
  message: M;
}

/**
 * Every version of each changed message, oldest first, keyed by the original's seq; only valid
 * changes (same sender, an original target, nothing after a retraction) count. Messages in seq order.
 */
export function versionsOf<M extends ChangeLike>(messages: readonly M[]): Map<number, Version<M>[]> {
  const bySeq = new Map(messages.map((m) => [m.seq, m]));
  const out = new Map<number, Version<M>[]>();
  for (const m of messages) {
    if (!m.change) continue;
    const target = bySeq.get(m.change.seq);
    if (!target || target.change || target.sender !== m.sender || m.change.seq >= m.seq) continue;
    const versions = out.get(target.seq) ?? [{ kind: 'original' as const, message: target }];
    if (versions[versions.length - 1]?.kind === 'retract') continue;
    versions.push({ kind: m.change.kind, message: m });
    out.set(target.seq, versions);
  }
  return out;
}
