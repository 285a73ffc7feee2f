/**
 * The packaging configuration, checked the way electron-builder itself reads it — the packaging
 * cannot run on machines without the Electron binary, so this is what CI can check:
 *   - electron-builder.yml loads with electron-builder's loader and passes its own validation
 *     (app-builder-lib/scheme.json, the JSON schema `npm run dist` validates against);
 *   - the fuses, translated by electron-builder's own code into @electron/fuses options, are
 *     exactly the hardened set (a loosened or removed fuse fails);
 *   - the metadata the deb target refuses to build without (homepage, author e-mail) is there;
 *   - deb/rpm dependencies include electron-builder's default lists, which `depends` replaces;
 *   - targets, update feed, signing settings, and no secret in the file.
 */
import { FuseV1Options } from '@electron/fuses';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Configuration, FuseOptionsV1 } from 'app-builder-lib';
import { PlatformPackager } from 'app-builder-lib';
import FpmTarget from 'app-builder-lib/out/targets/FpmTarget';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_USER_MODEL_ID } from './main/platform';

const ROOT = join(import.meta.dirname, '..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  description?: string;
  homepage?: string;
  author?: { name?: string; email?: string } | string;
  desktopName?: string;
};

let config: Configuration;
beforeAll(async () => {
  config = await getConfig(ROOT, join(ROOT, 'electron-builder.yml'), null);
});

// electron-builder keeps these helpers private; calling them (rather than copying their
// output) makes the test follow electron-builder when it changes its translation or defaults.
const generateFuseConfig = (
  PlatformPackager.prototype as unknown as {
    generateFuseConfig: (fuses: FuseOptionsV1) => Promise<Record<string | number, unknown>>;
  }
).generateFuseConfig;
const defaults = FpmTarget.prototype as unknown as {
  getDefaultDepends: (target: string) => string[];
  getDefaultRecommends: (target: string) => string[];
};

describe("electron-builder's own validation", () => {
  it('validates against app-builder-lib/scheme.json', async () => {
    const require = createRequire(import.meta.url);
    const schema = join(dirname(require.resolve('app-builder-lib/package.json')), 'scheme.json');
    expect(existsSync(schema)).toBe(true);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('would refuse a misspelt option (the validator really runs)', async () => {
    const typo = { ...config, electronFuses: { ...config.electronFuses, runAsNod: false } } as Configuration;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(
      /configuration\.electronFuses/,
    );
  });
});

describe('fuses', () => {
  it('are exactly the hardened set, as electron-builder passes them to @electron/fuses', async () => {
    expect(config.electronFuses).toBeTruthy();
    const fuses = await generateFuseConfig(config.electronFuses!);
    expect(fuses).toEqual({
      version: '1',
      resetAdHocDarwinSignature: undefined,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });

  it('have what asar integrity needs: one asar archive, nothing unpacked beside it', () => {
    expect(config.asar).toBe(true);
    expect(config.asarUnpack ?? null).toBeNull();
  });
});

describe('metadata', () => {
  it('has what the deb target needs: homepage and an author with an e-mail', () => {
    expect(pkg.description).toBeTruthy();
    expect(pkg.homepage).toMatch(/^https:\/\/[^/\s]+\//);
    expect(pkg.author).toMatchObject({ name: expect.any(String) as string });
    const email = typeof pkg.author === 'object' ? pkg.author.email : undefined;
    expect(email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/);
  });

  it('names the Linux .desktop file after the app id (window association, badge, portals)', () => {
    expect(pkg.desktopName).toBe(`${config.appId}.desktop`);
    expect(config.linux?.syncDesktopName).toBe(true);
    // StartupWMClass must follow desktopName (electron-builder sets it); an override breaks it.
    const entry = (config.linux?.desktop as { entry?: Record<string, string> } | undefined)?.entry ?? {};
    expect(entry.StartupWMClass).toBeUndefined();
  });

  it('uses the app id as the Windows AppUserModelId that main sets', () => {
    expect(config.appId).toBe(APP_USER_MODEL_ID);
  });
});

describe('Linux dependencies', () => {
  it.each(['deb', 'rpm'] as const)("%s keeps electron-builder's default dependencies", (target) => {
    const depends = config[target]?.depends;
    expect(Array.isArray(depends)).toBe(true);
    expect(depends).toEqual(expect.arrayContaining(defaults.getDefaultDepends(target)));
  });

  it('deb keeps the recommended tray library and adds what current Chromium needs', () => {
    expect(config.deb?.recommends).toEqual(expect.arrayContaining(defaults.getDefaultRecommends('deb')));
    expect(config.deb?.depends).toEqual(expect.arrayContaining(['libgbm1', 'libasound2 | libasound2t64']));
  });
});

describe('targets, updates and signing', () => {
  const targets = (t: unknown): string[] => (Array.isArray(t) ? (t as string[]) : [t as string]);

  it('builds AppImage and deb, NSIS, dmg (+ the zip macOS updates install from)', () => {
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(targets(config.mac?.target)).toEqual(['dmg', 'zip']);
  });

  it('publishes update metadata for a generic feed whose URL comes from the environment', () => {
    expect(config.publish).toEqual([{ provider: 'generic', url: '${env.TRADEWIND_UPDATE_URL}' }]);
  });

  it('verifies Windows updates, hardens and notarises macOS builds, needs a supported macOS', () => {
    expect(config.win?.verifyUpdateCodeSignature).toBe(true);
    expect(config.mac?.hardenedRuntime).toBe(true);
    expect(config.mac?.notarize).toBe(true);
    expect(Number(config.mac?.minimumSystemVersion?.split('.')[0])).toBeGreaterThanOrEqual(13);
  });

  it('holds no credential: signing and notarisation read them from the environment', () => {
    const text = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    const secretKeys =
      /^\s*(cscLink|cscKeyPassword|certificateFile|certificatePassword|certificateSha1|password|appleIdPassword|appleApiKey\w*|token|keyPassword)\s*:/im;
    expect(text).not.toMatch(secretKeys);
    const stray = JSON.stringify(config);
    expect(stray).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY|\.p12|\.pfx/i);
  });
});
