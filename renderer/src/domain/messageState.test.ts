import { describe, expect, it } from 'vitest';
import { countUnread, deliveryState } from './messageState';

describe('deliveryState', () => {
  const me = 'anna';
  it('is sending while pending and failed when failed', () => {
    expect(deliveryState({ sender: me, status: 'pending' }, me, undefined)).toBe('sending');
    expect(deliveryState({ sender: me, status: 'failed' }, me, { delivered: 9, read: 9 })).toBe('failed');
  });

  it('follows the partner receipt marks once stored', () => {
    const m = { sender: me, status: 'stored' as const, seq: 5 };
    expect(deliveryState(m, me, undefined)).toBe('sent');
    expect(deliveryState(m, me, { delivered: 4, read: 0 })).toBe('sent');
    expect(deliveryState(m, me, { delivered: 5, read: 0 })).toBe('delivered');
    expect(deliveryState(m, me, { delivered: 7, read: 5 })).toBe('read');
  });

  it('treats read as delivered even when the delivered mark lags behind', () => {
    expect(deliveryState({ sender: me, status: 'stored', seq: 3 }, me, { delivered: 0, read: 3 })).toBe(
      'read',
    );
  });

  it('shows no ticks on incoming messages', () => {
    expect(deliveryState({ sender: 'li', status: 'stored', seq: 1 }, me, undefined)).toBe('incoming');
  });
});

describe('countUnread', () => {
  it('counts only incoming stored messages after my read mark', () => {
    const msgs = [
      { sender: 'li', seq: 1 },
      { sender: 'anna', seq: 2 },
      { sender: 'li', seq: 3 },
      { sender: 'li', seq: 4 },
      { sender: 'anna' },
    ];
    expect(countUnread(msgs, 'anna', 0)).toBe(3);
    expect(countUnread(msgs, 'anna', 3)).toBe(1);
    expect(countUnread(msgs, 'anna', 4)).toBe(0);
  });
});
