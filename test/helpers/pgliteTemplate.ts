/**
 * A migrated, empty PGlite cluster to copy, instead of creating one per test.
 *
 * A new PGlite data directory runs initdb in WebAssembly: 4–5 s of CPU, 18–40 s of wall time on a busy machine of this kind,
 * against ~1–3 s to open an existing one. The suites start dozens of servers on fresh stores, so
 * they copy one cluster made once — by the server's own `openStore` (initdb + every migration),
 * closed cleanly — into each test's data directory. What a test then opens is byte for byte what a
 * first start would have left; the first start itself stays tested where it is the subject
 * (server/src/platform/db/*.test.ts, and e2e's demo server, which starts on an empty directory).
 *
 * The template lives in node_modules/.cache/tradewind-pglite under a name that hashes the
 * migrations, PGlite's version and the code that opens and migrates the store, so a change to any
 * of them makes a new one. Processes that race to make it each build their
 * own and rename it into place; the first rename wins and the others' copies are removed.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../server/src/platform/db';
import { loadMigrations } from '../../server/src/platform/db/migrate';

const ROOT = new URL('../../', import.meta.url);
/** What makes the cluster besides the migrations: PGlite itself and the code that opens and migrates it. */
const MAKERS = [
  'node_modules/@electric-sql/pglite/package.json',
  'server/src/platform/db/pglite.ts',
  'server/src/platform/db/pgliteWorker.mjs',
  'server/src/platform/db/migrate.ts',
  'server/src/platform/db/index.ts',
];
/** In the project's own cache, not the shared temp directory, where another account could plant one. */
const CACHE = fileURLToPath(new URL('node_modules/.cache/tradewind-pglite/', ROOT));

function templateDir(): string {
  const hash = createHash('sha256');
  for (const file of MAKERS) hash.update(`\0${file}\0`).update(readFileSync(new URL(file, ROOT)));
  for (const m of loadMigrations()) hash.update(`\0${m.version}\0${m.sql}`);
  return join(CACHE, hash.digest('hex').slice(0, 16));
}

let made: Promise<string> | undefined;

/** The template's path (`<dir>/pglite` as the server lays it out), made on first use. */
export function pgliteTemplate(): Promise<string> {
  made ??= (async () => {
    const dir = templateDir();
    if (existsSync(join(dir, 'pglite', 'PG_VERSION'))) return dir;
    // Built beside its final place (one file system for the rename). A builder killed half-way
    // leaves a `building-*` directory: the next build removes those over an hour old (a younger one
    // may be another runner's, building now).
    mkdirSync(CACHE, { recursive: true });
    for (const old of readdirSync(CACHE)) {
      const path = join(CACHE, old);
      if (old.startsWith('building-') && Date.now() - statSync(path).mtimeMs > 3_600_000)
        rmSync(path, { recursive: true, force: true });
    }
    const building = mkdtempSync(join(CACHE, 'building-'));
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
