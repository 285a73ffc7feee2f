/** Settings (issue 12): the screen, and this device's theme and notification choices for app/. */
export { installAccountSettingsSync } from './accountSync';
export { alertPrefs, applyTheme, playChime } from './prefs';
import { lazyView } from '../../ui/lazyView';
export type { InterfaceLanguage } from './SettingsView';
/** Loaded on demand: not on the first screen (issue 10, cold start). */
export const SettingsView = lazyView(() => import('./SettingsView').then((m) => m.SettingsView));
