/**
 * Main's Windows-only wiring, with a fake `electron` and `process.platform` set to win32 before
 * main loads: the AppUserModelId the installer's shortcut carries, and the unread badge as a
 * taskbar overlay icon (Windows has no app badge count).
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { BADGE_SIZE, badgeBitmap } from './badge';
import { APP_USER_MODEL_ID } from './platform';

const h = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>(),
  appUserModelId: null as string | null,
  overlays: [] as [unknown, string][],
  bitmaps: [] as [Buffer, { width: number; height: number }][],
  badgeCounts: [] as number[],
  readyResolve: (): void => undefined,
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    enableSandbox: () => undefined,
    setAppUserModelId: (id: string) => {
      h.appUserModelId = id;
    },
    requestSingleInstanceLock: () => true,
    getPath: (n: string) => `C:\\Users\\anna\\AppData\\${n}`,
    setPath: () => undefined,
    setAsDefaultProtocolClient: () => true,
    whenReady: () =>
      new Promise<void>((r) => {
        h.readyResolve = r;
      }),
    isReady: () => true,
    isPackaged: false,
    getVersion: () => '0.1.0',
    quit: () => undefined,
    setBadgeCount: (n: number) => {
      h.badgeCounts.push(n);
      return false;
    },
  });
  class BrowserWindow extends Emitter {
    webContents = Object.assign(new Emitter(), {
      send: () => undefined,
      setWindowOpenHandler: () => undefined,
    });
    constructor() {
      super();
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL = () => Promise.resolve();
    isDestroyed = () => false;
    setOverlayIcon = (image: unknown, description: string) => h.overlays.push([image, description]);
  }
  return {
    app,
    BrowserWindow,
    Notification: { isSupported: () => false },
    dialog: {},
    ipcMain: {
      handle: (c: string, f: (event: unknown, arg: unknown) => Promise<unknown>) => h.handlers.set(c, f),
      removeHandler: () => undefined,
    },
    powerMonitor: { getSystemIdleTime: () => 0 },
    protocol: { registerSchemesAsPrivileged: () => undefined, handle: () => undefined },
    safeStorage: { isEncryptionAvailable: () => false },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => undefined },
        setPermissionRequestHandler: () => undefined,
        setPermissionCheckHandler: () => undefined,
      },
    },
    shell: { openExternal: () => Promise.resolve() },
    Tray: class {
      setToolTip() {}
      setContextMenu() {}
      on() {}
      setTitle() {}
      destroy() {}
    },
    Menu: { buildFromTemplate: (t: unknown) => t },
    nativeImage: {
      createFromPath: () => ({ resize: () => ({}) }),
      createFromBitmap: (buffer: Buffer, options: { width: number; height: number }) => {
        h.bitmaps.push([buffer, options]);
        return { bitmap: buffer };
      },
    },
  };
});

const APP_FRAME = { senderFrame: { url: 'app://tradewind/index.html' } };

beforeAll(async () => {
  vi.spyOn(process, 'platform', 'get').mockReturnValue('win32');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  await import('./index');
  h.readyResolve();
  await vi.waitFor(() => expect(h.handlers.size).toBeGreaterThan(0));
});

describe('main on Windows', () => {
  it("sets the installer's AppUserModelId before anything else", () => {
    expect(h.appUserModelId).toBe(APP_USER_MODEL_ID);
  });

  it('shows the unread count as a taskbar overlay with its translated description, and clears it', async () => {
    await h.handlers.get('tradewind:setBadge')!(APP_FRAME, { count: 3, label: '3 nieprzeczytane' });
    expect(h.bitmaps.at(-1)).toEqual([badgeBitmap(3), { width: BADGE_SIZE, height: BADGE_SIZE }]);
    expect(h.overlays.at(-1)).toEqual([{ bitmap: badgeBitmap(3) }, '3 nieprzeczytane']);
    await h.handlers.get('tradewind:setBadge')!(APP_FRAME, { count: 0 });
    expect(h.overlays.at(-1)).toEqual([null, '']);
    expect(h.badgeCounts).toEqual([]); // no app badge count on Windows
  });
});
