/**
 * The browser-mode binding of the host API: the same contract as the desktop, built from
 * ordinary web APIs. The session lives in localStorage (there is no safeStorage in a browser).
 */
import { StoredSession, type HostApi } from '../../../shared/hostApi';
import { fail, ok } from '../../../shared/result';

const SESSION_KEY = 'tradewind.session';

let lastInput = Date.now();
let activityWired = false;
/** Idle time in browser mode is the page's own input activity. */
function wireActivity(): void {
  if (activityWired) return;
  activityWired = true;
  const mark = (): void => {
    lastInput = Date.now();
  };
  for (const ev of ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focus']) {
    window.addEventListener(ev, mark, { passive: true, capture: true });
  }
}

let baseTitle: string | null = null;

export const webHost = {
  info: () => {
    wireActivity();
    return Promise.resolve(
      ok({
        kind: 'web' as const,
        platform: navigator.platform || 'web',
        version: '0.1.0',
        defaultServerUrl: location.origin,
      }),
    );
  },
  loadSession: () => {
    try {
      const raw = localStorage.getItem(SESSION_KEY);
      if (!raw) return Promise.resolve(ok(null));
      const parsed = StoredSession.safeParse(JSON.parse(raw));
      return Promise.resolve(ok(parsed.success ? parsed.data : null));
    } catch {
      return Promise.resolve(ok(null));
    }
  },
  saveSession: (session) => {
    try {
      if (session === null) localStorage.removeItem(SESSION_KEY);
      else localStorage.setItem(SESSION_KEY, JSON.stringify(StoredSession.parse(session)));
      return Promise.resolve(ok(null));
    } catch {
      return Promise.resolve(fail('internal', 'Could not store the session in this browser.'));
    }
  },
  saveFile: ({ suggestedName, mime, data }) => {
    // A download through a temporary blob link: the browser decides where it lands.
    const url = URL.createObjectURL(new Blob([data], { type: mime }));
    const a = document.createElement('a');
    a.href = url;
    a.download = suggestedName;
    a.rel = 'noopener';
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return Promise.resolve(ok({ saved: true }));
  },
  printToPdf: ({ html }) => {
    // A browser cannot render PDF bytes; it opens its print dialog, where "Save as PDF" exists.
    const frame = document.createElement('iframe');
    frame.style.position = 'fixed';
    frame.style.width = '0';
    frame.style.height = '0';
    frame.style.border = '0';
    frame.srcdoc = html;
    frame.onload = () => {
      frame.contentWindow?.print();
      setTimeout(() => frame.remove(), 1000);
    };
    document.body.append(frame);
    return Promise.resolve(
      fail('unsupported', 'The browser print dialog was opened; choose "Save as PDF" there.'),
    );
  },
  notify: async ({ title, body }) => {
    if (!('Notification' in window)) return ok(null);
    try {
      if (Notification.permission === 'default') await Notification.requestPermission();
      if (Notification.permission === 'granted') new Notification(title, { body });
    } catch {
      // Notifications are a nicety: a refused or broken permission prompt changes nothing.
    }
    return ok(null);
  },
  setBadge: ({ count }) => {
    baseTitle ??= document.title.replace(/^\(\d+\+?\)\s*/, '');
    document.title = count > 0 ? `(${count > 99 ? '99+' : count}) ${baseTitle}` : baseTitle;
    return Promise.resolve(ok(null));
  },
  idleSeconds: () => {
    wireActivity();
    return Promise.resolve(ok(Math.floor((Date.now() - lastInput) / 1000)));
  },
  // A web page cannot start with the computer, has no tray, and is updated by reloading it.
  getLaunchAtLogin: () => Promise.resolve(ok({ supported: false, enabled: false })),
  setLaunchAtLogin: () =>
    Promise.resolve(fail('unsupported', 'Only the desktop app can start when you log in.')),
  setTrayState: () => Promise.resolve(ok(null)),
  getUpdateStatus: () => Promise.resolve(ok({ state: 'disabled' as const })),
  installUpdate: () =>
    Promise.resolve(fail('unsupported', 'The browser version is updated by reloading it.')),
} satisfies HostApi;
