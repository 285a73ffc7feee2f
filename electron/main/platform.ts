/**
 * Windows identifies an app's windows, taskbar button and notifications by its AppUserModelId.
 * The NSIS installer puts electron-builder's `appId` on the Start-menu shortcut, so main must set
 * the same id, or notifications show no app name and clicks on them go nowhere.
 * electron/packaging.test.ts checks that it equals `appId` in electron-builder.yml.
 */
export const APP_USER_MODEL_ID = 'com.tradewind.desktop';
