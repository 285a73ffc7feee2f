import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findElectronBinary } from './electronBinary.js';

const root = '/repo';
const pkg = join(root, 'node_modules', 'electron');

/** A fake file system: the set of existing paths and the text of path.txt. */
function fakeFs(files: Record<string, string>) {
  return {
    exists: (p: string) => p in files,
    read: (p: string) => files[p] ?? null,
  };
}

describe('findElectronBinary', () => {
  it('is not found when the download was skipped (no path.txt) — the situation on this machine', () => {
    const r = findElectronBinary({ root, env: {}, ...fakeFs({ [join(pkg, 'package.json')]: '{}' }) });
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toContain('path.txt is missing');
  });

  it('is not found when the electron package is not installed', () => {
    expect(findElectronBinary({ root, env: {}, ...fakeFs({}) })).toMatchObject({ found: false });
  });

  it('is not found when path.txt names a file that does not exist', () => {
    const r = findElectronBinary({
      root,
      env: {},
      ...fakeFs({ [join(pkg, 'package.json')]: '{}', [join(pkg, 'path.txt')]: 'electron' }),
    });
    expect(r).toEqual({ found: false, reason: `${join(pkg, 'dist', 'electron')} does not exist` });
  });

  it('is found where path.txt says, inside dist', () => {
    const bin = join(pkg, 'dist', 'electron');
    const r = findElectronBinary({
      root,
      env: {},
      ...fakeFs({ [join(pkg, 'package.json')]: '{}', [join(pkg, 'path.txt')]: 'electron\n', [bin]: '' }),
    });
    expect(r).toEqual({ found: true, path: bin });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH, with the platform default name when path.txt is absent', () => {
    const bin = join('/opt/electron', 'Electron.app/Contents/MacOS/Electron');
    const r = findElectronBinary({
      root,
      platform: 'darwin',
      env: { ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' },
      ...fakeFs({ [join(pkg, 'package.json')]: '{}', [bin]: '' }),
    });
    expect(r).toEqual({ found: true, path: bin });
  });

  it('honours TRADEWIND_ELECTRON_BINARY, and says when it is wrong', () => {
    const fs = fakeFs({ '/usr/lib/electron/electron': '' });
    expect(
      findElectronBinary({ root, env: { TRADEWIND_ELECTRON_BINARY: '/usr/lib/electron/electron' }, ...fs }),
    ).toEqual({
      found: true,
      path: '/usr/lib/electron/electron',
    });
    expect(findElectronBinary({ root, env: { TRADEWIND_ELECTRON_BINARY: '/nope' }, ...fs })).toMatchObject({
      found: false,
    });
  });

  it('agrees with the real node_modules of this checkout', () => {
    const r = findElectronBinary({ root: join(import.meta.dirname, '..', '..'), env: {} });
    // Either way it must not throw, and a found binary must exist.
    if (r.found) expect(r.path).toContain('electron');
    else expect(r.reason).toMatch(/path\.txt|does not exist|not installed/);
  });
});
