/**
 * The operator CLI (`npm run server -- …`, run by tsx).
 *
 *   npm run server -- [--port 4100] [--data ./.tradewind] [--host 127.0.0.1] [--demo] [--static dist/renderer]
 *     starts a node; prints exactly one JSON line on stdout once listening:
 *     {"event":"listening","url":"http://127.0.0.1:4100"}   (logs go to stderr)
 *   npm run server -- user add --id <memberId> --name <name> --password <pw> --role seller
 *                              --tz Asia/Shanghai --lang zh [--lang en] [--company ..] [--country CN]
 *   npm run server -- user list [--json]
 *   npm run server -- evidence export --conversation <id> --out <file> [--order <no>]  (server/src/features/evidence/cli.ts)
 *   npm run server -- translation usage [--month YYYY-MM] [--data <dir>]      (server/src/features/translation/cli.ts)
 *   npm run server -- translation budget --user <id> (--chars <n> | --clear) [--data <dir>]
 *   npm run server -- seed history --between <buyer>,<seller> --messages <n> [--unread <n>] [--password <pw>] [--data <dir>]
 *   npm run server -- seed seller --seller <id> --conversations <n> [--messages <n>] [--unread <n>] [--password <pw>] [--data <dir>]
 *     long histories for operators and benchmarks, chained and signed like live messages (server/src/demo/history.ts)
 *
 * Environment fallbacks: PORT, HOST, TRADEWIND_DATA_DIR, DATABASE_URL, DATABASE_POOL_SIZE, REDIS_URL,
 * TRADEWIND_SIGNING_KEY_FILE, TRADEWIND_STATIC_DIR, TRADEWIND_RELEASES_DIR, LOG_LEVEL.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SignUpRequest } from '../../shared/protocol';
import { AppError } from '../../shared/result';
import { createServer, DEFAULT_SEND_LIMIT } from './app';
import { DEFAULT_POOL_SIZE, openStore, type Store } from './platform/db';
import { demoFeature } from './demo/feature';
import { seedDemo } from './demo/seed';
import { seedHistory, seedSeller } from './demo/history';
import { defaultFeatures } from './features';
import { EVIDENCE_USAGE, evidenceCommand } from './features/evidence';
import { attachmentsDirOf } from './features/attachments';
import { createJsonLogger, type LogLevel } from './platform/logger';
import { translationCommand } from './features/translation';
import { releasesFeature } from './features/releases';
import {
  createUser,
  DEFAULT_SIGN_IN_LIMITS,
  DEFAULT_SIGN_UP_LIMIT,
  listUsers,
  toPublicUser,
} from './features/auth';
import { loadOrCreateSigningKey } from './platform/signing/signingKey';
import { allowedOriginsOf } from './platform/http/origin';
import { publicUrlOf } from './platform/publicUrl';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function usage(): string {
  return [
    'Usage:',
    '  npm run server -- [--port 4100] [--data ./.tradewind] [--host 127.0.0.1] [--demo] [--static dist/renderer]',
    '  npm run server -- user add --id <memberId> --name <name> --password <pw> --role buyer|seller --tz <IANA zone> --lang <code> [--company <name>] [--country <CC>]',
    '  npm run server -- user list [--json]',
    EVIDENCE_USAGE,
    '  npm run server -- translation usage [--month YYYY-MM] [--data <dir>]',
    '  npm run server -- translation budget --user <memberId> (--chars <n> | --clear) [--data <dir>]',
    '  npm run server -- seed history --between <buyer>,<seller> --messages <n> [--unread <n>] [--password <pw>] [--data <dir>]',
    '  npm run server -- seed seller --seller <memberId> --conversations <n> [--messages <n>] [--unread <n>] [--password <pw>] [--data <dir>]',
  ].join('\n');
}

function dataDirOf(value: string | undefined): string {
  return resolve(value ?? process.env.TRADEWIND_DATA_DIR ?? './.tradewind');
}

async function withStore<T>(dataDir: string, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      demo: { type: 'boolean', default: false },
      static: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(`${usage()}\n`);
    return;
  }
  const port = Number(values.port ?? process.env.PORT ?? 4100);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`Not a port: ${values.port ?? process.env.PORT}`);
  const host = values.host ?? process.env.HOST ?? '127.0.0.1';
  const dataDir = dataDirOf(values.data);
  const logger = createJsonLogger((process.env.LOG_LEVEL as LogLevel | undefined) ?? 'info');
  const staticCandidate = values.static ?? process.env.TRADEWIND_STATIC_DIR ?? join(ROOT, 'dist', 'renderer');
  const staticDir = existsSync(join(staticCandidate, 'index.html')) ? resolve(staticCandidate) : null;
  if (!staticDir) logger.info('no built renderer to serve (browser mode off)', { looked: staticCandidate });

  const poolSize = positiveIntegerEnv('DATABASE_POOL_SIZE') ?? DEFAULT_POOL_SIZE;
  const commitPipeline = positiveIntegerEnv('TRADEWIND_COMMIT_PIPELINE');
  // Each group commit in flight holds a connection: leave at least one for everything else.
  if (commitPipeline !== undefined && commitPipeline >= poolSize)
    throw new Error(
      `TRADEWIND_COMMIT_PIPELINE (${commitPipeline}) must be below DATABASE_POOL_SIZE (${poolSize}): each group commit in flight holds a connection.`,
    );
  const store = await openStore({ databaseUrl: process.env.DATABASE_URL, dataDir, poolSize });
  const signingKey = loadOrCreateSigningKey(
    process.env.TRADEWIND_SIGNING_KEY_FILE ?? join(dataDir, 'server-key.json'),
  );
  // The demo route is always there: without --demo it answers 204 ("no demo session here"), so
  // a browser-mode start never meets a 404 (issue 12: a clean console).
  const features = [...defaultFeatures(), demoFeature()];
  // The desktop app's update feed (features/releases), when the operator hosts it here.
  const releasesDir = process.env.TRADEWIND_RELEASES_DIR;
  if (releasesDir) features.push(releasesFeature(resolve(releasesDir)));
  const server = await createServer({
    store,
    signingKey,
    logger,
    staticDir,
    redisUrl: process.env.REDIS_URL ?? null,
    publicUrl: publicUrlOf(process.env.TRADEWIND_PUBLIC_URL),
    allowedOrigins: allowedOriginsOf(process.env.TRADEWIND_ALLOWED_ORIGINS),
    redisPrefix: process.env.REDIS_PREFIX || undefined,
    metricsToken: process.env.TRADEWIND_METRICS_TOKEN || null,
    attachmentsDir: attachmentsDirOf(process.env, dataDir),
    commitPipeline,
    sendLimit: {
      perSecond: nonNegativeEnv('TRADEWIND_SEND_RATE') ?? DEFAULT_SEND_LIMIT.perSecond,
      burst: nonNegativeEnv('TRADEWIND_SEND_BURST') ?? DEFAULT_SEND_LIMIT.burst,
    },
    signInLimits: {
      ...DEFAULT_SIGN_IN_LIMITS,
      addressFailuresPerHour:
        positiveEnv('TRADEWIND_SIGNIN_FAILURES_PER_ADDRESS') ?? DEFAULT_SIGN_IN_LIMITS.addressFailuresPerHour,
    },
    sessionIdleDays: positiveEnv('TRADEWIND_SESSION_IDLE_DAYS'),
    signUpLimit: {
      burst: positiveEnv('TRADEWIND_SIGNUP_BURST') ?? DEFAULT_SIGN_UP_LIMIT.burst,
      perHour: positiveEnv('TRADEWIND_SIGNUP_PER_HOUR') ?? DEFAULT_SIGN_UP_LIMIT.perHour,
    },
    editWindowMinutes: positiveEnv('TRADEWIND_EDIT_WINDOW_MINUTES'),
    newContactsPerDay: nonNegativeEnv('TRADEWIND_NEW_CONTACTS_PER_DAY'),
    features,
    demo: values.demo,
  });
  if (values.demo) await seedDemo(server.ctx);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server
      .close()
      .then(() => store.close())
      .then(
        () => process.exit(0),
        (err: unknown) => {
          logger.error('shutdown failed', { err });
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  const { url } = await server.listen(port, host);
  process.stdout.write(`${JSON.stringify({ event: 'listening', url })}\n`);
}

async function userCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  if (sub === 'list') {
    const { values } = parseArgs({
      args: rest,
      options: { data: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    const users = await withStore(dataDirOf(values.data), (store) => listUsers(store));
    if (values.json) {
      for (const u of users) process.stdout.write(`${JSON.stringify(toPublicUser(u))}\n`);
      return;
    }
    const rows = users.map((u) => [
      u.member_id,
      u.display_name,
      u.role,
      u.time_zone,
      u.languages.join(','),
      u.company,
    ]);
    const header = ['MEMBER ID', 'NAME', 'ROLE', 'TIME ZONE', 'LANGS', 'COMPANY'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
    for (const r of [header, ...rows])
      process.stdout.write(
        `${r
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join('  ')
          .trimEnd()}\n`,
      );
    return;
  }
  if (sub === 'add') {
    const { values } = parseArgs({
      args: rest,
      options: {
        data: { type: 'string' },
        id: { type: 'string' },
        name: { type: 'string' },
        password: { type: 'string' },
        role: { type: 'string', default: 'buyer' },
        tz: { type: 'string', default: 'UTC' },
        lang: { type: 'string', multiple: true },
        company: { type: 'string', default: '' },
        country: { type: 'string', default: '' },
      },
    });
    // The same validation as a sign-up over the socket.
    const parsed = SignUpRequest.safeParse({
      memberId: values.id,
      displayName: values.name,
      password: values.password,
      role: values.role,
      profile: {
        company: values.company,
        country: values.country,
        timeZone: values.tz,
        languages: values.lang ?? [],
      },
    });
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new AppError('bad_request', `${i?.path.join('.') || 'input'}: ${i?.message ?? 'invalid'}`);
    }
    const p = parsed.data;
    const row = await withStore(dataDirOf(values.data), (store) =>
      createUser(
        store,
        {
          memberId: p.memberId,
          displayName: p.displayName,
          password: p.password,
          role: p.role,
          profile: p.profile,
        },
        new Date(),
      ),
    );
    process.stdout.write(`${JSON.stringify({ event: 'user-added', user: toPublicUser(row) })}\n`);
    return;
  }
  throw new AppError('bad_request', `Unknown user command "${sub ?? ''}".\n${usage()}`);
}

/** `translation usage|budget …`: the store is opened here; `--data` is taken out before the command parses the rest. */
async function translation(argv: string[]): Promise<void> {
  const i = argv.findIndex((a) => a === '--data' || a.startsWith('--data='));
  let data: string | undefined;
  const rest = [...argv];
  if (i >= 0) {
    const arg = rest[i] ?? '';
    if (arg.startsWith('--data=')) {
      data = arg.slice('--data='.length);
      rest.splice(i, 1);
    } else {
      data = rest[i + 1];
      rest.splice(i, 2);
    }
  }
  const code = await withStore(dataDirOf(data), (store) => translationCommand(rest, store));
  if (code !== 0) process.exitCode = code;
}

