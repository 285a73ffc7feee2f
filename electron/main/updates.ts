/**
 * Self-update with electron-updater from the generic feed baked into the build
 * (`resources/app-update.yml`, from `publish` in electron-builder.yml and TRADEWIND_UPDATE_URL).
 *
 * Quiet by design: the app checks a minute after start and every six hours, downloads in the
 * background, and when an update is downloaded and verified tells the renderer
 * (`updateReady`), which offers "restart to update"; if the user simply quits, it is installed
 * then (`autoInstallOnAppQuit`). Failures are logged, never shown.
 *
 * Verification is electron-updater's: SHA-512 of the download against the feed's metadata, and on
 * Windows the installer's Authenticode signature against the running build's publisher; on
 * macOS Squirrel.Mac accepts only an update signed like the running app. Web installers (which
 * may carry no signature) and downgrades are refused.
 *
 * Nothing runs in development (`electron .`, not packaged) or when TRADEWIND_UPDATES=off (for
 * computers whose administrators deploy updates themselves). Browser mode has no updater at all.
 */
import type { UpdateStatus } from '../../shared/hostApi';
import { fail, ok, type Result } from '../../shared/result';

/** The part of electron-updater's `AppUpdater` used here. */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  allowDowngrade: boolean;
  disableWebInstaller: boolean;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
}

export interface UpdateDeps {
  packaged: boolean;
  env: Readonly<Record<string, string | undefined>>;
  /** Loads electron-updater (only when updates are on). */
  load: () => Promise<UpdaterLike>;
  /** A downloaded, verified update waits: tell the renderer. */
  onReady: (version: string) => void;
  log: (message: string) => void;
  /** Runs `fn` after `ms`, returns the disposer (setTimeout / setInterval in main). */
  after: (fn: () => void, ms: number) => () => void;
  every: (fn: () => void, ms: number) => () => void;
}

export const FIRST_CHECK_MS = 60_000;
export const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

export interface UpdateService {
  start(): Promise<void>;
  status(): UpdateStatus;
  /** Quits, installs the downloaded update and starts the new version. */
  install(): Result<null>;
  dispose(): void;
}

export function createUpdateService(deps: UpdateDeps): UpdateService {
  const enabled = deps.packaged && deps.env.TRADEWIND_UPDATES !== 'off';
  let status: UpdateStatus = { state: enabled ? 'idle' : 'disabled' };
  let updater: UpdaterLike | null = null;
  const disposers: (() => void)[] = [];

  const check = (): void => {
    updater?.checkForUpdates().catch((err: unknown) => deps.log(`update check failed: ${String(err)}`));
  };

  return {
    async start() {
      if (!enabled) {
        deps.log(deps.packaged ? 'updates are off (TRADEWIND_UPDATES=off)' : 'no updates in development');
        return;
      }
      try {
        updater = await deps.load();
      } catch (err) {
        deps.log(`the updater could not be loaded: ${String(err)}`);
        status = { state: 'disabled' };
        return;
      }
      updater.autoDownload = true;
      updater.autoInstallOnAppQuit = true;
      updater.allowDowngrade = false;
      updater.disableWebInstaller = true;
      updater.on('error', (err) => deps.log(`update failed: ${err.message}`));
      updater.on('update-downloaded', ({ version }) => {
        deps.log(`update ${version} downloaded and verified; it installs on restart`);
        status = { state: 'ready', version };
        deps.onReady(version);
      });
      disposers.push(
        deps.after(check, FIRST_CHECK_MS),
        deps.every(() => {
          if (status.state !== 'ready') check();
        }, CHECK_EVERY_MS),
      );
    },
    status: () => status,
    install() {
      if (status.state !== 'ready' || !updater)
        return fail('not_found', 'No update is waiting to be installed.');
      // Silent: no installer wizard on Windows; force-run: the new version starts afterwards.
      updater.quitAndInstall(true, true);
      return ok(null);
    },
    dispose() {
      for (const d of disposers.splice(0)) d();
    },
  };
}
