/**
 * A bubble renders again only when what it shows changed (issue 10): the same rows read again by a
 * live query (fresh objects) are the same bubble; an ack, a failure, an edit, a quote or a
 * translation of the rows it shows is not.
 */
import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../../db/schema';
import type { ConversationTranslation } from '../translation';
import { changeStates } from './changes';
import { sameBubble, sameMessage, type BubbleProps } from './sameBubble';

const T0 = Date.parse('2026-12-06T12:00:00.000Z');
function row(p: Partial<MessageRow> & { clientId: string }): MessageRow {
  const seq = 'seq' in p ? p.seq : undefined;
  return {
    conversationId: 'dm:a:b',
    sort: seq ?? T0,
    sender: 'a',
    text: p.clientId,
    lang: null,
    translation: null,
    attachments: [],
    order: null,
    createdAt: new Date(T0).toISOString(),
    status: seq === undefined ? 'pending' : 'stored',
    ...(seq === undefined ? {} : { sentAt: new Date(T0 + seq).toISOString(), hash: `h${seq}` }),
    ...p,
  };
}

const tx = (
  displays: [string, ConversationTranslation['displays'] extends ReadonlyMap<string, infer D> ? D : never][],
  showOriginals = false,
): ConversationTranslation => ({
  target: 'pl',
  prefs: { conversationId: 'dm:a:b', readLanguage: null, off: false, showOriginals },
  displays: new Map(displays),
});

function props(message: MessageRow, p: Partial<BubbleProps> = {}): BubbleProps {
  return {
    message,
    mine: message.sender === 'a',
    state: message.seq === undefined ? 'sending' : 'sent',
    partnerTimeZone: 'Asia/Shanghai',
    translation: undefined,
    me: 'a',
    partnerId: 'b',
    partnerName: 'B',
    changes: new Map(),
    quoted: new Map(),
    ...p,
  };
}

describe('sameBubble', () => {
  const m = row({ clientId: 'm1', seq: 1, sender: 'b', text: '你好' });

  it('the same row read again (a fresh object) is the same bubble', () => {
    expect(sameMessage(m, { ...m })).toBe(true);
    expect(sameBubble(props(m), props({ ...m }))).toBe(true);
  });

  it('an ack, a failure or a retry is a new bubble', () => {
    const pending = row({ clientId: 'p1', sort: T0 + 5 });
    expect(
      sameBubble(props(pending), props({ ...pending, seq: 7, sort: 7, status: 'stored', hash: 'h7' })),
    ).toBe(false);
    expect(sameBubble(props(pending), props({ ...pending, status: 'failed', error: 'rate_limited' }))).toBe(
      false,
    );
    expect(sameBubble(props(pending), props({ ...pending, sort: T0 + 9 }))).toBe(false);
    expect(sameBubble(props(m), props(m, { state: 'read' }))).toBe(false);
  });

  it('a translation of its own text is a new bubble; of another message, not', () => {
    const pending = tx([['m1', { kind: 'pending' }]]);
    const arrived = tx([['m1', { kind: 'machine', text: 'Cześć', glossary: false }]]);
    const other = tx([
      ['m1', { kind: 'pending' }],
      ['m2', { kind: 'machine', text: 'Dzień dobry', glossary: false }],
    ]);
    expect(sameBubble(props(m, { translation: pending }), props(m, { translation: arrived }))).toBe(false);
    expect(sameBubble(props(m, { translation: pending }), props(m, { translation: other }))).toBe(true);
    expect(
      sameBubble(
        props(m, { translation: pending }),
        props(m, { translation: tx([['m1', { kind: 'pending' }]], true) }),
      ),
    ).toBe(false);
  });

  it('an edit of it, or of the message it quotes, is a new bubble', () => {
    const mine = row({ clientId: 'o1', seq: 2, text: 'MOQ 500' });
    const edit = row({ clientId: 'e1', seq: 3, text: 'MOQ 300', change: { kind: 'edit', seq: 2 } });
    const before = props(mine, { changes: changeStates([mine], []) });
    const after = props(mine, { changes: changeStates([mine], [edit]) });
    expect(sameBubble(before, after)).toBe(false);
    expect(
      sameBubble(after, props({ ...mine }, { changes: changeStates([{ ...mine }], [{ ...edit }]) })),
    ).toBe(true);

    const reply = row({ clientId: 'r1', seq: 4, sender: 'b', replyTo: { seq: 2 } });
    const quoting = (
      changes: Map<number, ReturnType<typeof changeStates> extends Map<number, infer S> ? S : never>,
    ) => props(reply, { quoted: new Map([[2, mine]]), changes });
    expect(sameBubble(quoting(changeStates([mine], [])), quoting(changeStates([mine], [edit])))).toBe(false);
    expect(
      sameBubble(props(reply, { quoted: new Map() }), props(reply, { quoted: new Map([[2, mine]]) })),
    ).toBe(false);
  });
});
