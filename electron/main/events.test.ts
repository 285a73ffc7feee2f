import { describe, expect, it } from 'vitest';
import type { HostEvent } from '../../shared/hostApi';
import { HostEventQueue, deepLinkEvent } from './events';
import { unreadLabel } from './unread';

describe('HostEventQueue', () => {
  it('queues until the renderer is ready, then delivers in order', () => {
    const sent: HostEvent[] = [];
    const q = new HostEventQueue({ send: (e) => sent.push(e) });
    q.push({ kind: 'deepLink', url: 'tradewind://chat?with=abcdef' });
    q.push({ kind: 'openConversation', conversationId: 'c1' });
    expect(sent).toEqual([]);
    q.ready();
    expect(sent.map((e) => e.kind)).toEqual(['deepLink', 'openConversation']);
    q.push({ kind: 'openConversation', conversationId: 'c2' });
    expect(sent).toHaveLength(3);
    q.notReady();
    q.push({ kind: 'openConversation', conversationId: 'c3' });
    expect(sent).toHaveLength(3);
    expect(q.pending).toBe(1);
  });

  it('is bounded', () => {
    const q = new HostEventQueue({ send: () => undefined });
    for (let i = 0; i < 100; i++) q.push({ kind: 'openConversation', conversationId: `c${i}` });
    expect(q.pending).toBe(20);
  });
});

describe('deepLinkEvent', () => {
  it('forwards the canonical form of a valid link', () => {
    expect(deepLinkEvent('tradewind://chat/?with=Shenzhen-LED&order=42')).toEqual({
      kind: 'deepLink',
      url: 'tradewind://chat?with=shenzhen-led&order=42',
    });
  });
  it('drops hostile links', () => {
    expect(deepLinkEvent('tradewind://chat?with=<script>')).toBeNull();
    expect(deepLinkEvent('javascript:alert(1)')).toBeNull();
  });
});

describe('unreadLabel', () => {
  it('shows the count', () => {
    expect(unreadLabel(0)).toBe('Tradewind');
    expect(unreadLabel(3)).toBe('Tradewind — 3 unread');
    expect(unreadLabel(12345)).toBe('Tradewind — 999+ unread');
  });
});
