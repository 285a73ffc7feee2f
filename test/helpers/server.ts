/**
 * Starts a real Tradewind server on port 0 for integration tests, on PGlite (a temporary data
 * directory holding a copy of a migrated empty cluster, ./pgliteTemplate.ts) or PostgreSQL (a fresh
 * database `tradewind_test_<random>`, dropped afterwards).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { expect } from 'vitest';
import { createServer, type ServerDeps, type TradewindServer } from '../../server/src/app';
import { openStore, type Store } from '../../server/src/platform/db';
import { attachmentsDirOf } from '../../server/src/features/attachments';
import { silentLogger } from '../../server/src/platform/logger';
import { loadOrCreateSigningKey, type SigningKey } from '../../server/src/platform/signing/signingKey';
import { copyPgliteTemplate } from './pgliteTemplate';

export type Backend = 'pglite' | 'postgres';

/** PostgreSQL of this workplace (trust auth). Override with TRADEWIND_TEST_PG. */
export const PG_ADMIN_URL = process.env.TRADEWIND_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_TEST_URL = process.env.TRADEWIND_TEST_REDIS ?? 'redis://127.0.0.1:6379';

const redisPrefixes = new Map<string, string>();

/**
 * The Redis prefix of the running test file's servers (several nodes of one file share it): keys
 * and channels of tests never meet a real deployment's (`tw:`) or another file's, and a suite can
 * check that it left nothing behind. Per file, not per module: the files of a worker share this
 * module (vitest.config.ts, `isolate: false`).
 */
export function testRedisPrefix(): string {
  const file = expect.getState().testPath ?? '';
  let prefix = redisPrefixes.get(file);
  if (prefix === undefined) {
    prefix = `tw-test:${randomBytes(4).toString('hex')}:`;
    redisPrefixes.set(file, prefix);
  }
  return prefix;
}

/** Backends every integration suite runs on. TRADEWIND_TEST_BACKENDS=pglite limits it. */
export const BACKENDS: Backend[] = (process.env.TRADEWIND_TEST_BACKENDS?.split(',') as
  Backend[] | undefined) ?? ['pglite', 'postgres'];

/** A database that exists for one test file. */
export interface TestDatabase {
  backend: Backend;
  dataDir: string;
  databaseUrl: string | undefined;
  dispose(): Promise<void>;
}

export async function createTestDatabase(backend: Backend): Promise<TestDatabase> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tradewind-test-'));
  if (backend === 'pglite') {
    await copyPgliteTemplate(dataDir);
    return {
      backend,
      dataDir,
      databaseUrl: undefined,
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `tradewind_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    backend,
    dataDir,
    databaseUrl: url.toString(),
    async dispose() {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestServer {
  server: TradewindServer;
  store: Store;
  url: string;
  signingKey: SigningKey;
  db: TestDatabase;
  /** Closes the server only (the store stays open), e.g. to restart on the same data. */
  stop(): Promise<void>;
  /** Closes server and store and drops the database. */
  close(): Promise<void>;
}

const UNLIMITED_SIGN_UPS = { burst: 1_000_000, perHour: 1_000_000 };
const UNLIMITED_SENDS = { perSecond: 0, burst: 0 };
/** The production backoff per member id and address; no ceiling for 127.0.0.1, which every test shares. */
const TEST_SIGN_IN_LIMITS = {
  freeFailures: 5,
  backoffBaseSec: 1,
  maxBackoffSec: 900,
  addressFailuresPerHour: 1_000_000,
};

/**
 * scrypt at 1/32 of the production cost (N = 2^10 instead of 2^15): ~400 sign-ups and their
 * sign-ins took ~70 s of the suite's CPU at the real cost. The real cost is what
 * server/src/features/auth/password.test.ts and the CLI's `user add` (cli.test.ts) exercise.
 */
export const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 };

export type TestServerOptions = Partial<Omit<ServerDeps, 'store' | 'signingKey'>> & {
  /** Re-use a database (e.g. a second node, or a restart); it is not dropped on close. */
  db?: TestDatabase;
};

export async function startTestServer(
  backend: Backend,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const ownDb = !options.db;
  const db = options.db ?? (await createTestDatabase(backend));
  const store = await openStore({ databaseUrl: db.databaseUrl, dataDir: db.dataDir });
  const signingKey = loadOrCreateSigningKey(join(db.dataDir, 'server-key.json'));
  // Every test signs up from 127.0.0.1: a sign-up limit per address would throttle whole suites.
  // A test of the limit passes its own `signUpLimit`; the same for the send limit.
  const server = await createServer({
    logger: silentLogger,
    signUpLimit: UNLIMITED_SIGN_UPS,
    sendLimit: UNLIMITED_SENDS,
    // Suites write to many new people from one account; the daily limit's test passes its own.
    newContactsPerDay: 0,
    signInLimits: TEST_SIGN_IN_LIMITS,
    passwordCost: TEST_PASSWORD_COST,
    redisPrefix: testRedisPrefix(),
    // As main.ts: files in the data directory on PGlite, bytes in the database on PostgreSQL.
    attachmentsDir: attachmentsDirOf({ DATABASE_URL: db.databaseUrl }, db.dataDir),
    ...options,
    store,
    signingKey,
  });
  const { url } = await server.listen(0);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await server.close();
  };
  return {
    server,
    store,
    url,
    signingKey,
    db,
    stop,
    async close() {
      await stop();
      await store.close();
      if (ownDb) await db.dispose();
    },
  };
}
