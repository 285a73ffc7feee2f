// @ts-check
/**
 * The embedded store's thread (pglite.ts starts it): PGlite — PostgreSQL compiled to
 * WebAssembly, which computes synchronously — runs here, so a batch of statements never holds the
 * socket thread (issue 9: event-loop delay p99 up to 2.3 s under load with PGlite on it).
 *
 * Plain JavaScript on purpose: a worker thread starts without the parent's TypeScript loader
 * (vitest runs the server in-process, `npm run server` through tsx), and this file needs nothing
 * but PGlite.
 *
 * Every crossing costs both threads a wake-up and a structured clone, so a request carries as
 * much as it can: a group commit is two messages, not one per statement. Messages in
 * (`workerData.dir` is the data directory); a statement is `{ sql, params }`, or `{ sql, exec:
 * true }` for a script without parameters:
 *
 *   { id, op: 'each', statements }   independent statements outside any transaction (the
 *                                    socket thread's queries of one event-loop turn): answers
 *                                    [{ rows } | { error }] per statement
 *   { id, op: 'run', statements, begin?, tx?, commit? }
 *                                    in order, stopping at the first failure; `begin` opens a
 *                                    transaction first (waiting for PGlite's lock), `tx` runs in
 *                                    open transaction `tx`, `commit` commits it after the last
 *                                    one. Answers { tx, rows: [rows per statement] }. A failure
 *                                    inside a transaction rolls it back and forgets it (on
 *                                    PostgreSQL too the transaction is then aborted).
 *   { id, op: 'end', tx, commit }    commits (or rolls back) transaction `tx`
 *   { id, op: 'close' }
 * Messages out: { ready: true } once open, { id, value } or { id, error: { message, ...fields } }.
 *
 * Transactions keep PGlite's own semantics: `db.transaction` holds its exclusive lock until the
 * transaction ends, and statements outside it wait for that, as they did when PGlite ran on the
 * socket thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, parse, protocol } from '@electric-sql/pglite';

if (!parentPort) throw new Error('pgliteWorker.mjs runs as a worker thread (pglite.ts).');
const port = parentPort;

/** Thrown inside a transaction's callback to make PGlite roll it back. */
const ROLLBACK = Symbol('rollback');

/**
 * @typedef {{ query: (sql: string, params?: unknown[]) => Promise<{ rows: unknown[] }>, exec: (sql: string) => Promise<unknown> }} Queryable
 * @typedef {{ q: Queryable, end: (commit: boolean) => void, done: Promise<void> }} OpenTx
 * @typedef {{ sql: string, params?: unknown[], exec?: boolean }} Statement
 */

/** @type {Map<number, OpenTx>} */
const open = new Map();
let nextTx = 1;

/** @param {unknown} err */
function serialise(err) {
  if (err && typeof err === 'object') {
    const e = /** @type {Record<string, unknown>} */ (err);
    /** @type {Record<string, unknown>} */
    const fields = {};
    // PostgreSQL's error fields (code, detail, constraint…) are own properties of PGlite's error.
    for (const [k, v] of Object.entries(e)) if (v === null || typeof v !== 'object') fields[k] = v;
    return { ...fields, message: String(e.message ?? err), name: String(e.name ?? 'Error') };
  }
  return { message: String(err), name: 'Error' };
}

const db = await PGlite.create(/** @type {{ dir: string }} */ (workerData).dir);

/**
 * Opens a transaction once PGlite's lock is ours; it stays open until `settle` ends it.
 * @returns {Promise<number>}
 */
function begin() {
  return new Promise((started, failed) => {
    /** @type {(commit: boolean) => void} */
    let end = () => undefined;
    const ended = new Promise((resolve) => (end = resolve));
    /** @type {OpenTx} */
    const entry = { q: db, end, done: Promise.resolve() };
    entry.done = db
      .transaction(async (tx) => {
        entry.q = tx;
        const n = nextTx++;
        open.set(n, entry);
        started(n);
        if (!(await ended)) throw ROLLBACK;
      })
      .then(
        () => undefined,
        (err) => {
          if (err !== ROLLBACK) throw err;
        },
      );
    // A failure before the callback ran (BEGIN itself) fails the request; after it, `settle` reports it.
    entry.done.catch(failed);
  });
}

/**
 * Ends transaction `n`: commits or rolls back, and resolves once PGlite has done so.
 * @param {number} n
 * @param {boolean} commit
 */
async function settle(n, commit) {
  const t = open.get(n);
  if (!t) throw new Error(`No open transaction ${n}.`);
  open.delete(n);
  t.end(commit);
  await t.done;
}

/**
 * @param {Queryable} q
 * @param {Statement} s
 */
async function one(q, s) {
  if (s.exec) {
    await q.exec(s.sql);
    return [];
  }
  return (await q.query(s.sql, s.params ?? [])).rows;
}

/**
 * A parameter as node-postgres sends it (the SQL is written for both stores, so it already
 * casts what it needs): text with no declared type, PostgreSQL infers it from the statement.
 * @param {unknown} v
 * @returns {string | null}
 */
