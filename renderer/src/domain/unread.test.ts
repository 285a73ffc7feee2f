import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { afterRead, afterStored, type UnreadState } from './unread';

const ME = 'me';

describe('unread counter', () => {
  it('counts only messages from others after the read mark', () => {
    const s = afterStored(
      { read: 2, unread: 0 },
      [
        { sender: 'p', seq: 1 },
        { sender: 'p', seq: 3 },
        { sender: ME, seq: 4 },
        { sender: 'p', seq: 5 },
      ],
      ME,
    );
    expect(s).toEqual({ read: 2, unread: 2 });
  });

  it('an edit or a retraction is no new unread message (it shows in the message it changes)', () => {
    const s = afterStored(
      { read: 2, unread: 0 },
      [
        { sender: 'p', seq: 3 },
        { sender: 'p', seq: 4, change: { kind: 'edit', seq: 3 } },
        { sender: 'p', seq: 5, change: { kind: 'retract', seq: 3 } },
      ],
      ME,
    );
    expect(s).toEqual({ read: 2, unread: 1 });
  });

  it('drops what the read mark moves over, and never moves the mark back', () => {
    const stored = [
      { sender: 'p', seq: 3 },
      { sender: ME, seq: 4 },
      { sender: 'p', seq: 5 },
    ];
    const between = (from: number, to: number): number =>
      stored.filter((m) => m.sender !== ME && m.seq > from && m.seq <= to).length;
    const s = afterRead({ read: 2, unread: 2 }, 4, between);
    expect(s).toEqual({ read: 4, unread: 1 });
    expect(afterRead(s, 3, between)).toBe(s);
  });

  it('matches a recount after any order of pages, duplicates and read marks', () => {
    type Op = { kind: 'store'; seqs: number[] } | { kind: 'read'; upTo: number };
    const op: fc.Arbitrary<Op> = fc.oneof(
      fc.record({
        kind: fc.constant('store' as const),
        seqs: fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 12 }),
      }),
      fc.record({ kind: fc.constant('read' as const), upTo: fc.integer({ min: 0, max: 60 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), fc.func(fc.boolean()), (ops, mine) => {
        const senderOf = (seq: number): string => (mine(seq) ? ME : 'partner');
        const stored = new Set<number>();
        let s: UnreadState = { read: 0, unread: 0 };
        for (const o of ops) {
          if (o.kind === 'store') {
            // The repository passes only messages not stored before (a page may repeat one).
            const fresh = [...new Set(o.seqs)].filter((q) => !stored.has(q));
            s = afterStored(
              s,
              fresh.map((seq) => ({ seq, sender: senderOf(seq) })),
              ME,
            );
            for (const q of fresh) stored.add(q);
          } else {
            s = afterRead(
              s,
              o.upTo,
              (from, to) => [...stored].filter((q) => q > from && q <= to && senderOf(q) !== ME).length,
            );
          }
          const recount = [...stored].filter((q) => q > s.read && senderOf(q) !== ME).length;
          expect(s.unread).toBe(recount);
        }
      }),
    );
  });
});
