/**
 * The browser-mode binding of the host API: the same contract as the desktop, built from
 * ordinary web APIs. The session lives in localStorage (there is no safeStorage in a browser).
 */
import { StoredSession, type HostApi } from '../../../shared/hostApi';
import { fail, ok } from '../../../shared/result';

const SESSION_KEY = 'tradewind.session';

/** Saves in pieces under way (`saveStreamOpen`). */
const saves = new Map<
  string,
  { suggestedName: string; mime: string; size: number; written: number; pieces: Blob[] }
>();
let lastSave = 0;

/**
 * Downloads a Blob through a temporary blob link (the browser decides where it lands); the Blob's
 * bytes are never read into the page.
 */
export function downloadBlob(suggestedName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = suggestedName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

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
    downloadBlob(suggestedName, new Blob([data], { type: mime }));
    return Promise.resolve(ok({ saved: true }));
  },
  // The pieces become Blobs as they come (the browser's blob storage holds them), then one download.
  saveStreamOpen: ({ suggestedName, mime, size }) => {
    const id = `save-${++lastSave}`;
    saves.set(id, { suggestedName, mime, size, written: 0, pieces: [] });
    return Promise.resolve(ok({ id }));
  },
  saveStreamWrite: ({ id, data }) => {
    const s = saves.get(id);
    if (!s) return Promise.resolve(fail('not_found', 'This save is not under way.'));
    if (s.written + data.byteLength > s.size) {
      saves.delete(id);
      return Promise.resolve(
        fail('bad_request', `More than the ${s.size} bytes announced; nothing was saved.`),
      );
    }
    s.written += data.byteLength;
    s.pieces.push(new Blob([data]));
    return Promise.resolve(ok(null));
  },
  saveStreamClose: ({ id, abort }) => {
    const s = saves.get(id);
    saves.delete(id);
    if (!s) return Promise.resolve(fail('not_found', 'This save is not under way.'));
    if (abort) return Promise.resolve(ok({ saved: false }));
    if (s.written !== s.size)
      return Promise.resolve(
        fail('bad_request', `The file ended after ${s.written} of ${s.size} bytes; nothing was saved.`),
      );
    downloadBlob(s.suggestedName, new Blob(s.pieces, { type: s.mime }));
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
