/**
 * The remembered session (server URL, token, member id), kept in a file in the user-data folder
 * encrypted with Electron's `safeStorage` (Keychain on macOS, DPAPI on Windows, the Secret
 * Service / KWallet on Linux).
 *
 * If the OS offers no real encryption — `safeStorage` unavailable, or Linux falling back to its
 * `basic_text` backend, which is a hard-coded key — the token is NOT written and `save` says so
 * in its Failure: the user stays signed in for this run and signs in again next time. Writing a
 * bearer token in clear text to disk is not a trade-off we make silently.
 */
import { StoredSession } from '../../shared/hostApi';
import { fail, ok, type Result } from '../../shared/result';

/** The part of Electron's `safeStorage` we use. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?: () => string;
}

export interface SessionFiles {
  read(file: string): Promise<Buffer | null>;
  /** Writes atomically with owner-only permissions. */
  write(file: string, data: Buffer): Promise<void>;
  remove(file: string): Promise<void>;
}

export interface SessionStore {
  load: () => Promise<Result<StoredSession | null>>;
  save: (session: StoredSession | null) => Promise<Result<null>>;
}

export const NO_SECURE_STORAGE =
  'This computer offers no secure storage for your sign-in, so Tradewind will not remember it: you will be asked to sign in again next time.';

export function secureStorageAvailable(crypto: SafeStorageLike, platform: string): boolean {
  if (!crypto.isEncryptionAvailable()) return false;
  if (platform === 'linux' && crypto.getSelectedStorageBackend) {
    const backend = crypto.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return false;
  }
  return true;
}

export function createSessionStore(opts: {
  file: string;
  crypto: SafeStorageLike;
  files: SessionFiles;
  platform: string;
  log: (message: string) => void;
}): SessionStore {
  const { file, crypto, files, platform, log } = opts;
  return {
    async load() {
      const blob = await files.read(file);
      if (blob === null) return ok(null);
      if (!secureStorageAvailable(crypto, platform)) return ok(null);
      try {
        const parsed = StoredSession.safeParse(JSON.parse(crypto.decryptString(blob)));
        if (parsed.success) return ok(parsed.data);
        log('stored session has an unexpected shape; discarding it');
      } catch (err) {
        // A file from another OS account or a changed keyring cannot be decrypted: forget it.
        log(`stored session could not be decrypted; discarding it (${String(err)})`);
      }
      await files.remove(file);
      return ok(null);
    },
    async save(session) {
      if (session === null) {
        await files.remove(file);
        return ok(null);
      }
      if (!secureStorageAvailable(crypto, platform)) {
        await files.remove(file); // never leave an older token behind either
        return fail('unsupported', NO_SECURE_STORAGE);
      }
      await files.write(file, crypto.encryptString(JSON.stringify(StoredSession.parse(session))));
      return ok(null);
    },
  };
}
