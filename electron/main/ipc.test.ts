import { describe, expect, it, vi } from 'vitest';
import { hostMethods, ipcChannel, type HostMethod } from '../../shared/hostApi';
import { AppError, ok } from '../../shared/result';
import { createHostHandlers, safeFileName, type HostDeps, type PiecewiseFile } from './host';
import {
  HOST_METHOD_NAMES,
  invokeHostMethod,
  registerHostHandlers,
  type HostHandlers,
  type IpcMainLike,
} from './ipc';
import { isAppUrl } from './security';

const APP = { senderFrame: { url: 'app://tradewind/index.html' } };

function fakeDeps(over: Partial<HostDeps> = {}): HostDeps {
  return {
    info: { platform: 'linux', version: '0.1.0', defaultServerUrl: 'http://127.0.0.1:4100' },
    sessions: { load: vi.fn(() => Promise.resolve(ok(null))), save: vi.fn(() => Promise.resolve(ok(null))) },
    chooseSavePath: vi.fn(() => Promise.resolve('/home/u/Downloads/x.pdf')),
    writeFile: vi.fn(() => Promise.resolve()),
    createFile: vi.fn(() => Promise.resolve(memoryFile().file)),
    renderPdf: vi.fn(() => Promise.resolve(new Uint8Array([37, 80, 68, 70]))),
    notify: vi.fn(() => true),
    setUnreadCount: vi.fn(),
    systemIdleSeconds: vi.fn(() => 42),
    launchAtLogin: {
      get: vi.fn(() => Promise.resolve({ supported: true, enabled: false })),
      set: vi.fn((enabled: boolean) => Promise.resolve({ supported: true, enabled })),
    },
    setTrayState: vi.fn(),
    updates: { status: vi.fn(() => ({ state: 'idle' as const })), install: vi.fn(() => ok(null)) },
    ...over,
  };
}

/** A piecewise file in memory: what was written, and whether it was kept or thrown away. */
function memoryFile() {
  const state = { pieces: [] as number[][], committed: false, discarded: false };
  const file: PiecewiseFile = {
    write: (d) => {
      state.pieces.push([...d]);
      return Promise.resolve();
    },
    commit: () => {
      state.committed = true;
      return Promise.resolve();
    },
    discard: () => {
      state.discarded = true;
      return Promise.resolve();
    },
  };
  return { file, state };
}

/** A fake ipcMain that records handlers so tests can invoke them like the renderer would. */
function fakeIpc() {
  const handlers = new Map<
    string,
    (event: typeof APP | { senderFrame: null | { url: string } }, arg: unknown) => Promise<unknown>
  >();
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => handlers.delete(channel),
  };
  return { ipc, handlers };
}

const opts = { isTrustedSender: isAppUrl, log: () => undefined };

const TRAY_LABELS = {
  open: 'Otwórz Tradewind',
  status: 'Status',
  online: 'Dostępny',
  away: 'Zaraz wracam',
  busy: 'Zajęty',
  invisible: 'Niewidoczny',
  connected: 'Połączono',
  offline: 'Offline',
  quit: 'Zakończ',
};

