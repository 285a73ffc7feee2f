/**
 * A migrated, empty PGlite cluster to copy, instead of creating one per test.
 *
 * A new PGlite data directory runs initdb in WebAssembly: 8–40 s of CPU on this kind of machine,
 * against ~1–3 s to open an existing one. The suites start dozens of servers on fresh stores, so
 * they copy one cluster made once — by the server's own `openStore` (initdb + every migration),
 * closed cleanly — into each test's data directory. What a test then opens is byte for byte what a
 * first start would have left; the first start itself stays tested where it is the subject
 * (server/src/platform/db/*.test.ts, and e2e's demo server, which starts on an empty directory).
 *
 * The template lives in the OS temp directory under a name that hashes the migrations and PGlite's
 * version, so a changed migration makes a new one. Processes that race to make it each build their
 * own and rename it into place; the first rename wins and the others' copies are removed.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../server/src/platform/db';
import { loadMigrations } from '../../server/src/platform/db/migrate';

const PGLITE_VERSION = (
  JSON.parse(
    readFileSync(new URL('../../node_modules/@electric-sql/pglite/package.json', import.meta.url), 'utf8'),
  ) as { version: string }
).version;

function templateDir(): string {
  const hash = createHash('sha256').update(PGLITE_VERSION);
  for (const m of loadMigrations()) hash.update(`\0${m.version}\0${m.sql}`);
  return join(tmpdir(), `tradewind-pglite-template-${hash.digest('hex').slice(0, 16)}`);
}

let made: Promise<string> | undefined;

/** The template's path (`<dir>/pglite` as the server lays it out), made on first use. */
export function pgliteTemplate(): Promise<string> {
  made ??= (async () => {
    const dir = templateDir();
    if (existsSync(join(dir, 'pglite', 'PG_VERSION'))) return dir;
    const building = await mkdtemp(join(tmpdir(), 'tradewind-pglite-building-'));
    const store = await openStore({ dataDir: building });
    await store.close();
    try {
      renameSync(building, dir);
    } catch (err) {
      // Another process renamed its own first: use that one.
      rmSync(building, { recursive: true, force: true });
      if (!existsSync(join(dir, 'pglite', 'PG_VERSION'))) throw err;
    }
    return dir;
  })();
  return made;
}

/** Copies the template's migrated cluster into `dataDir` (which must not hold a store yet). */
export async function copyPgliteTemplate(dataDir: string): Promise<void> {
  const from = join(await pgliteTemplate(), 'pglite');
  const to = join(dataDir, 'pglite');
  if (existsSync(to)) throw new Error(`${to} exists: the template is for a new data directory only.`);
  cpSync(from, to, { recursive: true });
}
