/**
 * Electron main: wiring only. Policy lives in security.ts, the host API in host.ts + ipc.ts,
 * the session in sessionStore.ts, deep links in shared/deeplink.ts — all unit-tested without
 * Electron. This file connects them to Electron's objects and owns the window lifecycle.
 *
 * Security baseline (Electron's checklist): every renderer sandboxed (`app.enableSandbox`),
 * context isolation on, no Node integration, web security on, no <webview>, the renderer loaded
 * from the privileged app:// scheme with a strict CSP, navigation and new windows locked down,
 * permissions denied except notifications, IPC senders checked and payloads parsed. The
 * `remote` module no longer exists in Electron (removed in 14) and is not brought back.
 */
import {
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  app,
  dialog,
  ipcMain,
  nativeImage,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  type WebContents,
} from 'electron';
import { readFileSync } from 'node:fs';
import { mkdir, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { findDeepLinkInArgv, formatDeepLink, DEEP_LINK_SCHEME } from '../../shared/deeplink';
import { IPC_EVENT_CHANNEL } from '../../shared/hostApi';
import { serveAppRequest } from './appProtocol';
import { BADGE_SIZE, showBadge } from './badge';
import { resolveServerUrl } from './config';
import { HostEventQueue, deepLinkEvent } from './events';
import { createHostHandlers } from './host';
import { registerHostHandlers } from './ipc';
import { createLaunchAtLogin } from './loginItem';
import { createNotifier } from './notifications';
import { renderPdf } from './pdf';
import { APP_USER_MODEL_ID } from './platform';
import {
  APP_SCHEME,
  APP_START_URL,
  allowPermission,
  buildCsp,
  decideNavigation,
  decideWindowOpen,
  isAppUrl,
  responseHeaders,
  type NavigationDecision,
} from './security';
import { createSessionStore, type SessionFiles } from './sessionStore';
import { createTray, type TrayController } from './tray';
import { unreadLabel } from './unread';
import { createUpdateService } from './updates';

const log = (message: string): void => console.log(`[tradewind] ${message}`);

// The bundle is dist/electron/main.cjs; preload, icon and the renderer sit next to it.
const RENDERER_ROOT = resolve(__dirname, '..', 'renderer');
const PRELOAD = join(__dirname, 'preload.cjs');
const ICON = join(__dirname, 'icon.png');

// Before `ready`: the scheme must be privileged (standard + secure = a real, secure origin with
// IndexedDB and fetch), and every renderer sandboxed. `codeCache`: V8 keeps the compiled bundle
// between launches, as it does for http(s) pages; without it every start compiled the ~1.1 MB
// window script afresh (issue 10, cold start).
protocol.registerSchemesAsPrivileged([
  {
    scheme: APP_SCHEME,
    privileges: {
      standard: true,
      secure: true,
      supportFetchAPI: true,
      corsEnabled: true,
      stream: true,
      codeCache: true,
    },
  },
]);
app.enableSandbox();
// Windows: notifications and the taskbar button belong to the installer's AppUserModelId.
if (process.platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

// A separate profile (tests, or a second account on one machine). Must be set before the
// single-instance lock, which is per profile.
const userDataOverride = process.env.TRADEWIND_USER_DATA_DIR;
if (userDataOverride) app.setPath('userData', resolve(userDataOverride));

if (!app.requestSingleInstanceLock()) {
  // Another Tradewind is running; it receives our argv (and deep link) via 'second-instance'.
  app.quit();
} else {
  start();
}

function start(): void {
  const userData = app.getPath('userData');
  const config = resolveServerUrl({
    env: process.env,
    readSettings: () => {
      try {
        return readFileSync(join(userData, 'settings.json'), 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    warn: log,
  });
  const csp = buildCsp(config.serverUrl);
  log(`server ${config.serverUrl} (from ${config.source})`);

  let mainWindow: BrowserWindow | null = null;
  let tray: TrayController | null = null;
  let unread = { count: 0, label: unreadLabel(0) };
  const events = new HostEventQueue({
    send: (e) => {
      if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(IPC_EVENT_CHANNEL, e);
    },
  });

  /** The badge on this OS (Dock, launcher, or the window's taskbar overlay on Windows). */
  const applyBadge = (): void =>
    showBadge(
      {
        platform: process.platform,
        setBadgeCount: (n) => app.setBadgeCount(n),
        setOverlayIcon: (bitmap, description) => {
          if (!mainWindow || mainWindow.isDestroyed()) return;
          const image = bitmap
            ? nativeImage.createFromBitmap(bitmap, { width: BADGE_SIZE, height: BADGE_SIZE })
            : null;
          mainWindow.setOverlayIcon(image, description);
        },
      },
      unread.count,
      unread.label,
    );

  const showWindow = (): void => {
    if (!mainWindow || mainWindow.isDestroyed()) {
      mainWindow = createMainWindow();
      applyBadge(); // a new window has no taskbar overlay yet
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const forwardDeepLink = (raw: string): void => {
    const event = deepLinkEvent(raw);
    if (!event) {
      log(`refused deep link ${JSON.stringify(raw.slice(0, 100))}`);
      return;
    }
    events.push(event);
    if (app.isReady()) showWindow();
  };

  // Deep links: register the scheme with the OS. When run unpackaged (`electron .`) the OS must
  // be told to start electron with our app path.
  const registered =
    process.defaultApp && process.argv[1] !== undefined
      ? app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [resolve(process.argv[1])])
      : app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  if (!registered) log('could not register as the tradewind:// handler');

  // Windows/Linux: the link that launched us is in argv; later ones arrive via second-instance.
  const initial = findDeepLinkInArgv(process.argv);
  if (initial) events.push({ kind: 'deepLink', url: formatDeepLink(initial) });
  app.on('second-instance', (_event, argv) => {
    const link = argv.find((a) => a.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`));
    if (link) forwardDeepLink(link);
    else showWindow();
  });
  // macOS delivers links (also the launching one) as open-url; registered before ready on purpose.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    forwardDeepLink(url);
  });

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  function createMainWindow(): BrowserWindow {
    const win = new BrowserWindow({
      width: 1200,
      height: 800,
      minWidth: 720,
      minHeight: 480,
      show: false,
      title: 'Tradewind',
      icon: ICON,
      backgroundColor: '#0f3d5e',
      webPreferences: {
        preload: PRELOAD,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        navigateOnDragDrop: false,
        experimentalFeatures: false,
      },
    });
    win.once('ready-to-show', () => win.show());
    win.webContents.on('did-start-loading', () => events.notReady());
    win.webContents.on('did-finish-load', () => events.ready());
    win.on('closed', () => {
      if (mainWindow === win) mainWindow = null;
    });
    win.loadURL(APP_START_URL).catch((err: unknown) => log(`could not load the app: ${String(err)}`));
    return win;
  }

  function onReady(): void {
    const ses = session.defaultSession;
    ses.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: responseHeaders(details.url, details.responseHeaders, csp, config.serverUrl),
      });
    });
    ses.setPermissionRequestHandler((_wc, permission, callback, details) => {
      const granted = allowPermission(permission, details.requestingUrl);
      if (!granted) log(`denied permission ${permission}`);
      callback(granted);
    });
    ses.setPermissionCheckHandler((_wc, permission, _origin, details) =>
      allowPermission(permission, details.requestingUrl),
    );
    protocol.handle(APP_SCHEME, (request) => serveAppRequest(RENDERER_ROOT, request.url, { readFile }, csp));

    const sessionFile = join(userData, 'session.bin');
    const files: SessionFiles = {
      read: async (file) => {
        try {
          return await readFile(file);
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
          throw err;
        }
      },
      write: async (file, data) => {
        await mkdir(dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        await writeFile(tmp, data, { mode: 0o600 });
        await rename(tmp, file);
      },
      remove: (file) => rm(file, { force: true }),
    };

    const notifier = createNotifier({
      isSupported: () => Notification.isSupported(),
      create: ({ title, body }) => new Notification({ title, body, icon: ICON }),
      showWindow,
      pushEvent: (e) => events.push(e),
      log,
    });
    const updates = createUpdateService({
      packaged: app.isPackaged,
      env: process.env,
      load: async () => (await import('electron-updater')).autoUpdater,
      onReady: (version) => events.push({ kind: 'updateReady', version }),
      log,
      after: (fn, ms) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      },
      every: (fn, ms) => {
        const t = setInterval(fn, ms);
        return () => clearInterval(t);
      },
    });
    const autostartFile = join(app.getPath('appData'), 'autostart', `${APP_USER_MODEL_ID}.desktop`);
    const handlers = createHostHandlers({
      info: { platform: process.platform, version: app.getVersion(), defaultServerUrl: config.serverUrl },
      sessions: createSessionStore({
        file: sessionFile,
        crypto: safeStorage,
        files,
        platform: process.platform,
        log,
      }),
      chooseSavePath: async (suggestedName) => {
        const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
        const r = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options);
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      writeFile: (path, data) => writeFile(path, data),
      // Written beside the chosen path and moved there once whole: a cancelled or failed save
      // leaves no half file under the name the user chose.
      createFile: async (path) => {
        const part = `${path}.part`;
        const handle = await open(part, 'w');
        return {
          write: async (data) => {
            for (let o = 0; o < data.length;)
              o += (await handle.write(data, o, data.length - o)).bytesWritten;
          },
          commit: async () => {
            await handle.close();
            await rename(part, path);
          },
          discard: async () => {
            await handle.close().catch(() => undefined);
            await rm(part, { force: true });
          },
        };
      },
      renderPdf,
      notify: (n) => notifier.notify(n),
      setUnreadCount: (count, label) => {
        unread = { count, label: label ?? unreadLabel(count) };
        applyBadge();
        tray?.setUnread(count, label);
      },
      systemIdleSeconds: () => powerMonitor.getSystemIdleTime(),
      launchAtLogin: createLaunchAtLogin({
        platform: process.platform,
        packaged: app.isPackaged,
        getLoginItemSettings: () => app.getLoginItemSettings(),
        setLoginItemSettings: (settings) => app.setLoginItemSettings(settings),
        autostart: {
          read: async () => {
            try {
              return await readFile(autostartFile, 'utf8');
            } catch (err) {
              if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
              throw err;
            }
          },
          write: async (text) => {
            await mkdir(dirname(autostartFile), { recursive: true });
            await writeFile(autostartFile, text, { mode: 0o644 });
          },
          remove: () => rm(autostartFile, { force: true }),
        },
        executable: process.env.APPIMAGE ?? process.execPath,
      }),
      setTrayState: (state) => tray?.setState(state),
      updates,
    });
    const disposeIpc = registerHostHandlers(ipcMain, handlers, { isTrustedSender: isAppUrl, log });

    mainWindow = createMainWindow();
    try {
      tray = createTray({
        tray: new Tray(nativeImage.createFromPath(ICON).resize({ width: 16, height: 16 })),
        buildMenu: (template) => Menu.buildFromTemplate(template),
        platform: process.platform,
        showWindow,
        setPresence: (presence) => events.push({ kind: 'setPresence', presence }),
        quit: () => app.quit(),
      });
    } catch (err) {
      log(`no tray on this desktop: ${String(err)}`); // e.g. a Linux desktop without a status area
    }
    void updates.start();

    app.on('activate', showWindow); // macOS: dock click with no window open
    app.on('will-quit', () => {
      disposeIpc();
      updates.dispose();
      tray?.dispose();
    });
  }

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.whenReady().then(onReady, (err: unknown) => log(`startup failed: ${String(err)}`));
}

/** Applies the navigation policy to every web contents the app creates (window, PDF, devtools). */
function hardenWebContents(contents: WebContents): void {
  const apply = (decision: NavigationDecision, prevent: () => void, url: string): void => {
    if (decision.action === 'allow') return;
    prevent();
    if (decision.openExternally) {
      shell
        .openExternal(decision.openExternally)
        .catch((err: unknown) => log(`openExternal failed: ${String(err)}`));
    } else {
      log(`blocked navigation to ${JSON.stringify(url.slice(0, 200))}`);
    }
  };
  contents.on('will-navigate', (event) =>
    apply(decideNavigation(event.url), () => event.preventDefault(), event.url),
  );
  contents.on('will-redirect', (event) =>
    apply(decideNavigation(event.url), () => event.preventDefault(), event.url),
  );
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    apply(decideWindowOpen(url), () => undefined, url);
    return { action: 'deny' };
  });
}
