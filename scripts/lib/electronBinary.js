// Where the Electron binary is, if there is one. `require('electron')` tries to download a
// missing binary (Electron ≥ 42 downloads on first use, not at install) and throws offline, so
// this repeats its lookup without either: node_modules/electron/path.txt names the executable inside
// node_modules/electron/dist (or inside ELECTRON_OVERRIDE_DIST_PATH), and the file must exist.
// TRADEWIND_ELECTRON_BINARY points at any other Electron (e.g. a system package) instead.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The executable's path inside an Electron dist folder, as Electron's install.js names it. */
const PLATFORM_PATH = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

function readText(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** @type {import('./electronBinary').findElectronBinary} */
export function findElectronBinary({
  root,
  env = process.env,
  platform = process.platform,
  exists = existsSync,
  read = readText,
}) {
  const explicit = env.TRADEWIND_ELECTRON_BINARY;
  if (explicit) {
    return exists(explicit)
      ? { found: true, path: explicit }
      : { found: false, reason: `TRADEWIND_ELECTRON_BINARY=${explicit} does not exist` };
  }
  const pkg = join(root, 'node_modules', 'electron');
  if (!exists(join(pkg, 'package.json'))) {
    return { found: false, reason: 'the electron package is not installed (node_modules/electron)' };
  }
  const named = read(join(pkg, 'path.txt'))?.trim() || null;
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  let bin;
  if (override) bin = join(override, named ?? PLATFORM_PATH[platform] ?? 'electron');
  else if (named) bin = join(pkg, 'dist', named);
  else {
    return {
      found: false,
      reason: 'node_modules/electron/path.txt is missing: the Electron binary was never downloaded',
    };
  }
  return exists(bin) ? { found: true, path: bin } : { found: false, reason: `${bin} does not exist` };
}
