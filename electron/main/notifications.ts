/**
 * System notifications for new messages. Clicking one brings the window forward and opens the
 * conversation (an `openConversation` host event, which waits until the page can take it).
 * Electron's `Notification` arrives through `NotificationDeps`, so the click path is unit-tested.
 *
 * Each shown notification is kept referenced until it is clicked, closed or fails: a notification
 * object that is garbage-collected loses its click handler. Since Electron 42, macOS shows the
 * notifications of signed apps only; others emit `failed`, which is logged.
 */
import type { HostEvent } from '../../shared/hostApi';

/** The part of Electron's `Notification` used here. */
export interface NotificationLike {
  on(event: 'click' | 'close', listener: () => void): unknown;
  on(event: 'failed', listener: (event: unknown, error: string) => void): unknown;
  show(): void;
}

export interface NotificationDeps {
  isSupported: () => boolean;
  create: (options: { title: string; body: string }) => NotificationLike;
  showWindow: () => void;
  pushEvent: (event: HostEvent) => void;
  log: (message: string) => void;
}

export interface Notifier {
  /** Shows a notification; false if the OS has none. */
  notify(n: { title: string; body: string; conversationId?: string | undefined }): boolean;
  /** How many notifications are still referenced (shown, not yet clicked or closed). */
  readonly live: number;
}

export function createNotifier(deps: NotificationDeps): Notifier {
  const live = new Set<NotificationLike>();
  return {
    notify({ title, body, conversationId }) {
      if (!deps.isSupported()) return false;
      const n = deps.create({ title, body });
      live.add(n);
      n.on('click', () => {
        live.delete(n);
        deps.showWindow();
        if (conversationId) deps.pushEvent({ kind: 'openConversation', conversationId });
      });
      n.on('close', () => live.delete(n));
      n.on('failed', (_event, error) => {
        live.delete(n);
        deps.log(`notification failed: ${error}`);
      });
      n.show();
      return true;
    },
    get live() {
      return live.size;
    },
  };
}
