import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMigrations, MIGRATIONS_DIR } from './migrate';

describe('loadMigrations', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('orders the repository migrations by number, core first', () => {
    const ms = loadMigrations(MIGRATIONS_DIR);
    expect(ms[0]).toMatchObject({ version: 1, name: 'core' });
    expect(ms.map((m) => m.version)).toEqual([...ms.map((m) => m.version)].sort((a, b) => a - b));
  });

  it('refuses duplicate numbers and badly named files', async () => {
    dir = await mkdtemp(join(tmpdir(), 'tw-mig-'));
    await writeFile(join(dir, '002_b.sql'), 'select 1;');
    await writeFile(join(dir, '010_c.sql'), 'select 1;');
    await writeFile(join(dir, '001_a.sql'), 'select 1;');
    expect(loadMigrations(dir).map((m) => m.version)).toEqual([1, 2, 10]);
    await writeFile(join(dir, '002_again.sql'), 'select 1;');
    expect(() => loadMigrations(dir)).toThrow(/share number 002/);
    await rm(join(dir, '002_again.sql'));
    await writeFile(join(dir, '3_bad.sql'), 'select 1;');
    expect(() => loadMigrations(dir)).toThrow(/NNN_name/);
  });
});
