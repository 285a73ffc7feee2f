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
 *                                    transaction first (waiting for the lock), `tx` runs in
 *                                    open transaction `tx`, `commit` commits it after the last
 *                                    one. Answers { tx, rows: [rows per statement] }. A failure
 *                                    inside a transaction rolls it back and forgets it (on
 *                                    PostgreSQL too the transaction is then aborted).
 *   { id, op: 'end', tx, commit }    commits (or rolls back) transaction `tx`
 *   { id, op: 'close' }
 * Messages out: { ready: true } once open, { id, value } or { id, error: { message, ...fields } }.
 *
 * Transactions keep the semantics of PGlite's own `transaction`: one at a time, holding the
 * thread's lock until it ends, and statements outside wait for that, as they did when PGlite ran
 * on the socket thread. Every statement with parameters runs as a named prepared statement, in
 * one call into PGlite's WebAssembly per request: a transaction's statements (`inTransaction`) and
 * lookups that each stand alone (`each`, `eachAlone`); only a batch outside a transaction, which
 * stops at its first failure, makes one call per statement (`run`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, parse, protocol } from '@electric-sql/pglite';

if (!parentPort) throw new Error('pgliteWorker.mjs runs as a worker thread (pglite.ts).');
const port = parentPort;

/**
 * @typedef {{ sql: string, params?: unknown[], exec?: boolean }} Statement
 * @typedef {{ name: string }} Message
 * @typedef {{ rows: unknown[] } | { error: Error, parsed?: boolean }} Answer
 */

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
const { serialize } = protocol;

/**
 * PGlite's one session belongs to this thread alone, so the thread keeps its own lock rather than
 * PGlite's (`transaction`, `query`): a transaction holds it from its BEGIN until it ends, and a
 * request outside transactions holds it while its statements run — so statements outside wait
 * for an open transaction to end, as they did with PGlite's own transaction lock. FIFO.
 */
let tail = Promise.resolve();
/**
 * @param {number[]} [stamps] while tracing: gets the time the lock was taken
 * @returns {Promise<() => void>} resolves with the release once the lock is ours
 */
function acquire(stamps) {
  /** @type {() => void} */
  let release = () => undefined;
  const released = new Promise((r) => (release = () => r(undefined)));
  const ours = tail.then(() => {
    stamps?.push(clock());
    return release;
  });
  tail = tail.then(() => released);
  return ours;
}

