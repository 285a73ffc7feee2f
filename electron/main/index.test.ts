/**
 * The wiring of main, with a fake `electron` module: whatever index.ts does at start-up (scheme
 * privileges, sandbox, window preferences, IPC registration, CSP, permissions, navigation, deep
 * links) is observed here, since the real binary is not available on every machine.
 */
import type { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;
import { beforeAll, describe, expect, it, vi } from 'vitest';

const h = vi.hoisted(() => {
  const state = {
    handlers: new Map<string, (event: unknown, arg: unknown) => Promise<unknown>>(),
    windows: [] as {
      opts: { webPreferences: Record<string, unknown> };
      webContents: object;
    }[],
    sent: [] as unknown[][],
    openedExternally: [] as string[],
    privileged: [] as unknown[],
    onHeaders: null as null | Listener,
    permissionRequest: null as null | Listener,
    sandboxed: false,
    protocolClient: null as null | string,
    readyResolve: (() => undefined) as () => void,
    trayMenus: [] as unknown[],
    notifications: [] as (EventEmitter & { options: { title: string }; shown: boolean })[],
    badgeCounts: [] as number[],
    quits: 0,
  };
  return state;
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    enableSandbox: () => {
      h.sandboxed = true;
    },
    requestSingleInstanceLock: () => true,
    getPath: (n: string) => `/tmp/tradewind-main-test/${n}`,
    setPath: () => undefined,
    setAsDefaultProtocolClient: (s: string) => {
      h.protocolClient = s;
      return true;
    },
    whenReady: () =>
      new Promise<void>((r) => {
        h.readyResolve = r;
      }),
    isReady: () => true,
    isPackaged: false,
    getVersion: () => '0.1.0',
    quit: () => {
      h.quits++;
    },
    setBadgeCount: (n: number) => {
      h.badgeCounts.push(n);
      return true;
    },
  });
  class BrowserWindow extends Emitter {
    webContents: object;
    constructor(readonly opts: { webPreferences: Record<string, unknown> }) {
      super();
      const wc = Object.assign(new Emitter(), {
        send: (...a: unknown[]) => h.sent.push(a),
        setWindowOpenHandler: (f: Listener) => Object.assign(wc, { openHandler: f }),
      });
      this.webContents = wc;
      h.windows.push(this);
      app.emit('web-contents-created', {}, wc);
    }
    loadURL = () => Promise.resolve();
    isDestroyed = () => false;
    isMinimized = () => false;
    restore = () => undefined;
    show = () => undefined;
    focus = () => undefined;
  }
  return {
    app,
    BrowserWindow,
    Notification: class extends Emitter {
      static isSupported = () => true;
      shown = false;
      constructor(readonly options: { title: string }) {
        super();
        h.notifications.push(this);
      }
      show() {
        this.shown = true;
      }
    },
    dialog: {},
    ipcMain: {
      handle: (c: string, f: (event: unknown, arg: unknown) => Promise<unknown>) => h.handlers.set(c, f),
      removeHandler: () => undefined,
    },
    powerMonitor: { getSystemIdleTime: () => 7 },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => h.privileged.push(...s),
      handle: () => undefined,
    },
    safeStorage: { isEncryptionAvailable: () => false },
    session: {
      defaultSession: {
        webRequest: {
          onHeadersReceived: (f: Listener) => {
            h.onHeaders = f;
          },
        },
        setPermissionRequestHandler: (f: Listener) => {
          h.permissionRequest = f;
        },
        setPermissionCheckHandler: () => undefined,
      },
    },
    shell: {
      openExternal: (u: string) => {
        h.openedExternally.push(u);
        return Promise.resolve();
      },
    },
    Tray: class {
      setToolTip() {}
      setContextMenu(menu: unknown) {
        h.trayMenus.push(menu);
      }
      on() {}
      setTitle() {}
      destroy() {}
    },
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromPath: () => ({ resize: () => ({}) }) },
  };
});

const APP_FRAME = { senderFrame: { url: 'app://tradewind/index.html' } };

beforeAll(async () => {
  vi.stubEnv('TRADEWIND_SERVER_URL', 'http://127.0.0.1:4555');
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  process.argv.push('tradewind://chat?with=Launch-Link');
  await import('./index');
  h.readyResolve();
  await new Promise((r) => setTimeout(r, 0));
});

