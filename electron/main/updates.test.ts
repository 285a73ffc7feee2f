import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import {
  CHECK_EVERY_MS,
  FIRST_CHECK_MS,
  createUpdateService,
  type UpdateDeps,
  type UpdaterLike,
} from './updates';

/** A stand-in for electron-updater's autoUpdater: records settings and calls, emits on demand. */
class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  allowDowngrade = true;
  disableWebInstaller = false;
  checks = 0;
  installs: unknown[][] = [];
  checkForUpdates(): Promise<unknown> {
    this.checks++;
    return Promise.resolve(null);
  }
  quitAndInstall(...args: unknown[]): void {
    this.installs.push(args);
  }
}

function setup(over: Partial<UpdateDeps> = {}) {
  const updater = new FakeUpdater();
  const timers: { fn: () => void; ms: number; repeat: boolean; cleared: boolean }[] = [];
  const timer = (repeat: boolean) => (fn: () => void, ms: number) => {
    const t = { fn, ms, repeat, cleared: false };
    timers.push(t);
    return () => {
      t.cleared = true;
    };
  };
  const deps: UpdateDeps = {
    packaged: true,
    env: {},
    load: vi.fn(() => Promise.resolve(updater)),
    onReady: vi.fn(),
    log: vi.fn(),
    after: timer(false),
    every: timer(true),
    ...over,
  };
  return { service: createUpdateService(deps), updater, timers, deps };
}

describe('updates', () => {
  it('packaged: configures electron-updater strictly and checks after a minute, then every six hours', async () => {
    const { service, updater, timers } = setup();
    await service.start();
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      allowDowngrade: false,
      disableWebInstaller: true,
    });
    expect(timers.map((t) => [t.ms, t.repeat])).toEqual([
      [FIRST_CHECK_MS, false],
      [CHECK_EVERY_MS, true],
    ]);
    expect(updater.checks).toBe(0);
    timers[0]!.fn();
    timers[1]!.fn();
    expect(updater.checks).toBe(2);
    expect(service.status()).toEqual({ state: 'idle' });
  });

  it('a downloaded update is announced once, reported by status, and installed on request', async () => {
    const { service, updater, timers, deps } = setup();
    await service.start();
    expect(service.install()).toMatchObject({ ok: false, code: 'not_found' });
    expect(updater.installs).toEqual([]);
    updater.emit('update-downloaded', { version: '0.2.0', downloadedFile: '/tmp/x' });
    expect(deps.onReady).toHaveBeenCalledWith('0.2.0');
    expect(service.status()).toEqual({ state: 'ready', version: '0.2.0' });
    timers[1]!.fn(); // no further checks while one waits
    expect(updater.checks).toBe(0);
    expect(service.install()).toEqual({ ok: true, value: null });
    expect(updater.installs).toEqual([[true, true]]);
  });

  it('errors are logged, never thrown, and change nothing', async () => {
    const { service, updater, timers, deps } = setup();
    updater.checkForUpdates = () => Promise.reject(new Error('net::ERR_NAME_NOT_RESOLVED'));
    await service.start();
    timers[0]!.fn();
    updater.emit('error', new Error('sha512 checksum mismatch'));
    await Promise.resolve();
    expect(deps.log).toHaveBeenCalledWith('update failed: sha512 checksum mismatch');
    expect(deps.log).toHaveBeenCalledWith(expect.stringContaining('ERR_NAME_NOT_RESOLVED'));
    expect(service.status()).toEqual({ state: 'idle' });
  });

  it('development (not packaged): disabled, electron-updater never loaded', async () => {
    const { service, timers, deps } = setup({ packaged: false });
    await service.start();
    expect(service.status()).toEqual({ state: 'disabled' });
    expect(deps.load).not.toHaveBeenCalled();
    expect(timers).toEqual([]);
    expect(service.install()).toMatchObject({ ok: false });
  });

  it('TRADEWIND_UPDATES=off: disabled for administrators who deploy updates themselves', async () => {
    const { service, deps } = setup({ env: { TRADEWIND_UPDATES: 'off' } });
    await service.start();
    expect(service.status()).toEqual({ state: 'disabled' });
    expect(deps.load).not.toHaveBeenCalled();
  });

  it('dispose stops the checks', async () => {
    const { service, timers } = setup();
    await service.start();
    service.dispose();
    expect(timers.every((t) => t.cleared)).toBe(true);
  });
});
