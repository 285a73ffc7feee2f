import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { HostEvent } from '../../shared/hostApi';
import { createNotifier, type NotificationLike } from './notifications';

class FakeNotification extends EventEmitter implements NotificationLike {
  shown = false;
  constructor(readonly options: { title: string; body: string }) {
    super();
  }
  show(): void {
    this.shown = true;
  }
}

function setup(supported = true) {
  const created: FakeNotification[] = [];
  const events: HostEvent[] = [];
  const deps = {
    isSupported: () => supported,
    create: (o: { title: string; body: string }) => {
      const n = new FakeNotification(o);
      created.push(n);
      return n;
    },
    showWindow: vi.fn(),
    pushEvent: (e: HostEvent) => events.push(e),
    log: vi.fn(),
  };
  return { notifier: createNotifier(deps), created, events, deps };
}

describe('notifications', () => {
  it('a click brings the window forward and opens the conversation', () => {
    const { notifier, created, events, deps } = setup();
    expect(
      notifier.notify({ title: 'Li Wei', body: 'The MOQ can go down to 300.', conversationId: 'c-42' }),
    ).toBe(true);
    expect(created[0]).toMatchObject({ shown: true, options: { title: 'Li Wei' } });
    expect(events).toEqual([]);
    created[0]!.emit('click');
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    expect(events).toEqual([{ kind: 'openConversation', conversationId: 'c-42' }]);
  });

  it('without a conversation, a click only brings the window forward', () => {
    const { notifier, created, events, deps } = setup();
    notifier.notify({ title: 'Tradewind', body: 'Signed in on another device' });
    created[0]!.emit('click');
    expect(deps.showWindow).toHaveBeenCalledTimes(1);
    expect(events).toEqual([]);
  });

  it('keeps each notification referenced until clicked, closed or failed', () => {
    const { notifier, created, deps } = setup();
    for (let i = 0; i < 3; i++) notifier.notify({ title: 't', body: String(i) });
    expect(notifier.live).toBe(3);
    created[0]!.emit('click');
    created[1]!.emit('close');
    created[2]!.emit('failed', {}, 'app is not code-signed');
    expect(notifier.live).toBe(0);
    expect(deps.log).toHaveBeenCalledWith('notification failed: app is not code-signed');
  });

  it('says so when the OS has no notifications', () => {
    const { notifier, created } = setup(false);
    expect(notifier.notify({ title: 't', body: 'b' })).toBe(false);
    expect(created).toEqual([]);
  });
});
