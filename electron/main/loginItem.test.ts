import { describe, expect, it, vi } from 'vitest';
import { autostartEntry, createLaunchAtLogin } from './loginItem';

function deps(over: { platform?: NodeJS.Platform; packaged?: boolean } = {}) {
  let file: string | null = null;
  let openAtLogin = false;
  const d = {
    platform: 'win32' as NodeJS.Platform,
    packaged: true,
    getLoginItemSettings: vi.fn(() => ({ openAtLogin })),
    setLoginItemSettings: vi.fn((s: { openAtLogin: boolean }) => {
      openAtLogin = s.openAtLogin;
    }),
    autostart: {
      read: vi.fn(() => Promise.resolve(file)),
      write: vi.fn((text: string) => {
        file = text;
        return Promise.resolve();
      }),
      remove: vi.fn(() => {
        file = null;
        return Promise.resolve();
      }),
    },
    executable: '/home/anna/Apps/Tradewind-0.1.0-linux-x86_64.AppImage',
    ...over,
  };
  return { d, file: () => file };
}

describe('launch at login', () => {
  it.each(['win32', 'darwin'] as const)('%s: a login item through Electron', async (platform) => {
    const { d } = deps({ platform });
    const s = createLaunchAtLogin(d);
    expect(await s.get()).toEqual({ supported: true, enabled: false });
    expect(await s.set(true)).toEqual({ supported: true, enabled: true });
    expect(d.setLoginItemSettings).toHaveBeenCalledWith({ openAtLogin: true });
    expect(await s.set(false)).toEqual({ supported: true, enabled: false });
    expect(d.autostart.write).not.toHaveBeenCalled();
  });

  it('Linux: an XDG autostart entry that starts the AppImage', async () => {
    const { d, file } = deps({ platform: 'linux' });
    const s = createLaunchAtLogin(d);
    expect(await s.get()).toEqual({ supported: true, enabled: false });
    expect(await s.set(true)).toEqual({ supported: true, enabled: true });
    expect(file()).toContain('Exec="/home/anna/Apps/Tradewind-0.1.0-linux-x86_64.AppImage"');
    expect(await s.set(false)).toEqual({ supported: true, enabled: false });
    expect(file()).toBeNull();
    expect(d.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('Linux: an entry the user disabled in their desktop settings (Hidden=true) counts as off', async () => {
    const { d } = deps({ platform: 'linux' });
    d.autostart.read.mockResolvedValueOnce(autostartEntry('/opt/Tradewind/tradewind') + 'Hidden=true\n');
    expect(await createLaunchAtLogin(d).get()).toEqual({ supported: true, enabled: false });
  });

  it('development builds: unsupported, and nothing is registered', async () => {
    const { d } = deps({ packaged: false });
    const s = createLaunchAtLogin(d);
    expect(await s.set(true)).toEqual({ supported: false, enabled: false });
    expect(d.setLoginItemSettings).not.toHaveBeenCalled();
    expect(d.autostart.write).not.toHaveBeenCalled();
  });
});

describe('autostartEntry', () => {
  it('quotes the path as the desktop entry spec asks', () => {
    const text = autostartEntry('/opt/My "Apps"/$HOME/trade`wind\\x');
    expect(text).toContain('Exec="/opt/My \\"Apps\\"/\\$HOME/trade\\`wind\\\\x"\n');
    expect(text.startsWith('[Desktop Entry]\nType=Application\n')).toBe(true);
  });

  it('refuses a path that would add lines to the file', () => {
    expect(() => autostartEntry('/opt/x\nExec=/bin/evil')).toThrow();
  });
});
