import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../../db/schema';
import { bubblesOf, canChange, changeStates } from './changes';

const T0 = Date.parse('2026-03-02T08:00:00.000Z');
let n = 0;
function row(p: Partial<MessageRow> & { sender: string }): MessageRow {
  n += 1;
  const seq = 'seq' in p ? p.seq : n;
  const at = new Date(T0 + (seq ?? n) * 60_000).toISOString();
  return {
    clientId: `c${n}`,
    conversationId: 'dm:a:b',
    sort: seq ?? T0 + n,
    text: '',
    lang: null,
    translation: null,
    attachments: [],
    order: null,
    createdAt: at,
    status: seq === undefined ? 'pending' : 'sent',
    ...(seq === undefined ? {} : { sentAt: at }),
    ...p,
  } as MessageRow;
}

describe('edit and retraction states', () => {
  const original = row({ seq: 1, sender: 'a', text: 'MOQ 500' });
  const other = row({ seq: 2, sender: 'b', text: 'OK' });
  const edit1 = row({ seq: 3, sender: 'a', text: 'MOQ 300', change: { kind: 'edit', seq: 1 } });
  const edit2 = row({ seq: 4, sender: 'a', text: 'MOQ 200', change: { kind: 'edit', seq: 1 } });
  const retract = row({ seq: 5, sender: 'a', text: '', change: { kind: 'retract', seq: 1 } });

  it('an edited message shows its newest edit, and every version oldest first', () => {
    const s = changeStates([original, other], [edit2, edit1]).get(1)!;
    expect(s.state).toBe('edited');
    expect(s.latest.text).toBe('MOQ 200');
    expect(s.at).toBe(edit2.sentAt);
    expect(s.versions.map((v) => [v.kind, v.message.text])).toEqual([
      ['original', 'MOQ 500'],
      ['edit', 'MOQ 300'],
      ['edit', 'MOQ 200'],
    ]);
  });

  it('a retraction ends the history; the latest text is kept for the history, not the bubble', () => {
    const late = row({ seq: 6, sender: 'a', text: 'again', change: { kind: 'edit', seq: 1 } });
    const s = changeStates([original], [edit1, retract, late]).get(1)!;
    expect(s.state).toBe('retracted');
    expect(s.versions.map((v) => v.kind)).toEqual(['original', 'edit', 'retract']);
    expect(s.latest.text).toBe('MOQ 300');
  });

  it('ignores changes by the other party, of changes, and of messages outside the window', () => {
    const forged = row({ seq: 7, sender: 'b', text: 'x', change: { kind: 'edit', seq: 1 } });
    const ofEdit = row({ seq: 8, sender: 'a', text: 'y', change: { kind: 'edit', seq: 3 } });
    const elsewhere = row({ seq: 9, sender: 'a', text: 'z', change: { kind: 'edit', seq: 42 } });
    expect(changeStates([original, other, edit1], [forged, ofEdit, elsewhere]).size).toBe(0);
    expect(changeStates([original, other], [forged]).get(1)).toBeUndefined();
  });

  it('a change on its way counts at once, after the stored ones; a failed one is only reported', () => {
    const pending = row({ seq: undefined, sender: 'a', text: 'MOQ 250', change: { kind: 'edit', seq: 1 } });
    const failed = row({
      seq: undefined,
      sender: 'a',
      text: 'MOQ 100',
      status: 'failed',
      change: { kind: 'edit', seq: 1 },
    });
    const s = changeStates([original], [pending, edit1, failed]).get(1)!;
    expect(s.versions.map((v) => v.message.text)).toEqual(['MOQ 500', 'MOQ 300', 'MOQ 250']);
    expect(s.latest.text).toBe('MOQ 250');
    expect(s.at).toBe(pending.createdAt);
    expect(s.failed).toBe(failed);
    const onlyFailed = changeStates([original], [failed]).get(1)!;
    expect(onlyFailed.state).toBeNull();
    expect(onlyFailed.latest).toBe(original);
  });

  it('the list shows no bubble for a change', () => {
    expect(bubblesOf([original, other, edit1, retract]).map((m) => m.seq)).toEqual([1, 2]);
    const plain = [original, other];
    expect(bubblesOf(plain)).toBe(plain);
  });

  it('I may change my own stored original within the window, until it is retracted', () => {
    const sent = Date.parse(original.sentAt!);
    expect(canChange(original, 'a', undefined, sent + 15 * 60_000)).toBe(true);
    expect(canChange(original, 'a', undefined, sent + 15 * 60_000 + 1)).toBe(false);
    expect(canChange(original, 'b', undefined, sent)).toBe(false);
    expect(canChange(edit1, 'a', undefined, sent)).toBe(false);
    expect(canChange(row({ seq: undefined, sender: 'a' }), 'a', undefined, sent)).toBe(false);
    const retracted = changeStates([original], [retract]).get(1);
    expect(canChange(original, 'a', retracted, sent)).toBe(false);
    expect(canChange(original, 'a', undefined, sent + 30 * 60_000, 60)).toBe(true);
  });
});
