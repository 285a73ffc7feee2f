/** Session tokens: 32 random bytes handed to the client once; only their SHA-256 is stored. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../platform/db/store';
import { newToken, tokenHash } from './tokens';

export interface NewSession {
  token: string;
  sessionId: string;
}

export async function createSession(
  db: Queryable,
  memberId: string,
  deviceName: string | undefined,
  now: Date,
): Promise<NewSession> {
  const token = newToken();
  const sessionId = randomUUID();
  await db.query(
    `insert into sessions (id, member_id, token_hash, device_name, created_at, last_used_at)
     values ($1, $2, $3, $4, $5, $5)`,
    [sessionId, memberId, tokenHash(token), deviceName ?? null, now],
  );
  return { token, sessionId };
}

/** Default for `TRADEWIND_SESSION_IDLE_DAYS`: a session unused for longer is refused. */
export const DEFAULT_SESSION_IDLE_DAYS = 90;

/**
 * The live session a token belongs to, or null (unknown, revoked, or idle for more than
 * `idleDays`). Touches last_used_at; a session found idle is revoked so it stays refused.
 */
export async function resolveToken(
  db: Queryable,
  token: string,
  now: Date,
  idleDays = DEFAULT_SESSION_IDLE_DAYS,
): Promise<{ memberId: string; sessionId: string } | null> {
  if (token.length === 0 || token.length > 200) return null;
  const idleSince = new Date(now.getTime() - idleDays * 86_400_000);
  const rows = await db.query<{ id: string; member_id: string }>(
    `update sessions set last_used_at = $2
     where token_hash = $1 and revoked_at is null and last_used_at >= $3
     returning id, member_id`,
    [tokenHash(token), now, idleSince],
  );
  const row = rows[0];
  if (row) return { memberId: row.member_id, sessionId: row.id };
  await db.query(
    'update sessions set revoked_at = $2 where token_hash = $1 and revoked_at is null and last_used_at < $3',
    [tokenHash(token), now, idleSince],
  );
  return null;
}

/** Records that a live session was in use at `now` (a device that stays connected for weeks is in use). */
export async function touchSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.query(
    'update sessions set last_used_at = greatest(last_used_at, $2) where id = $1 and revoked_at is null',
    [sessionId, now],
  );
}

export async function revokeSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.query('update sessions set revoked_at = $2 where id = $1 and revoked_at is null', [
    sessionId,
    now,
  ]);
}

/** Revokes every live session of a user; returns their ids. */
export async function revokeAllSessions(db: Queryable, memberId: string, now: Date): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    'update sessions set revoked_at = $2 where member_id = $1 and revoked_at is null returning id',
    [memberId, now],
  );
  return rows.map((r) => r.id);
}

/**
 * The session whose token hashes to `marker`, if it was ever a session of `memberId` (live, idle
 * or signed out): proof that this device once signed in as this member, which sign-in
 * throttling trusts.
 */
export async function knownDeviceSession(
  db: Queryable,
  memberId: string,
  marker: string,
): Promise<string | null> {
  const rows = await db.query<{ id: string }>(
    'select id from sessions where token_hash = $1 and member_id = $2',
    [marker, memberId],
  );
  return rows[0]?.id ?? null;
}