function textParam(v) {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return arrayLiteral(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** @param {unknown[]} a */
function arrayLiteral(a) {
  const items = a.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    const t = textParam(v) ?? '';
    return `"${t.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}

/**
 * Whether `statements` can go to PGlite as one pipeline: parameterised, and no bytes among the
 * parameters (bytea goes through PGlite's own typed serialisers).
 * @param {Statement[]} statements
 */
function pipelinable(statements) {
  return statements.every(
    (s) => !s.exec && (s.params ?? []).every((p) => !(p instanceof Uint8Array) && !ArrayBuffer.isView(p)),
  );
}

/**
 * Named prepared statements of this session, by SQL text, least recently used first: the
 * transactions' statements are a fixed set (the group commit's four…), so each is parsed,
 * analysed and planned once, not at every commit (then PostgreSQL's plan cache keeps a generic
 * plan when it costs no more). Bounded: past `MAX_PREPARED` the least recently used is closed.
 * @type {Map<string, string>}
 */
const prepared = new Map();
const MAX_PREPARED = 256;
let nextName = 1;

/** @param {Uint8Array[]} parts */
function concat(parts) {
  const message = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    message.set(p, at);
    at += p.length;
  }
  return message;
}

/**
 * Closes named statements (Close of a name never parsed is no error) — outside any pipeline,
 * under PGlite's query lock.
 * @param {string[]} names
 */
async function closeStatements(names) {
  if (names.length === 0) return;
  const { serialize } = protocol;
  const message = concat([...names.map((name) => serialize.close({ type: 'S', name })), serialize.sync()]);
  await db.runExclusive(() => db.execProtocol(message, { syncToFs: false }));
}

/**
 * Runs the statements of one request inside the open transaction as ONE pipeline of the
 * extended protocol (Bind, Describe, Execute per statement — Parse too the first time a statement
 * is seen — then one Sync): one call into PGlite's WebAssembly instead of six per statement
 * (`query` parses, describes the parameters, binds, describes, executes and syncs, each a call of
 * its own: ~220 µs of CPU for `select 1`), and no parsing or planning of a statement already
 * prepared (issue 9). The first failure skips the rest (PostgreSQL discards up to the Sync) and
 * fails the request, as `query` one by one would; the names it parsed are closed (prepared
 * statements outlive a rollback, and one parsed in a failed pipeline is not trusted). Results are
 * parsed by PGlite's own parser, so rows come back exactly as `query` returns them.
 * @param {Statement[]} statements
 * @returns {Promise<unknown[][]>}
 */
async function pipeline(statements) {
  const { serialize } = protocol;
  /** @type {Uint8Array[]} */
  const parts = [];
  /** New names of this pipeline, by SQL text (a statement twice in it is parsed once). */
  /** @type {Map<string, string>} */
  const fresh = new Map();
  for (const s of statements) {
    let name = prepared.get(s.sql) ?? fresh.get(s.sql);
    if (name === undefined) {
      name = `tw${nextName++}`;
      fresh.set(s.sql, name);
      parts.push(serialize.parse({ name, text: s.sql }));
    } else if (prepared.has(s.sql)) {
      // Most recently used last.
      prepared.delete(s.sql);
      prepared.set(s.sql, name);
    }
    parts.push(
      serialize.bind({ statement: name, values: (s.params ?? []).map(textParam) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
    );
  }
  parts.push(serialize.sync());
  let messages;
  try {
    // PGlite's query lock, as a transaction's own `query` takes it (the transaction lock is held).
    ({ messages } = await db.runExclusive(() => db.execProtocol(concat(parts), { syncToFs: false })));
  } catch (err) {
    await closeStatements([...fresh.values()]).catch(() => undefined);
    throw err;
  }
  for (const [sql, name] of fresh) prepared.set(sql, name);
  const evicted = [];
  for (const [sql, name] of prepared) {
    if (prepared.size <= MAX_PREPARED) break;
    prepared.delete(sql);
    evicted.push(name);
  }
  await closeStatements(evicted);
  const results = parse.parseResults(messages, /** @type {any} */ (db).parsers, {});
  if (results.length !== statements.length)
    throw new Error(`PGlite answered ${results.length} results for ${statements.length} statements.`);
  return results.map((r) => r.rows);
}

/**
 * @param {{ statements: Statement[], begin?: boolean, tx?: number, commit?: boolean }} m
 */
async function run(m) {
  const n = m.begin ? await begin() : m.tx;
  /** @type {Queryable} */
  let q = db;
  if (n !== undefined) {
    const t = open.get(n);
    if (!t) throw new Error(`No open transaction ${n}.`);
    q = t.q;
  }
  /** @type {unknown[][]} */
  let rows = [];
  try {
    if (n !== undefined && m.statements.length > 0 && pipelinable(m.statements))
      rows = await pipeline(m.statements);
    else for (const s of m.statements) rows.push(await one(q, s));
  } catch (err) {
    if (n !== undefined) await settle(n, false).catch(() => undefined);
    throw err;
  }
  if (n !== undefined && m.commit) await settle(n, true);
  return { tx: n, rows };
}

/**
 * @param {{ id: number, op: string, statements?: Statement[], begin?: boolean, tx?: number, commit?: boolean }} m
 * @returns {Promise<unknown>}
 */
async function handle(m) {
  switch (m.op) {
    case 'each':
      // Queued on PGlite's lock in this order, one after another, each answered for itself.
      return Promise.all(
        (m.statements ?? []).map((s) =>
          one(db, s).then(
            (rows) => ({ rows }),
            (err) => ({ error: serialise(err) }),
          ),
        ),
      );
    case 'run':
      return run({ ...m, statements: m.statements ?? [] });
    case 'end':
      await settle(/** @type {number} */ (m.tx), m.commit === true);
      return null;
    case 'close':
      await db.close();
      return null;
    default:
      throw new Error(`Unknown operation ${m.op}.`);
  }
}

port.on('message', (/** @type {{ id: number, op: string }} */ m) => {
  handle(m).then(
    (value) => port.postMessage({ id: m.id, value }),
    (err) => port.postMessage({ id: m.id, error: serialise(err) }),
  );
});
port.postMessage({ ready: true });
