import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Store } from './store';

/**
 * Migrations are plain SQL files `server/migrations/NNN_name.sql`, run in order of NNN, each in
 * its own transaction, recorded in `schema_migrations`. Ranges: 001–099 core, 100–199
 * translation, 200–299 evidence/attachments, 300–399 contact groups, 400–499 messages, 500–599
 * presence and privacy, 600–699 seller's desk, 700–709 store tuning, 710–719 the server at
 * scale (issue 9: 710 batch signatures' proofs, 711 kept once per batch, 712 a send's identity
 * as one key). Never edit an applied file; add a new one.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../../migrations', import.meta.url));

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const seen = new Map<number, string>();
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((file) => {
      const m = /^(\d{3})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!m?.[1] || !m[2]) throw new Error(`Migration file name must be NNN_name.sql: ${file}`);
      const version = Number(m[1]);
      const clash = seen.get(version);
      if (clash) throw new Error(`Two migrations share number ${m[1]}: ${clash} and ${file}`);
      seen.set(version, file);
      return { version, name: m[2], sql: readFileSync(`${dir}/${file}`, 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
}

/** Arbitrary constant: one advisory lock so two nodes starting together do not both migrate. */
const MIGRATION_LOCK = 7_346_001;

/** Applies every migration not yet recorded. Returns the versions applied now. */
export async function migrate(store: Store, migrations = loadMigrations()): Promise<number[]> {
  await store.exec(
    `create table if not exists schema_migrations (
       version integer primary key,
       name text not null,
       applied_at timestamptz not null default now()
     )`,
  );
  const applied: number[] = [];
  for (const m of migrations) {
    const done = await store.transaction(async (tx) => {
      await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const rows = await tx.query('select 1 from schema_migrations where version = $1', [m.version]);
      if (rows.length > 0) return false;
      await tx.exec(m.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}
