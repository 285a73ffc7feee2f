import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/server';
import { runCli, startCli, type RunningServer } from '../helpers/process';
import { call, closeAll, connect } from '../helpers/client';
import { openStore } from '../../server/src/platform/db';
import { DEFAULT_SCRYPT } from '../../server/src/features/auth';

// Each step spawns a process that loads tsx, the server and (for PGlite) a WebAssembly
// PostgreSQL: allow minutes on a loaded 2-core machine.
const SLOW = 240_000;

describe.each(BACKENDS)('operator CLI on %s', (backend) => {
  let db: TestDatabase;
  let running: RunningServer | undefined;
  let env: Record<string, string | undefined>;
  beforeAll(async () => {
    db = await createTestDatabase(backend);
    // Env fallbacks: the data dir and database come from the environment.
    env = { TRADEWIND_DATA_DIR: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', REDIS_URL: '', PORT: '0' };
  });
  afterAll(async () => {
    await running?.stop('SIGKILL');
    await db?.dispose();
  });

  it(
    'adds and lists users',
    async () => {
      const added = await runCli(
        [
          'user',
          'add',
          '--id',
          'sz-lamps',
          '--name',
          'Wang Fang',
          '--password',
          'lamps-lamps-lamps',
          '--role',
          'seller',
          '--tz',
          'Asia/Shanghai',
          '--lang',
          'zh',
          '--company',
          'Shenzhen Lamps',
          '--country',
          'CN',
        ],
        env,
      );
      expect(added.stderr).toBe('');
      expect(added.code).toBe(0);
      expect(JSON.parse(added.stdout)).toMatchObject({
        event: 'user-added',
        user: {
          memberId: 'sz-lamps',
          displayName: 'Wang Fang',
          role: 'seller',
          profile: { timeZone: 'Asia/Shanghai', languages: ['zh'], country: 'CN' },
        },
      });
      const dup = await runCli(
        [
          'user',
          'add',
          '--id',
          'sz-lamps',
          '--name',
          'X',
          '--password',
          'lamps-lamps-lamps',
          '--role',
          'seller',
        ],
        env,
      );
      expect(dup.code).toBe(2);
      expect(dup.stderr).toContain('taken');
      const badTz = await runCli(
        [
          'user',
          'add',
          '--id',
          'bad-tz',
          '--name',
          'X',
          '--password',
          'lamps-lamps-lamps',
          '--tz',
          'Nowhere/City',
        ],
        env,
      );
      expect(badTz.code).toBe(2);
      expect(badTz.stderr).toContain('time zone');

      const list = await runCli(['user', 'list'], env);
      expect(list.code).toBe(0);
      expect(list.stdout).toMatch(/MEMBER ID\s+NAME/);
      expect(list.stdout).toMatch(/sz-lamps\s+Wang Fang\s+seller\s+Asia\/Shanghai/);
      const json = await runCli(['user', 'list', '--json'], env);
      expect(
        json.stdout
          .trim()
          .split('\n')
          .map((l) => (JSON.parse(l) as { memberId: string }).memberId),
      ).toEqual(['sz-lamps']);

      // The operator's accounts get scrypt's production cost (the other suites' servers use a cheaper one).
      const store = await openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
      try {
        const [row] = await store.query<{ password_hash: string }>(
          `select password_hash from users where member_id = 'sz-lamps'`,
        );
        const { N, r, p } = DEFAULT_SCRYPT;
        expect(row?.password_hash.startsWith(`scrypt$${N}$${r}$${p}$`)).toBe(true);
      } finally {
        await store.close();
      }
    },
    SLOW,
  );

  it(
    'starts, prints one listening line, serves, and stops gracefully on SIGTERM',
    async () => {
      running = await startCli(['--port', '0', '--host', '127.0.0.1'], env, SLOW / 3);
      expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(running.stdout).toEqual([JSON.stringify({ event: 'listening', url: running.url })]);
      const health = (await (await fetch(`${running.url}/healthz`)).json()) as { db: string };
      expect(health.db).toBe(backend);
      // The user added by the CLI signs in over the socket.
      const s = await connect(running.url);
      const session = await call(s, 'auth:signIn', { memberId: 'sz-lamps', password: 'lamps-lamps-lamps' });
      expect(session.user.displayName).toBe('Wang Fang');
      closeAll(s);
      const key1 = await (await fetch(`${running.url}/.well-known/tradewind/server-key.json`)).text();
      expect(await running.stop('SIGTERM')).toBe(0);

      // The key file is private and survives a restart; so does the session token.
      expect((await stat(join(db.dataDir, 'server-key.json'))).mode & 0o777).toBe(0o600);
      running = await startCli(['--port', '0'], env, SLOW / 3);
      expect(await (await fetch(`${running.url}/.well-known/tradewind/server-key.json`)).text()).toBe(key1);
      const resumed = await connect(running.url, session.token);
      expect((await call(resumed, 'profile:get', {})).memberId).toBe('sz-lamps');
      closeAll(resumed);
      expect(await running.stop('SIGINT')).toBe(0);
      running = undefined;
    },
    SLOW,
  );

  it(
    'refuses unknown options with a usage error',
    async () => {
      const r = await runCli(['--prot', '1'], env);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('--prot');
    },
    SLOW,
  );

  it(
    'refuses a commit pipeline that would take every pooled connection, naming both settings',
    async () => {
      const r = await runCli([], { ...env, DATABASE_POOL_SIZE: '2', TRADEWIND_COMMIT_PIPELINE: '2' });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain('TRADEWIND_COMMIT_PIPELINE (2) must be below DATABASE_POOL_SIZE (2)');
    },
    SLOW,
  );
});