describe('main wiring', () => {
  it('sandboxes every renderer and registers app:// as a secure standard scheme with a code cache', () => {
    expect(h.sandboxed).toBe(true);
    // codeCache (issue 10, cold start): V8 reuses the compiled window script between launches.
    expect(h.privileged).toMatchObject([
      { scheme: 'app', privileges: { standard: true, secure: true, codeCache: true } },
    ]);
    expect(h.protocolClient).toBe('tradewind');
  });

  it('creates the window with secure preferences', () => {
    expect(h.windows).toHaveLength(1);
    expect(h.windows[0]!.opts.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
  });

  it('registers every host method and checks the sender', async () => {
    expect([...h.handlers.keys()].sort()).toEqual(
      [
        'getLaunchAtLogin',
        'getUpdateStatus',
        'idleSeconds',
        'info',
        'installUpdate',
        'loadSession',
        'notify',
        'printToPdf',
        'saveFile',
        'saveSession',
        'saveStreamClose',
        'saveStreamOpen',
        'saveStreamWrite',
        'setBadge',
        'setLaunchAtLogin',
        'setTrayState',
      ]
        .map((m) => `tradewind:${m}`)
        .sort(),
    );
    expect(await h.handlers.get('tradewind:info')!(APP_FRAME, undefined)).toMatchObject({
      ok: true,
      value: { kind: 'electron', defaultServerUrl: 'http://127.0.0.1:4555' },
    });
    expect(
      await h.handlers.get('tradewind:idleSeconds')!(
        { senderFrame: { url: 'https://evil.example/' } },
        undefined,
      ),
    ).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    // no safeStorage here: the session is not persisted, and the Result says so
    expect(
      await h.handlers.get('tradewind:saveSession')!(APP_FRAME, {
        serverUrl: 'http://127.0.0.1:4555',
        token: 'x'.repeat(30),
        memberId: 'demo-buyer',
      }),
    ).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it('puts the CSP on responses, with the configured server in connect-src', () => {
    let headers: Record<string, string[]> = {};
    h.onHeaders!(
      { url: 'app://tradewind/index.html', responseHeaders: {} },
      (r: { responseHeaders: Record<string, string[]> }) => {
        headers = r.responseHeaders;
      },
    );
    expect(headers['Content-Security-Policy']![0]).toContain(
      "connect-src 'self' http://127.0.0.1:4555 ws://127.0.0.1:4555",
    );
  });

  it('denies permissions other than notifications', () => {
    const answers: boolean[] = [];
    h.permissionRequest!({}, 'media', (g: boolean) => answers.push(g), { requestingUrl: 'app://tradewind/' });
    h.permissionRequest!({}, 'notifications', (g: boolean) => answers.push(g), {
      requestingUrl: 'app://tradewind/',
    });
    expect(answers).toEqual([false, true]);
  });

  it('locks navigation down and opens only https links externally', () => {
    const wc = h.windows[0]!.webContents as unknown as EventEmitter & {
      openHandler: (d: { url: string }) => unknown;
    };
    const nav = (url: string) => {
      let prevented = false;
      wc.emit('will-navigate', { url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(nav('app://tradewind/index.html')).toBe(false);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(nav('https://example.com/x')).toBe(true);
    expect(wc.openHandler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(wc.openHandler({ url: 'https://alibaba.com/' })).toEqual({ action: 'deny' });
    expect(h.openedExternally).toEqual(['https://example.com/x', 'https://alibaba.com/']);
  });

  it('forwards validated deep links (launch argv and second instance) once the page has loaded', async () => {
    const { app } = await import('electron');
    const wc = h.windows[0]!.webContents as unknown as EventEmitter;
    expect(h.sent).toEqual([]); // nothing before the page is ready
    wc.emit('did-finish-load');
    app.emit('second-instance', {}, ['tradewind', 'tradewind://chat?with=<script>']);
    app.emit('second-instance', {}, ['tradewind', 'tradewind://chat/?with=Shenzhen-LED&order=42']);
    expect(h.sent).toEqual([
      ['tradewind:event', { kind: 'deepLink', url: 'tradewind://chat?with=launch-link' }],
      ['tradewind:event', { kind: 'deepLink', url: 'tradewind://chat?with=shenzhen-led&order=42' }],
    ]);
  });

  it('development build: no updates, and launch at login is not offered', async () => {
    expect(await h.handlers.get('tradewind:getUpdateStatus')!(APP_FRAME, undefined)).toEqual({
      ok: true,
      value: { state: 'disabled' },
    });
    expect(await h.handlers.get('tradewind:setLaunchAtLogin')!(APP_FRAME, { enabled: true })).toEqual({
      ok: true,
      value: { supported: false, enabled: false },
    });
    expect(await h.handlers.get('tradewind:installUpdate')!(APP_FRAME, undefined)).toMatchObject({
      ok: false,
    });
  });

  it('a notification click opens the conversation in the window', async () => {
    const before = h.sent.length;
    expect(
      await h.handlers.get('tradewind:notify')!(APP_FRAME, {
        title: 'Li Wei',
        body: '300 pieces is fine.',
        conversationId: 'c-42',
      }),
    ).toEqual({ ok: true, value: null });
    const n = h.notifications.at(-1)!;
    expect(n.shown).toBe(true);
    n.emit('click');
    expect(h.sent.slice(before)).toEqual([
      ['tradewind:event', { kind: 'openConversation', conversationId: 'c-42' }],
    ]);
  });

  it('the badge: setBadge reaches the launcher badge (Linux here)', async () => {
    await h.handlers.get('tradewind:setBadge')!(APP_FRAME, { count: 3, label: '3 unread' });
    expect(h.badgeCounts.at(-1)).toBe(3);
  });

  it('the tray: open and quit at once; status from the renderer; a status picked goes to the page', async () => {
    type Item = { label?: string; click?: () => void; submenu?: Item[] };
    const first = h.trayMenus[0] as Item[];
    expect(first.map((i) => i.label).filter(Boolean)).toEqual(['Open Tradewind', 'Quit Tradewind']);
    const labels = {
      open: 'Open',
      status: 'Status',
      online: 'Online',
      away: 'Away',
      busy: 'Busy',
      invisible: 'Invisible',
      connected: 'Connected',
      offline: 'Offline',
      quit: 'Quit',
    };
    await h.handlers.get('tradewind:setTrayState')!(APP_FRAME, {
      presence: 'online',
      connected: true,
      labels,
    });
    const menu = h.trayMenus.at(-1) as Item[];
    const before = h.sent.length;
    menu.find((i) => i.label === 'Status')!.submenu!.find((i) => i.label === 'Away')!.click!();
    expect(h.sent.slice(before)).toEqual([['tradewind:event', { kind: 'setPresence', presence: 'away' }]]);
    menu.find((i) => i.label === 'Quit')!.click!();
    expect(h.quits).toBe(1);
  });
});
