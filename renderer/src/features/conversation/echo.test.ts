/**
 * Enter → my message on screen without a round trip (issue 10): the row being written shows after
 * the window until the window's live query holds it; then the window's row is the only one shown.
 */
import { describe, expect, it } from 'vitest';
import type { MessageRow } from '../../db/schema';
import { drop, echo, echoesOf, settled, withEchoes } from './echo';

const T0 = Date.parse('2026-12-06T12:00:00.000Z');
function row(clientId: string, seq: number | undefined, sort = seq ?? T0): MessageRow {
  return {
    clientId,
    conversationId: 'dm:a:b',
    ...(seq === undefined ? {} : { seq, sentAt: new Date(T0).toISOString() }),
    sort,
    sender: 'a',
    text: clientId,
    lang: null,
    translation: null,
    attachments: [],
    order: null,
    createdAt: new Date(sort > 1e9 ? sort : T0).toISOString(),
    status: seq === undefined ? 'pending' : 'stored',
  };
}

describe('echoes of messages being written', () => {
  const stored = [row('s1', 1), row('s2', 2)];

  it('shows a row being written after the stored ones, in the order written', () => {
    const e1 = row('e1', undefined, T0 + 1);
    const e2 = row('e2', undefined, T0 + 2);
    expect(withEchoes(stored, [e2, e1]).map((m) => m.clientId)).toEqual(['s1', 's2', 'e1', 'e2']);
  });

  it('shows the row only once when the window holds it already, pending or acked', () => {
    const e1 = row('e1', undefined, T0 + 1);
    const pending = [...stored, { ...e1 }];
    expect(withEchoes(pending, [e1]).map((m) => m.clientId)).toEqual(['s1', 's2', 'e1']);
    expect(withEchoes(pending, [e1])).toBe(pending);
    const acked = [...stored, row('e1', 3)];
    expect(withEchoes(acked, [e1]).map((m) => m.clientId)).toEqual(['s1', 's2', 'e1']);
    expect(settled(acked, [e1])).toEqual(['e1']);
    expect(settled(stored, [e1])).toEqual([]);
  });

  it('keeps the window as it is without echoes', () => {
    expect(withEchoes(stored, [])).toBe(stored);
  });

  it('a failed write takes its echo back; one the window holds goes', () => {
    const e1 = row('e1', undefined, T0 + 1);
    const e2 = row('e2', undefined, T0 + 2);
    const unshow1 = echo(e1);
    echo(e2);
    expect(echoesOf('dm:a:b').map((m) => m.clientId)).toEqual(['e1', 'e2']);
    unshow1();
    expect(echoesOf('dm:a:b').map((m) => m.clientId)).toEqual(['e2']);
    drop('dm:a:b', settled([...stored, row('e2', 3)], echoesOf('dm:a:b')));
    expect(echoesOf('dm:a:b')).toEqual([]);
  });
});
