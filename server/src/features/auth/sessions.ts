/** Session tokens: 32 random bytes handed to the client once; only their SHA-256 is stored. */
import { randomUUID } from 'node:crypto';
import type { SessionInfo } from '../../../../shared/protocol';
import { describeDevice, isUserAgent } from '../../../../shared/domain/device';
import { toIso, type Queryable } from '../../platform/db/store';
import { newToken, tokenHash } from './tokens';

export interface NewSession {
  token: string;
  sessionId: string;
}

/** The device a session is opened on, as the session list shows it. */
export interface DeviceLabel {
  name?: string | undefined;
  platform?: string | undefined;
}

export async function createSession(
  db: Queryable,
  memberId: string,
  device: DeviceLabel,
  now: Date,
): Promise<NewSession> {
  const token = newToken();
  const sessionId = randomUUID();
  await db.query(
    `insert into sessions (id, member_id, token_hash, device_name, platform, created_at, last_used_at)
     values ($1, $2, $3, $4, $5, $6, $6)`,
    [sessionId, memberId, tokenHash(token), device.name ?? null, device.platform ?? null, now],
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

/**
 * The live sessions of `memberId` (not revoked, not idle past `idleDays`): `current` first, then
 * the most recently used. `connected` lists the sessions with a socket open now. A device name
 * that is a raw user agent (clients before issue 12 sent one) is shown as what it describes.
 */
export async function listSessions(
  db: Queryable,
  memberId: string,
  current: string,
  connected: ReadonlySet<string>,
  now: Date,
  idleDays = DEFAULT_SESSION_IDLE_DAYS,
): Promise<SessionInfo[]> {
  const idleSince = new Date(now.getTime() - idleDays * 86_400_000);
  const rows = await db.query<{
    id: string;
    device_name: string | null;
    platform: string | null;
    created_at: Date | string;
    last_used_at: Date | string;
  }>(
    `select id, device_name, platform, created_at, last_used_at from sessions
     where member_id = $1 and revoked_at is null and last_used_at >= $2
     order by last_used_at desc, created_at desc, id`,
    [memberId, idleSince],
  );
  const list = rows.map((r): SessionInfo => {
    const described = r.device_name && isUserAgent(r.device_name) ? describeDevice(r.device_name) : null;
    return {
      id: r.id,
      deviceName: described ? described.name : r.device_name,
      platform: r.platform ?? described?.platform ?? null,
      createdAt: toIso(r.created_at),
      lastActiveAt: toIso(r.id === current || connected.has(r.id) ? now : r.last_used_at),
      connected: r.id === current || connected.has(r.id),
      current: r.id === current,
    };
  });
  return [...list.filter((s) => s.current), ...list.filter((s) => !s.current)];
}

/**
 * Revokes the live sessions of `memberId` among `sessionIds`, or every one but `keep` when
 * `sessionIds` is null. Only the member's own sessions are touched; returns the ids revoked.
 */
export async function revokeOwnSessions(
  db: Queryable,
  memberId: string,
  sessionIds: readonly string[] | null,
  keep: string,
  now: Date,
): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    sessionIds === null
      ? `update sessions set revoked_at = $2
         where member_id = $1 and revoked_at is null and id <> $3 returning id`
      : `update sessions set revoked_at = $2
         where member_id = $1 and revoked_at is null and id <> $3 and id = any($4::text[]) returning id`,
    sessionIds === null ? [memberId, now, keep] : [memberId, now, keep, sessionIds],
  );
  return rows.map((r) => r.id);
}