/** `seed history|seller …`: long, chained and signed histories (server/src/demo/history.ts). */
async function seedCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      data: { type: 'string' },
      between: { type: 'string' },
      seller: { type: 'string' },
      conversations: { type: 'string' },
      messages: { type: 'string' },
      unread: { type: 'string', default: '0' },
      password: { type: 'string', default: 'correct horse battery' },
    },
    strict: true,
  });
  const count = (name: string, raw: string | undefined, fallback?: number): number => {
    const n = raw === undefined ? fallback : Number(raw);
    if (n === undefined || !Number.isInteger(n) || n < 0)
      throw new AppError('bad_request', `--${name} must be a whole number.\n${usage()}`);
    return n;
  };
  const dataDir = dataDirOf(values.data);
  const key = loadOrCreateSigningKey(
    process.env.TRADEWIND_SIGNING_KEY_FILE ?? join(dataDir, 'server-key.json'),
  );
  const now = new Date();
  const unread = count('unread', values.unread);
  const report = await withStore(dataDir, async (store) => {
    if (sub === 'history') {
      const [a, b] = (values.between ?? '').split(',');
      if (!a || !b) throw new AppError('bad_request', `--between needs two member ids: a,b.\n${usage()}`);
      const messages = count('messages', values.messages);
      return seedHistory(store, key, { a, b, messages, unread, password: values.password, now });
    }
    if (sub === 'seller') {
      if (!values.seller) throw new AppError('bad_request', `--seller is required.\n${usage()}`);
      return seedSeller(store, key, {
        seller: values.seller,
        conversations: count('conversations', values.conversations),
        perConversation: count('messages', values.messages, 3),
        unread,
        password: values.password,
        now,
      });
    }
    throw new AppError('bad_request', `Unknown seed command "${sub ?? ''}".\n${usage()}`);
  });
  process.stdout.write(`${JSON.stringify({ event: 'seeded', ...report })}\n`);
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'user') return userCommand(argv.slice(1));
  if (argv[0] === 'evidence') return evidenceCommand(argv.slice(1));
  if (argv[0] === 'translation') return translation(argv.slice(1));
  if (argv[0] === 'seed') return seedCommand(argv.slice(1));
  return serve(argv);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`tradewind: ${message}\n`);
  process.exit(err instanceof AppError ? 2 : 1);
});

/** A positive whole number from the environment, or undefined when unset; anything else stops the start. */
function positiveIntegerEnv(name: string): number | undefined {
  const value = positiveEnv(name);
  if (value !== undefined && !Number.isInteger(value))
    throw new Error(`${name} must be a whole number, not "${process.env[name]}".`);
  return value;
}

/** A positive number from the environment, or undefined when unset; anything else stops the start. */
function positiveEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not "${raw}".`);
  return value;
}

/** A number ≥ 0 from the environment (0 = off), or undefined when unset; anything else stops the start. */
function nonNegativeEnv(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0, not "${raw}".`);
  return value;
}
