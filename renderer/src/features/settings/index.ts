/** Settings (issue 12): the screen, and this device's theme and notification choices for app/. */
export { installAccountSettingsSync } from './accountSync';
export { alertPrefs, applyTheme, playChime } from './prefs';
export { SettingsView, type InterfaceLanguage } from './SettingsView';
