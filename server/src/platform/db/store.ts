/**
 * The one storage interface the server talks to. Two implementations: PGlite (embedded, in the
 * data directory) and PostgreSQL (`DATABASE_URL`). SQL is written once and runs on both; the
 * migrations in server/migrations are the schema.
 */

/**
 * One parameterised statement for `Queryable.batch`, typed by the rows it returns (the type is
 * only a promise to the compiler, as `query<T>` is).
 */
export interface Statement<T extends object = Record<string, unknown>> {
  readonly sql: string;
  readonly params: readonly unknown[];
  /** Never set: carries the row type. */
  readonly rowType?: T;
}

/** A statement for `Queryable.batch`. */
export function statement<T extends object = Record<string, unknown>>(
  sql: string,
  params: readonly unknown[] = [],
): Statement<T> {
  return { sql, params };
}

/** The rows of each statement of a batch, in order. */
export type RowsOf<S extends readonly Statement<object>[]> = {
  -readonly [K in keyof S]: S[K] extends Statement<infer T> ? T[] : never;
};

/** Something that runs SQL: the store itself, or a transaction. */
export interface Queryable {
  /** Runs one parameterised statement (`$1`, `$2`, ...) and returns its rows. */
  query: <T extends object = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ) => Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec: (sql: string) => Promise<void>;
  /**
   * Runs statements one after another and answers each one's rows; the first that fails fails
   * the call and the rest do not run (inside a transaction that failure ends the transaction, as
   * it does on PostgreSQL). For statements that do not need each other's answers: PGlite sends
   * them to its thread in one message and gets one answer, PostgreSQL runs them in turn on its
   * connection, as separate `query` calls would, each as a named prepared statement (parsed and
   * planned once per connection): pass fixed texts — the hot path's statements — never SQL built
   * per call, or every variant stays prepared on every connection. Name the columns they return
   * (no `select *` or `returning *`). A prepared statement that has gone stale — a migration
   * changed a table under it ("cached plan must not change result type", 0A000), or its name is
   * gone (26000) — is prepared again, on PostgreSQL under a fresh name, and the call made once
   * more (inside a transaction: the whole transaction, `Store.transaction`); on PGlite the call
   * fails and the next one prepares it again.
   */
  batch: <S extends readonly Statement<object>[]>(statements: readonly [...S]) => Promise<RowsOf<S>>;
}

/** Inside `Store.transaction`. */
export interface Transaction extends Queryable {
  /**
   * The transaction's last step: runs the statements, then commits — one round trip on PGlite
   * (its thread commits without waiting for this thread). Afterwards the transaction is over:
   * further statements fail, and `Store.transaction` resolves without committing again.
   */
  commitWith: <S extends readonly Statement<object>[]>(statements: readonly [...S]) => Promise<RowsOf<S>>;
}

export interface Store extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` in one transaction: committed when it resolves (unless `tx.commitWith` already
   * did), rolled back when it throws. Inside, use only `tx` (on PGlite the store waits for the
   * transaction to finish). On PostgreSQL `fn` runs a second time, in a new transaction on the same
   * connection, when a statement of its `batch` or `commitWith` proved stale (see `batch`): keep
   * what `fn` does outside the store safe to do twice.
   */
  transaction: <T>(fn: (tx: Transaction) => Promise<T>) => Promise<T>;
  /**
   * Runs ONE statement as a transaction of its own, on its generic plan (planned once, not for
   * each call's parameters), and answers its rows: the hot write that needs no read before it
   * (the group commit from cached heads, features/messages/commit.ts). PostgreSQL: one round trip
   * — the statement alone in autocommit, durable when answered — on a connection of its own
   * that plans every statement once (`plan_cache_mode = force_generic_plan`); PGlite: one request
   * to its thread (begin, the plan setting, the statement, commit), sent before this call returns.
   * A fixed text, as for `batch`.
   */
  writeAlone: <T extends object>(statement: Statement<T>) => Promise<T[]>;
  close: () => Promise<void>;
}

/** Timestamps come back as Date from both drivers; be tolerant of strings too. */
export function toIso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return new Date(value).toISOString();
  throw new TypeError(`Not a timestamp: ${String(value)}`);
}

export function toIsoOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : toIso(value);
}

/** jsonb parameters are passed as JSON text with an explicit `::jsonb` cast (pg would turn arrays into PG arrays). */
export function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** PostgreSQL's unique_violation, identical on both backends. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === '23505';
}
