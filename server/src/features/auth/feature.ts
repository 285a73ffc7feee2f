/** auth:signUp, auth:signIn (anonymous sockets), auth:signOut. */
import { AppError } from '../../../../shared/result';
import type { Session } from '../../../../shared/protocol';
import { RateLimiter } from '../../platform/limits/rateLimit';
import { dummyPasswordHash, verifyPassword } from './password';
import type { RateLimit, ServerContext } from '../../platform/context';
import type { Connection, FeatureModule } from '../../platform/socket/registry';
import { createSession, revokeAllSessions, revokeSession } from './sessions';
import { createUser, getUser, toMe } from './users';

/** Sign-in attempts per member id: 10 at once, then one every 6 seconds. */
const SIGN_IN_BURST = 10;
const SIGN_IN_PER_MINUTE = 10;

/** Sign-ups per remote address: 20 at once, then 20 an hour (one every 3 minutes). */
export const DEFAULT_SIGN_UP_LIMIT: RateLimit = { burst: 20, perHour: 20 };

/** "3 minutes", "1 hour": how long to wait, rounded up to whole minutes. */
function waitSentence(ms: number): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  if (minutes < 120) return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return `${hours} hours`;
}

async function startSession(
  ctx: ServerContext,
  connection: Connection,
  memberId: string,
  deviceName?: string,
): Promise<string> {
  const { token, sessionId } = await createSession(ctx.db, memberId, deviceName, ctx.now());
  await ctx.sockets.bind(connection.socketId, { memberId, sessionId });
  return token;
}

export function authFeature(): FeatureModule {
  let limiter: RateLimiter | undefined;
  const limiterFor = (ctx: ServerContext) =>
    (limiter ??= new RateLimiter(SIGN_IN_BURST, SIGN_IN_PER_MINUTE, ctx.now));
  let signUpLimiter: RateLimiter | undefined;
  const signUpLimiterFor = (ctx: ServerContext) =>
    (signUpLimiter ??= new RateLimiter(
      ctx.config.signUpLimit.burst,
      ctx.config.signUpLimit.perHour / 60,
      ctx.now,
    ));

  return {
    name: 'auth',
    publicHandlers: {
      'auth:signUp': async (p, connection, ctx): Promise<Session> => {
        // Per remote address (as the socket saw it; behind a proxy that is the proxy's address).
        const signUps = signUpLimiterFor(ctx);
        if (!signUps.take(connection.address)) {
          const wait = waitSentence(signUps.retryAfterMs(connection.address));
          ctx.logger.warn('sign-up rate limited', { address: connection.address });
          throw new AppError(
            'rate_limited',
            `Too many new accounts from your network. Please try again in ${wait}.`,
            {
              retryAfterMs: signUps.retryAfterMs(connection.address),
            },
          );
        }
        const row = await createUser(
          ctx.db,
          {
            memberId: p.memberId,
            displayName: p.displayName,
            password: p.password,
            role: p.role,
            profile: p.profile,
            readLanguage: p.readLanguage,
          },
          ctx.now(),
        );
        ctx.logger.info('user signed up', { memberId: row.member_id });
        const token = await startSession(ctx, connection, row.member_id, p.deviceName);
        return { token, user: toMe(row) };
      },
      'auth:signIn': async (p, connection, ctx): Promise<Session> => {
        if (!limiterFor(ctx).take(p.memberId)) {
          throw new AppError(
            'rate_limited',
            'Too many sign-in attempts for this member id. Please wait a minute and try again.',
          );
        }
        const row = await getUser(ctx.db, p.memberId);
        // Verify against a dummy hash for unknown ids so both failures take the same time.
        const valid = await verifyPassword(p.password, row?.password_hash ?? (await dummyPasswordHash()));
        if (!row || !valid)
          throw new AppError('invalid_credentials', 'The member id or password is not right.');
        const token = await startSession(ctx, connection, row.member_id, p.deviceName);
        return { token, user: toMe(row) };
      },
    },
    handlers: {
      'auth:signOut': async (p, caller, ctx) => {
        if (p.everywhere) {
          // Every session of the user, on every device and node; the caller's own is among them.
          const ids = await revokeAllSessions(ctx.db, caller.memberId, ctx.now());
          for (const id of new Set([...ids, caller.sessionId]))
            ctx.sockets.revokeSession(id, 'signed_out_everywhere', caller.socketId);
          ctx.logger.info('signed out everywhere', { memberId: caller.memberId, sessions: ids.length });
        } else {
          await revokeSession(ctx.db, caller.sessionId, ctx.now());
          ctx.sockets.revokeSession(caller.sessionId, 'signed_out', caller.socketId);
        }
        await ctx.sockets.unbind(caller.socketId);
        return {};
      },
    },
  };
}
