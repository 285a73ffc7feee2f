/**
 * The jump bar's "first unread" (issue 10): kept from the first sight of unread messages, gone
 * once used — also while the messages stay unread (a window without focus reads nothing).
 */
import { describe, expect, it } from 'vitest';
import { nextLeftOff, shownLeftOff, usedLeftOff, type LeftOff } from './leftOff';

const C = 'dm:a:b';
const at = (unread: number, firstUnread: number, conversationId = C) => ({
  conversationId,
  unread,
  firstUnread,
});

/** The jump bar's renders: the kept place after each, and whether the button shows. */
function renders(steps: ({ unread: number; firstUnread: number; conversationId?: string } | 'click')[]) {
  let kept: LeftOff | null = null;
  const shown: (LeftOff | null)[] = [];
  for (const s of steps) {
    if (s === 'click') {
      const target = shownLeftOff(kept, C);
      if (target) kept = usedLeftOff(target);
    } else kept = nextLeftOff(kept, at(s.unread, s.firstUnread, s.conversationId));
    shown.push(shownLeftOff(kept, s === 'click' ? C : (s.conversationId ?? C)));
  }
  return shown;
}

describe('the jump bar keeps where the reader left off', () => {
  it('from the first sight of unread messages, after they are read on opening', () => {
    const shown = renders([
      { unread: 0, firstUnread: 11 },
      { unread: 5, firstUnread: 11 },
      { unread: 0, firstUnread: 16 },
    ]);
    expect(shown.map((s) => s?.seq ?? null)).toEqual([null, 11, 11]);
    expect(shown[2]?.count).toBe(5);
  });

  it('following more messages that arrive before the read mark moves', () => {
    const shown = renders([
      { unread: 5, firstUnread: 11 },
      { unread: 7, firstUnread: 11 },
      // Read on arrival, then one more unread: the place the reader left off stays.
      { unread: 0, firstUnread: 18 },
      { unread: 1, firstUnread: 18 },
    ]);
    expect(shown.map((s) => s && [s.seq, s.count])).toEqual([
      [11, 5],
      [11, 7],
      [11, 7],
      [11, 7],
    ]);
  });

  it('gone once used, while the messages stay unread (the window has no focus)', () => {
    const shown = renders([
      { unread: 5, firstUnread: 11 },
      'click',
      { unread: 5, firstUnread: 11 },
      { unread: 6, firstUnread: 11 },
    ]);
    expect(shown).toEqual([{ conversationId: C, seq: 11, count: 5, used: false }, null, null, null]);
  });

  it('back once used when the read mark moved and new messages are unread', () => {
    const shown = renders([
      { unread: 5, firstUnread: 11 },
      'click',
      { unread: 0, firstUnread: 16 },
      { unread: 2, firstUnread: 16 },
    ]);
    expect(shown.map((s) => s && [s.seq, s.count])).toEqual([[11, 5], null, null, [16, 2]]);
  });

  it('per conversation: another one starts over', () => {
    const shown = renders([
      { unread: 5, firstUnread: 11 },
      { unread: 3, firstUnread: 40, conversationId: 'dm:a:c' },
    ]);
    expect(shown.map((s) => s && [s.conversationId, s.seq])).toEqual([
      [C, 11],
      ['dm:a:c', 40],
    ]);
  });
});
