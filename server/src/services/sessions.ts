/** Session tokens: 32 random bytes handed to the client once; only their SHA-256 is stored. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../db/store';
import { newToken, tokenHash } from '../auth/tokens';

export interface NewSession {
  token: string;
  sessionId: string;
}

export async function createSession(db: Queryable, memberId: string, deviceName: string | undefined, now: Date): Promise<NewSession> {
  const token = newToken();
  const sessionId = randomUUID();
  await db.query(
    `insert into sessions (id, member_id, token_hash, device_name, created_at, last_used_at)
     values ($1, $2, $3, $4, $5, $5)`,
    [sessionId, memberId, tokenHash(token), deviceName ?? null, now],
  );
  return { token, sessionId };
}

/** The live session a token belongs to, or null (unknown, revoked). Touches last_used_at. */
export async function resolveToken(db: Queryable, token: string, now: Date): Promise<{ memberId: string; sessionId: string } | null> {
  if (token.length === 0 || token.length > 200) return null;
  const rows = await db.query<{ id: string; member_id: string }>(
    `update sessions set last_used_at = $2
     where token_hash = $1 and revoked_at is null
     returning id, member_id`,
    [tokenHash(token), now],
  );
  const row = rows[0];
  return row ? { memberId: row.member_id, sessionId: row.id } : null;
}

export async function revokeSession(db: Queryable, sessionId: string, now: Date): Promise<void> {
  await db.query('update sessions set revoked_at = $2 where id = $1 and revoked_at is null', [sessionId, now]);
}
