/**
 * Launch at login, a setting the renderer reads and changes through the host API
 * (`getLaunchAtLogin` / `setLaunchAtLogin`).
 *
 * - macOS and Windows: `app.setLoginItemSettings({ openAtLogin })` (a login item; the Run key).
 * - Linux, where Electron has no such API: an XDG autostart entry,
 *   `$XDG_CONFIG_HOME/autostart/<desktopName>` (`~/.config/autostart/…`), that starts the
 *   AppImage (`$APPIMAGE`) or the installed executable.
 * - Development builds (`electron .`) say `supported: false`: a login item would start bare
 *   Electron without the app.
 */
import type { LaunchAtLogin } from '../../shared/hostApi';

export interface AutostartFile {
  read: () => Promise<string | null>;
  /** Writes the file, creating its folder. */
  write: (text: string) => Promise<void>;
  remove: () => Promise<void>;
}

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  packaged: boolean;
  /** Electron's `app.getLoginItemSettings` / `app.setLoginItemSettings` (macOS, Windows). */
  getLoginItemSettings: () => { openAtLogin: boolean };
  setLoginItemSettings: (settings: { openAtLogin: boolean }) => void;
  /** Linux: the autostart entry. */
  autostart: AutostartFile;
  /** Linux: what the entry starts — `$APPIMAGE` when running from an AppImage, else the executable. */
  executable: string;
}

export interface LaunchAtLoginService {
  get: () => Promise<LaunchAtLogin>;
  set: (enabled: boolean) => Promise<LaunchAtLogin>;
}

/** Quotes a path for a desktop entry's Exec key (freedesktop Desktop Entry spec, "Exec key"). */
function quoteExec(path: string): string {
  return `"${path.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

/** The XDG autostart entry that starts `executable` at login. */
export function autostartEntry(executable: string): string {
  if (/[\r\n]/.test(executable)) throw new Error('executable path contains a line break');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Tradewind',
    `Exec=${quoteExec(executable)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function createLaunchAtLogin(deps: LoginItemDeps): LaunchAtLoginService {
  const supported = deps.packaged && ['darwin', 'win32', 'linux'].includes(deps.platform);
  const unsupported: LaunchAtLogin = { supported: false, enabled: false };

  async function get(): Promise<LaunchAtLogin> {
    if (!supported) return unsupported;
    if (deps.platform === 'linux') {
      const text = await deps.autostart.read();
      return { supported, enabled: text !== null && !/^\s*Hidden\s*=\s*true\s*$/im.test(text) };
    }
    return { supported, enabled: deps.getLoginItemSettings().openAtLogin };
  }

  return {
    get,
    async set(enabled) {
      if (!supported) return unsupported;
      if (deps.platform === 'linux') {
        if (enabled) await deps.autostart.write(autostartEntry(deps.executable));
        else await deps.autostart.remove();
      } else {
        deps.setLoginItemSettings({ openAtLogin: enabled });
      }
      return get();
    },
  };
}
