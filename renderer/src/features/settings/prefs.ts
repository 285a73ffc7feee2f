/**
 * Settings as this device reads them: the theme (localStorage, so that the sign-in screen has it
 * too) and notifications (IndexedDB prefs of the signed-in account) are this device's; automatic
 * translation and muted contacts are the account's, mirrored into the same prefs by
 * accountSync.ts.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { TradewindDb } from '../../db/schema';
import { readAutoTranslate } from '../translation';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
const THEME_KEY = 'tradewind.theme';

export function storedTheme(): Theme {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Pins the theme on <html data-theme> (styles.css), or lets the system's apply. */
export function applyTheme(theme: Theme = storedTheme()): void {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
  try {
    if (theme === 'system') localStorage.removeItem(THEME_KEY);
    else localStorage.setItem(THEME_KEY, theme);
  } catch {
    // Storage refused: the theme holds for this window.
  }
}

export interface AlertPrefs {
  desktop: boolean;
  sound: boolean;
  muted: readonly string[];
}

export async function alertPrefs(db: TradewindDb): Promise<AlertPrefs> {
  const [d, s, m] = await Promise.all([
    db.prefs.get('desktopNotifications'),
    db.prefs.get('notificationSound'),
    db.prefs.get('mutedContacts'),
  ]);
  return {
    desktop: d?.key === 'desktopNotifications' ? d.value : true,
    sound: s?.key === 'notificationSound' ? s.value : false,
    muted: m?.key === 'mutedContacts' ? m.value : [],
  };
}

export function useAlertPrefs(db: TradewindDb): AlertPrefs | undefined {
  return useLiveQuery(() => alertPrefs(db), [db]);
}

/** Automatic translation of incoming messages (default on; the account's, see accountSync.ts). */
export function useAutoTranslate(db: TradewindDb): boolean | undefined {
  return useLiveQuery(() => readAutoTranslate(db), [db]);
}

/** A short two-note chime, made on the spot (no sound file to ship or to load). */
export function playChime(): void {
  try {
    const ctx = new AudioContext();
    const gain = ctx.createGain();
    gain.connect(ctx.destination);
    gain.gain.setValueAtTime(0.0001, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.15, ctx.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, ctx.currentTime + 0.45);
    for (const [freq, at] of [
      [880, 0],
      [1320, 0.12],
    ] as const) {
      const osc = ctx.createOscillator();
      osc.frequency.value = freq;
      osc.connect(gain);
      osc.start(ctx.currentTime + at);
      osc.stop(ctx.currentTime + at + 0.3);
    }
    setTimeout(() => void ctx.close(), 800);
  } catch {
    // No audio output: the notification alone has to do.
  }
}
