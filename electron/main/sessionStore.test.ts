import { describe, expect, it, vi } from 'vitest';
import {
  NO_SECURE_STORAGE,
  createSessionStore,
  type SafeStorageLike,
  type SessionFiles,
} from './sessionStore';

const SESSION = {
  serverUrl: 'http://127.0.0.1:4100',
  token: 'tok_' + 'x'.repeat(40),
  memberId: 'demo-buyer',
};

/** A reversible stand-in for OS encryption (XOR) so tests can tell cipher text from plain text. */
function fakeCrypto(available = true, backend = 'gnome_libsecret'): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    encryptString: (s) => xor(Buffer.from(s, 'utf8')),
    decryptString: (b) => xor(b).toString('utf8'),
    getSelectedStorageBackend: () => backend,
  };
}

function memFiles() {
  const store = new Map<string, Buffer>();
  const files: SessionFiles = {
    read: (f) => Promise.resolve(store.get(f) ?? null),
    write: (f, d) => {
      store.set(f, d);
      return Promise.resolve();
    },
    remove: (f) => {
      store.delete(f);
      return Promise.resolve();
    },
  };
  return { store, files };
}

const make = (crypto: SafeStorageLike, files: SessionFiles, platform = 'linux') =>
  createSessionStore({ file: '/u/session.bin', crypto, files, platform, log: vi.fn() });

describe('session store', () => {
  it('round-trips an encrypted session; the file never holds the token in clear', async () => {
    const { store, files } = memFiles();
    const s = make(fakeCrypto(), files);
    expect(await s.load()).toEqual({ ok: true, value: null });
    expect(await s.save(SESSION)).toEqual({ ok: true, value: null });
    expect(store.get('/u/session.bin')!.toString('utf8')).not.toContain(SESSION.token);
    expect(await s.load()).toEqual({ ok: true, value: SESSION });
    expect(await s.save(null)).toEqual({ ok: true, value: null });
    expect(store.size).toBe(0);
  });

  it('refuses to persist without encryption, says so, and removes an older file', async () => {
    const { store, files } = memFiles();
    store.set('/u/session.bin', Buffer.from('old'));
    const r = await make(fakeCrypto(false), files).save(SESSION);
    expect(r).toEqual({ ok: false, code: 'unsupported', message: NO_SECURE_STORAGE });
    expect(store.size).toBe(0);
  });

  it("treats Linux's basic_text backend (a hard-coded key) as no encryption", async () => {
    const { store, files } = memFiles();
    expect(await make(fakeCrypto(true, 'basic_text'), files, 'linux').save(SESSION)).toMatchObject({
      ok: false,
    });
    expect(store.size).toBe(0);
    // the backend question is Linux-only
    expect(await make(fakeCrypto(true, 'basic_text'), files, 'darwin').save(SESSION)).toMatchObject({
      ok: true,
    });
  });

  it('discards a file it cannot decrypt or that has the wrong shape', async () => {
    const { store, files } = memFiles();
    const crypto = fakeCrypto();
    store.set('/u/session.bin', Buffer.from('garbage'));
    expect(await make(crypto, files).load()).toEqual({ ok: true, value: null });
    expect(store.size).toBe(0);
    store.set('/u/session.bin', crypto.encryptString(JSON.stringify({ token: 1 })));
    expect(await make(crypto, files).load()).toEqual({ ok: true, value: null });
    expect(store.size).toBe(0);
  });
});