/** Open transactions: their number, and the release of the lock they hold. */
/** @type {Map<number, () => void>} */
const open = new Map();
let nextTx = 1;

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
 * Whether `s` can go to PGlite as named prepared statement in a pipeline: no bytes among its
 * parameters (bytea goes through PGlite's own typed serialisers, `query`).
 * @param {Statement} s
 */
const pipelinable = (s) =>
  (s.params ?? []).every((p) => !(p instanceof Uint8Array) && !ArrayBuffer.isView(p));

/**
 * Named prepared statements of this session, by SQL text, least recently used first: the
 * server's statements are a fixed set (the group commit's four, the send path's lookups,
 * sign-ins…), so each is parsed, analysed and planned once, not at every call (then PostgreSQL's
 * plan cache keeps a generic plan when it costs no more). Bounded: past `MAX_PREPARED` the least
 * recently used is closed.
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
 * Sends `parts` (protocol messages) to PGlite in one call into its WebAssembly and answers the
 * backend's messages — errors among them, not thrown. The caller holds the lock.
 * @param {Uint8Array[]} parts
 * @returns {Promise<Message[]>}
 */
async function send(parts) {
  return /** @type {Message[]} */ (
    await db.execProtocolStream(concat(parts), { syncToFs: false, throwOnError: false })
  );
}

/**
 * Closes named statements (Close of a name never parsed is no error). The caller holds the lock.
 * @param {string[]} names
 */
async function closeStatements(names) {
  if (names.length === 0) return;
  await send([...names.map((name) => serialize.close({ type: 'S', name })), serialize.sync()]);
}

/**
 * Builds the extended protocol messages of `statements` as named prepared statements (Bind,
 * Describe, Execute — Parse too the first time a statement is seen), with a Sync after each
 * (`syncEach`: each statement stands alone, its own implicit transaction) or none (the caller
 * adds one: one pipeline, where the first failure skips the rest). A statement twice is parsed
 * once. Answers the messages and the names parsed in them.
 * @param {Statement[]} statements
 * @param {boolean} syncEach
 */
function build(statements, syncEach) {
  /** @type {Uint8Array[]} */
  const parts = [];
  /** New names, by SQL text. @type {Map<string, string>} */
  const fresh = new Map();
  /** Each statement's name. @type {string[]} */
  const names = [];
  for (const s of statements) {
    if (s.exec) {
      // A script without parameters: a simple Query, which ends in its own ReadyForQuery.
      parts.push(serialize.query(s.sql));
      names.push('');
      continue;
    }
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
    names.push(name);
    parts.push(
      serialize.bind({ statement: name, values: (s.params ?? []).map(textParam) }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
    );
    if (syncEach) parts.push(serialize.sync());
  }
  return { parts, fresh, names };
}

/**
 * SQLSTATEs that say a named statement itself is unusable, so it must be parsed again:
 * 26000 invalid_sql_statement_name (the name is gone, e.g. after DEALLOCATE) and 0A000
 * feature_not_supported, which is what "cached plan must not change result type" carries (the
 * table changed under it). Any other error (a unique violation, a check, a cast of a parameter)
 * is the statement's data, not the statement: it stays prepared.
 */
const STALE = new Set(['26000', '0A000']);

/** @param {unknown} err */
const stale = (err) =>
  err !== null && typeof err === 'object' && STALE.has(String(/** @type {{ code?: unknown }} */ (err).code));

/**
 * Keeps the names parsed in a pipeline, closes those whose Parse did not happen (it failed, or
 * came after the pipeline's first failure and was skipped) or whose prepared statement proved
 * unusable (`stale`), and the least recently used past `MAX_PREPARED`.
 * @param {Map<string, string>} fresh
 * @param {Set<string>} dropped names not to keep
 */
async function keep(fresh, dropped) {
  const closing = [];
  for (const [sql, name] of fresh) {
    if (dropped.has(name)) closing.push(name);
    else prepared.set(sql, name);
  }
  for (const [sql, name] of prepared) {
    if (dropped.has(name)) {
      prepared.delete(sql);
      closing.push(name);
    }
  }
  for (const [sql, name] of prepared) {
    if (prepared.size <= MAX_PREPARED) break;
    prepared.delete(sql);
    closing.push(name);
  }
  await closeStatements(closing);
}

/**
 * Splits a reply to statements that each end in a ReadyForQuery (`syncEach`, or simple Query)
 * into each one's answer: its rows, parsed by PGlite's own parser (as `query` returns them),
 * or its error.
 * @param {Message[]} messages
 * @returns {Answer[]}
 */
function answers(messages) {
  /** @type {Answer[]} */
  const out = [];
  let from = 0;
  messages.forEach((m, i) => {
    if (m.name !== 'readyForQuery') return;
    const these = messages.slice(from, i);
    from = i + 1;
    const error = these.find((x) => x instanceof Error);
    if (error)
      out.push({
        error: /** @type {Error} */ (error),
        parsed: these.some((x) => x.name === 'parseComplete'),
      });
    else {
      const results = parse.parseResults(/** @type {any} */ (these), /** @type {any} */ (db).parsers, {});
      out.push({ rows: results[results.length - 1]?.rows ?? [] });
    }
  });
  return out;
}

/**
 * Statements that stand alone (outside any transaction), each answered for itself: ONE call
 * into PGlite's WebAssembly for all of them — each statement Bind/Describe/Execute/Sync of a
 * named prepared statement (Parse too the first time) — instead of `query`'s six calls and a
 * parse and plan per statement (issue 9). Statements with bytes go through `query` one by one.
 * The caller holds the lock.
 * @param {Statement[]} statements
 * @returns {Promise<Answer[]>}
 */
async function eachAlone(statements) {
  if (!statements.every(pipelinable)) {
    return Promise.all(
      statements.map(async (s) => {
        try {
          if (s.exec) {
            await db.exec(s.sql);
            return { rows: [] };
          }
          return { rows: (await db.query(s.sql, s.params ?? [])).rows };
        } catch (error) {
          return { error: /** @type {Error} */ (error) };
        }
      }),
    );
  }
  const { parts, fresh, names } = build(statements, true);
  const replies = answers(await send(parts));
  if (replies.length !== statements.length)
    throw new Error(`PGlite answered ${replies.length} results for ${statements.length} statements.`);
  /** @type {Set<string>} */
  const dropped = new Set();
  replies.forEach((r, i) => {
    const name = names[i] ?? '';
    if (name === '' || !('error' in r)) return;
    // Its Parse was in this statement's messages (the first to use a new name) and failed: the
    // name holds nothing. A later use of that name then fails as stale (26000).
    const parseFailed =
      fresh.get(statements[i]?.sql ?? '') === name && names.indexOf(name) === i && !r.parsed;
    if (parseFailed || stale(r.error)) dropped.add(name);
  });
  await keep(fresh, dropped);
  return replies.map((r) => ('error' in r ? { error: r.error } : r));
}

/**
 * Runs `statements` inside the open transaction as ONE pipeline of the extended protocol (one
 * Sync at the end), `begin` and `commit` included when asked: one call into PGlite's WebAssembly
 * for the whole request (a group commit: two calls, BEGIN and COMMIT riding along). The first
 * failure skips the rest (PostgreSQL discards up to the Sync) and fails the request, as running
 * them one by one would; the names it parsed stay prepared (prepared statements outlive a
 * rollback), except the failing one when it proved stale, and those whose Parse was skipped. Scripts and bytes go one by one through
 * PGlite's `query`/`exec`. The caller holds the lock.
 * @param {Statement[]} statements
 * @param {{ begin: boolean, commit: boolean }} ends
 * @returns {Promise<unknown[][]>}
 */
async function inTransaction(statements, { begin, commit }) {
  const all = [...(begin ? [BEGIN] : []), ...statements, ...(commit ? [COMMIT] : [])];
  if (!all.every((s) => !s.exec && pipelinable(s))) {
    /** @type {unknown[][]} */
    const rows = [];
    for (const s of all) {
      if (s.exec) {
        await db.exec(s.sql);
        rows.push([]);
      } else rows.push((await db.query(s.sql, s.params ?? [])).rows);
    }
    return rows.slice(begin ? 1 : 0, commit ? -1 : undefined);
  }
  const { parts, fresh, names } = build(all, false);
  parts.push(serialize.sync());
  const messages = await send(parts);
  const at = messages.findIndex((m) => m instanceof Error);
  if (at >= 0) {
    // The statement that failed is the one after those that completed. Parses run in the order
    // of `fresh`, so the first `parsed` of its names exist; those after were skipped (or failed).
    const before = messages.slice(0, at);
    const failing = names[before.filter((m) => m.name === 'commandComplete').length];
    const parsed = before.filter((m) => m.name === 'parseComplete').length;
    const dropped = new Set([...fresh.values()].slice(parsed));
    if (failing && stale(messages[at])) dropped.add(failing);
    await keep(fresh, dropped);
    throw messages[at];
  }
  await keep(fresh, new Set());
  const results = parse.parseResults(/** @type {any} */ (messages), /** @type {any} */ (db).parsers, {});
  if (results.length !== all.length)
    throw new Error(`PGlite answered ${results.length} results for ${all.length} statements.`);
  return results.slice(begin ? 1 : 0, commit ? -1 : undefined).map((r) => r.rows);
}

/** @type {Statement} */
const BEGIN = { sql: 'begin', params: [] };
/** @type {Statement} */
const COMMIT = { sql: 'commit', params: [] };

/**
 * Ends transaction `n` (a simple Query: COMMIT, or ROLLBACK, which also ends a failed one) and
 * releases the lock.
 * @param {number} n
 * @param {boolean} commit
 */
async function settle(n, commit) {
  const release = open.get(n);
  if (!release) throw new Error(`No open transaction ${n}.`);
  open.delete(n);
  try {
    const messages = await send([serialize.query(commit ? 'commit' : 'rollback')]);
    const error = messages.find((m) => m instanceof Error);
    if (error) throw error;
    // COMMIT of a transaction that failed answers ROLLBACK (no statement fails without ending
    // its transaction here, but say so rather than report a commit).
    const done = messages.find((m) => m.name === 'commandComplete');
    if (commit && /** @type {{ text?: string }} */ (done)?.text === 'ROLLBACK')
      throw new Error('The transaction was rolled back: an earlier statement failed.');
  } finally {
    release();
  }
}

/**
 * @param {{ statements: Statement[], begin?: boolean, tx?: number, commit?: boolean }} m
 * @param {number[]} [stamps]
 */
async function run(m, stamps) {
  if (!m.begin && m.tx === undefined) {
    // A batch outside transactions: in order, each standing alone, stopping at the first failure.
    const release = await acquire(stamps);
    try {
      /** @type {unknown[][]} */
      const rows = [];
      for (const s of m.statements) {
        const [answer] = await eachAlone([s]);
        if (!answer || 'error' in answer) throw answer?.error;
        rows.push(answer.rows);
      }
      return { tx: undefined, rows };
    } finally {
      release();
    }
  }
  let n = m.tx;
  if (m.begin) {
    const release = await acquire(stamps);
    n = nextTx++;
    open.set(n, release);
  } else if (n === undefined || !open.has(n)) throw new Error(`No open transaction ${n}.`);
  const tx = /** @type {number} */ (n);
  /** @type {unknown[][]} */
  let rows;
  try {
    rows = await inTransaction(m.statements, { begin: m.begin === true, commit: m.commit === true });
  } catch (err) {
    await settle(tx, false).catch(() => undefined);
    throw err;
  }
  if (m.commit) {
    // COMMIT ran in the pipeline: the transaction is over.
    open.get(tx)?.();
    open.delete(tx);
  }
  return { tx, rows };
}

/**
 * @param {{ id: number, op: string, statements?: Statement[], begin?: boolean, tx?: number, commit?: boolean }} m
 * @param {number[]} [stamps]
 * @returns {Promise<unknown>}
 */
async function handle(m, stamps) {
  switch (m.op) {
    case 'each': {
      // One call for all of them, after what holds the lock, each answered for itself.
      const release = await acquire(stamps);
      try {
        const replies = await eachAlone(m.statements ?? []);
        return replies.map((a) => ('error' in a ? { error: serialise(a.error) } : a));
      } finally {
        release();
      }
    }
    case 'run':
      return run({ ...m, statements: m.statements ?? [] }, stamps);
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

/**
 * With `TRADEWIND_COMMIT_TRACE=1` (a diagnostic for bench/messaging.ts, pglite.ts): each answer
 * carries `at`, when this thread received the request and answered it, and when it took the lock
 * in between if it did, in ms on the monotonic clock that both threads read (`clock`).
 */
const tracing = process.env.TRADEWIND_COMMIT_TRACE === '1';
function clock() {
  return Number(process.hrtime.bigint()) / 1e6;
}

port.on('message', (/** @type {{ id: number, op: string }} */ m) => {
  if (!tracing) {
    handle(m).then(
      (value) => port.postMessage({ id: m.id, value }),
      (err) => port.postMessage({ id: m.id, error: serialise(err) }),
    );
    return;
  }
  /** @type {number[]} */
  const at = [clock()];
  handle(m, at).then(
    (value) => port.postMessage({ id: m.id, value, at: [...at, clock()] }),
    (err) => port.postMessage({ id: m.id, error: serialise(err), at: [...at, clock()] }),
  );
});
port.postMessage({ ready: true });
