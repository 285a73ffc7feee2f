/**
 * Which server the desktop app talks to. In order: the `TRADEWIND_SERVER_URL` environment
 * variable (what `npm start` sets), `serverUrl` in `settings.json` in the user-data folder,
 * else the local default. The value also shapes the CSP (connect-src), so it is validated here
 * and reduced to an origin: an invalid value is reported and skipped, never half-used.
 */
import { z } from 'zod';

export const DEFAULT_SERVER_URL = 'http://127.0.0.1:4100';

const ServerUrl = z.url({ protocol: /^https?$/ }).max(2048);
const Settings = z.object({ serverUrl: ServerUrl.optional() }).loose();

export interface ConfigSources {
  env: Readonly<Record<string, string | undefined>>;
  /** Contents of settings.json, or null if there is none. */
  readSettings: () => string | null;
  warn: (message: string) => void;
}

export interface ServerConfig {
  serverUrl: string;
  source: 'env' | 'settings' | 'default';
}

function toOrigin(value: string): string | null {
  const r = ServerUrl.safeParse(value);
  return r.success ? new URL(r.data).origin : null;
}

export function resolveServerUrl({ env, readSettings, warn }: ConfigSources): ServerConfig {
  const fromEnv = env.TRADEWIND_SERVER_URL;
  if (fromEnv !== undefined && fromEnv !== '') {
    const origin = toOrigin(fromEnv);
    if (origin) return { serverUrl: origin, source: 'env' };
    warn(
      `TRADEWIND_SERVER_URL is not an http(s) URL and is ignored: ${JSON.stringify(fromEnv.slice(0, 200))}`,
    );
  }

  let text: string | null = null;
  try {
    text = readSettings();
  } catch (err) {
    warn(`settings.json could not be read: ${String(err)}`);
  }
  if (text !== null) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    const settings = Settings.safeParse(json);
    if (!settings.success)
      warn('settings.json is not valid (expected {"serverUrl": "https://…"}); it is ignored.');
    else if (settings.data.serverUrl) {
      const origin = toOrigin(settings.data.serverUrl);
      if (origin) return { serverUrl: origin, source: 'settings' };
    }
  }
  return { serverUrl: DEFAULT_SERVER_URL, source: 'default' };
}