describe('registerHostHandlers', () => {
  it('registers exactly one handler per contract method and removes them on dispose', () => {
    const { ipc, handlers } = fakeIpc();
    const dispose = registerHostHandlers(ipc, createHostHandlers(fakeDeps()), opts);
    expect([...handlers.keys()].sort()).toEqual(
      Object.keys(hostMethods)
        .map((m) => ipcChannel(m as HostMethod))
        .sort(),
    );
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('answers a trusted call through the channel', async () => {
    const { ipc, handlers } = fakeIpc();
    registerHostHandlers(ipc, createHostHandlers(fakeDeps()), opts);
    const r = await handlers.get('tradewind:info')!(APP, undefined);
    expect(r).toEqual({
      ok: true,
      value: {
        kind: 'electron',
        platform: 'linux',
        version: '0.1.0',
        defaultServerUrl: 'http://127.0.0.1:4100',
      },
    });
  });
});

describe('sender check', () => {
  it.each([
    ['no frame (destroyed or navigated away)', null],
    ['a web page', { url: 'https://evil.example/' }],
    ['the server in browser mode', { url: 'http://127.0.0.1:4100/' }],
    ['a local file', { url: 'file:///home/u/evil.html' }],
    ['a look-alike host', { url: 'app://tradewind.evil/index.html' }],
    ['a port on the app host', { url: 'app://tradewind:1/index.html' }],
    ['credentials on the app host', { url: 'app://x@tradewind/index.html' }],
    ['another custom scheme', { url: 'tradewind://chat?with=abcdef' }],
    ['about:blank', { url: 'about:blank' }],
    ['an empty URL', { url: '' }],
  ])('refuses %s without calling the handler', async (_name, frame) => {
    const deps = fakeDeps();
    const handlers = createHostHandlers(deps);
    for (const m of HOST_METHOD_NAMES) {
      const r = await invokeHostMethod(handlers, m, { senderFrame: frame }, undefined, opts);
      expect(r).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(deps.sessions.load).not.toHaveBeenCalled();
    expect(deps.systemIdleSeconds).not.toHaveBeenCalled();
  });

  it('accepts any page of the app origin', async () => {
    const r = await invokeHostMethod(
      createHostHandlers(fakeDeps()),
      'idleSeconds',
      { senderFrame: { url: 'app://tradewind/conversations/42?x=1#y' } },
      undefined,
      opts,
    );
    expect(r).toEqual({ ok: true, value: 42 });
  });
});

describe('payload validation', () => {
  const cases: [HostMethod, unknown][] = [
    ['info', { extra: true }],
    ['saveSession', { serverUrl: 'javascript:alert(1)', token: 'x'.repeat(20), memberId: 'abc' }],
    ['saveSession', { serverUrl: 'http://127.0.0.1:4100', token: 'short', memberId: 'abc' }],
    ['saveSession', 'a string'],
    ['saveFile', { suggestedName: 'a.pdf', mime: 'application/pdf', data: 'not bytes' }],
    ['saveFile', { suggestedName: '', mime: 'application/pdf', data: new Uint8Array(1) }],
    ['printToPdf', { html: 42 }],
    ['notify', { title: 'x'.repeat(201), body: '' }],
    ['notify', null],
    ['setBadge', { count: -1 }],
    ['setBadge', { count: 1.5 }],
    ['setBadge', { count: '3' }],
    ['setBadge', { count: 3, label: 'x'.repeat(201) }],
    ['setLaunchAtLogin', { enabled: 'yes' }],
    ['setLaunchAtLogin', undefined],
    ['setTrayState', { presence: 'dancing', connected: true, labels: TRAY_LABELS }],
    ['setTrayState', { presence: 'online', connected: true, labels: { ...TRAY_LABELS, quit: '' } }],
    ['setTrayState', { presence: 'online', connected: true }],
    ['installUpdate', { now: true }],
  ];
  it.each(cases)('%s refuses %j as bad_request without calling the implementation', async (method, arg) => {
    const deps = fakeDeps();
    const r = await invokeHostMethod(createHostHandlers(deps), method, APP, arg, opts);
    expect(r).toMatchObject({ ok: false, code: 'bad_request' });
    expect(deps.sessions.save).not.toHaveBeenCalled();
    expect(deps.writeFile).not.toHaveBeenCalled();
    expect(deps.renderPdf).not.toHaveBeenCalled();
    expect(deps.notify).not.toHaveBeenCalled();
    expect(deps.setUnreadCount).not.toHaveBeenCalled();
    expect(deps.launchAtLogin.set).not.toHaveBeenCalled();
    expect(deps.setTrayState).not.toHaveBeenCalled();
    expect(deps.updates.install).not.toHaveBeenCalled();
  });

  it('passes the parsed argument to the implementation', async () => {
    const deps = fakeDeps();
    const session = { serverUrl: 'http://127.0.0.1:4100', token: 't'.repeat(40), memberId: 'demo-buyer' };
    expect(await invokeHostMethod(createHostHandlers(deps), 'saveSession', APP, session, opts)).toEqual(
      ok(null),
    );
    expect(deps.sessions.save).toHaveBeenCalledWith(session);
    expect(await invokeHostMethod(createHostHandlers(deps), 'setBadge', APP, { count: 7 }, opts)).toEqual(
      ok(null),
    );
    expect(deps.setUnreadCount).toHaveBeenCalledWith(7, undefined);
    await invokeHostMethod(
      createHostHandlers(deps),
      'setBadge',
      APP,
      { count: 2, label: '2 ungelesen' },
      opts,
    );
    expect(deps.setUnreadCount).toHaveBeenCalledWith(2, '2 ungelesen');
  });
});

describe('errors are data', () => {
  it('turns a thrown Error into internal without leaking its message or stack', async () => {
    const log = vi.fn();
    const deps = fakeDeps({ renderPdf: () => Promise.reject(new Error('/secret/path exploded')) });
    const r = await invokeHostMethod(
      createHostHandlers(deps),
      'printToPdf',
      APP,
      { html: '<p>x</p>' },
      { ...opts, log },
    );
    expect(r).toMatchObject({ ok: false, code: 'internal' });
    expect(JSON.stringify(r)).not.toContain('/secret/path');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('/secret/path exploded'));
  });

  it('keeps the code of an AppError', async () => {
    const deps = fakeDeps({ writeFile: () => Promise.reject(new AppError('too_large', 'Disk full.')) });
    const r = await invokeHostMethod(
      createHostHandlers(deps),
      'saveFile',
      APP,
      { suggestedName: 'a.pdf', mime: 'application/pdf', data: new Uint8Array(4) },
      opts,
    );
    expect(r).toEqual({ ok: false, code: 'too_large', message: 'Disk full.' });
  });
});

describe('host handlers', () => {
  it('saveFile: sanitises the suggested name, reports cancel, writes the bytes', async () => {
    const chooseSavePath = vi.fn<HostDeps['chooseSavePath']>(() => Promise.resolve(null));
    const deps = fakeDeps({ chooseSavePath });
    const h: HostHandlers = createHostHandlers(deps);
    const data = new Uint8Array([1, 2, 3]);
    expect(await h.saveFile({ suggestedName: '../../etc/passwd', mime: 'text/plain', data })).toEqual(
      ok({ saved: false }),
    );
    expect(chooseSavePath).toHaveBeenCalledWith('_.._etc_passwd'); // one name, no directories;
    expect(deps.writeFile).not.toHaveBeenCalled();

    chooseSavePath.mockResolvedValueOnce('/tmp/evidence.zip');
    expect(await h.saveFile({ suggestedName: 'evidence.zip', mime: 'application/zip', data })).toEqual(
      ok({ saved: true, path: '/tmp/evidence.zip' }),
    );
    expect(deps.writeFile).toHaveBeenCalledWith('/tmp/evidence.zip', data);
  });

  it('saveStream: a large file in pieces, kept only when every announced byte arrived', async () => {
    const chooseSavePath = vi.fn<HostDeps['chooseSavePath']>(() => Promise.resolve('/tmp/bundle.zip'));
    const files: ReturnType<typeof memoryFile>[] = [];
    const createFile = vi.fn<HostDeps['createFile']>(() => {
      const f = memoryFile();
      files.push(f);
      return Promise.resolve(f.file);
    });
    const h: HostHandlers = createHostHandlers(fakeDeps({ chooseSavePath, createFile }));
    const open = { suggestedName: '../bundle.zip', mime: 'application/zip', size: 5 };

    const a = await h.saveStreamOpen(open);
    const id = a.ok ? (a.value.id as string) : '';
    expect(chooseSavePath).toHaveBeenCalledWith('_bundle.zip');
    expect(createFile).toHaveBeenCalledWith('/tmp/bundle.zip');
    expect(await h.saveStreamWrite({ id, data: new Uint8Array([1, 2, 3]) })).toEqual(ok(null));
    expect(await h.saveStreamWrite({ id, data: new Uint8Array([4, 5]) })).toEqual(ok(null));
    expect(await h.saveStreamClose({ id })).toEqual(ok({ saved: true, path: '/tmp/bundle.zip' }));
    expect(files[0]?.state).toEqual({
      pieces: [
        [1, 2, 3],
        [4, 5],
      ],
      committed: true,
      discarded: false,
    });
    expect(await h.saveStreamWrite({ id, data: new Uint8Array(1) })).toMatchObject({
      ok: false,
      code: 'not_found',
    });

    // Too many bytes, too few, or an abort: nothing is kept.
    const b = await h.saveStreamOpen(open);
    const tooMany = b.ok ? (b.value.id as string) : '';
    expect(await h.saveStreamWrite({ id: tooMany, data: new Uint8Array(6) })).toMatchObject({
      ok: false,
      code: 'bad_request',
    });
    const c = await h.saveStreamOpen(open);
    const tooFew = c.ok ? (c.value.id as string) : '';
    await h.saveStreamWrite({ id: tooFew, data: new Uint8Array(4) });
    expect(await h.saveStreamClose({ id: tooFew })).toMatchObject({ ok: false, code: 'bad_request' });
    const d = await h.saveStreamOpen(open);
    expect(await h.saveStreamClose({ id: d.ok ? (d.value.id as string) : '', abort: true })).toEqual(
      ok({ saved: false }),
    );
    expect(files.slice(1).map((f) => f.state.discarded && !f.state.committed)).toEqual([true, true, true]);

    // Cancelled in the dialog: no file at all.
    chooseSavePath.mockResolvedValueOnce(null);
    expect(await h.saveStreamOpen(open)).toEqual(ok({ id: null }));
    expect(createFile).toHaveBeenCalledTimes(4);
  });

  it('launch at login: reads and changes the setting, answers with the state after the change', async () => {
    const deps = fakeDeps();
    const h: HostHandlers = createHostHandlers(deps);
    expect(await h.getLaunchAtLogin(undefined)).toEqual(ok({ supported: true, enabled: false }));
    expect(await h.setLaunchAtLogin({ enabled: true })).toEqual(ok({ supported: true, enabled: true }));
    expect(deps.launchAtLogin.set).toHaveBeenCalledWith(true);
  });

  it('tray state and updates go to their services', async () => {
    const deps = fakeDeps();
    const h: HostHandlers = createHostHandlers(deps);
    const state = { presence: 'busy' as const, connected: false, labels: TRAY_LABELS };
    expect(await h.setTrayState(state)).toEqual(ok(null));
    expect(deps.setTrayState).toHaveBeenCalledWith(state);
    expect(await h.getUpdateStatus(undefined)).toEqual(ok({ state: 'idle' }));
    expect(await h.installUpdate(undefined)).toEqual(ok(null));
    expect(deps.updates.install).toHaveBeenCalledTimes(1);
  });

  it('notify: unsupported when the OS has no notifications', async () => {
    const h = createHostHandlers(fakeDeps({ notify: () => false }));
    expect(await h.notify({ title: 't', body: 'b' })).toMatchObject({ ok: false, code: 'unsupported' });
  });

  it.each([
    ['report.pdf', 'report.pdf'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['..', 'tradewind-export'],
    ['  .hidden  ', 'hidden'],
    ['tab\there', 'tab_here'],
  ])('safeFileName(%j) = %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });
});
