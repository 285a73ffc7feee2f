/** Types of electronBinary.js (plain JavaScript so that `npm start` needs no compiler). */
export type ElectronBinary = { found: true; path: string } | { found: false; reason: string };

export interface FindElectronBinaryOptions {
  /** Repository root (where node_modules is). */
  root: string;
  env?: Readonly<Record<string, string | undefined>>;
  platform?: string;
  exists?: (path: string) => boolean;
  /** Reads a text file; null if it does not exist. */
  read?: (path: string) => string | null;
}

export function findElectronBinary(options: FindElectronBinaryOptions): ElectronBinary;
