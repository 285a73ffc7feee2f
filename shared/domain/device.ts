/**
 * A device as the session list names it (Settings › Devices, issue 12): the app or browser and
 * the operating system, read from a user-agent string. Both ends use it: the client names its
 * own device when it signs in, the server reads the sessions that older clients named with their
 * raw user agent. Never used to decide anything: it is a label.
 */

export interface DeviceDescription {
  /** "Tradewind desktop", "Chrome 140", "Firefox 133" …; null when nothing is recognised. */
  name: string | null;
  /** "Windows", "macOS", "Linux", "Android", "iOS", "ChromeOS", or null when unknown. */
  platform: string | null;
}

const PLATFORMS: readonly [RegExp, string][] = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iPod/, 'iOS'],
  [/CrOS/, 'ChromeOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Linux|X11/, 'Linux'],
];

/** Order matters: Edge and Opera say "Chrome" too, Chrome says "Safari". */
const BROWSERS: readonly [RegExp, string][] = [
  [/Edg\/(\d+)/, 'Edge'],
  [/OPR\/(\d+)/, 'Opera'],
  [/Firefox\/(\d+)/, 'Firefox'],
  [/Chrom(?:e|ium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[^ ]* .*Safari\//, 'Safari'],
];

/** The name the desktop app's sessions get (clients show it in the reader's language). */
export const DESKTOP_APP = 'Tradewind desktop';

/** Describes the device a user-agent string comes from. */
export function describeDevice(userAgent: string): DeviceDescription {
  const platform = PLATFORMS.find(([re]) => re.test(userAgent))?.[1] ?? null;
  if (/Electron\//.test(userAgent)) return { name: DESKTOP_APP, platform };
  for (const [re, name] of BROWSERS) {
    const m = re.exec(userAgent);
    if (m) return { name: `${name} ${m[1] ?? ''}`.trim(), platform };
  }
  return { name: null, platform };
}

/** Whether a stored device name is a raw user agent (what clients before issue 12 sent). */
export const isUserAgent = (s: string): boolean => /^Mozilla\/\d/.test(s);
