/** auth:signUp, auth:signIn (anonymous sockets), auth:signOut. */
import { AppError } from '../../../shared/result';
import type { Session } from '../../../shared/protocol';
import { RateLimiter } from '../auth/rateLimit';
import { dummyPasswordHash, verifyPassword } from '../auth/password';
import type { ServerContext } from '../context';
import type { Connection, FeatureModule } from '../handlers/registry';
import { createSession, revokeSession } from '../services/sessions';
import { createUser, getUser, toMe } from '../services/users';

/** Sign-in attempts per member id: 10 at once, then one every 6 seconds. */
const SIGN_IN_BURST = 10;
const SIGN_IN_PER_MINUTE = 10;

async function startSession(ctx: ServerContext, connection: Connection, memberId: string, deviceName?: string): Promise<string> {
  const { token, sessionId } = await createSession(ctx.db, memberId, deviceName, ctx.now());
  await ctx.sockets.bind(connection.socketId, { memberId, sessionId });
  return token;
}

export function authFeature(): FeatureModule {
  let limiter: RateLimiter | undefined;
  const limiterFor = (ctx: ServerContext) => (limiter ??= new RateLimiter(SIGN_IN_BURST, SIGN_IN_PER_MINUTE, ctx.now));

  return {
    name: 'auth',
    publicHandlers: {
      'auth:signUp': async (p, connection, ctx): Promise<Session> => {
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
          throw new AppError('rate_limited', 'Too many sign-in attempts for this member id. Please wait a minute and try again.');
        }
        const row = await getUser(ctx.db, p.memberId);
        // Verify against a dummy hash for unknown ids so both failures take the same time.
        const valid = await verifyPassword(p.password, row?.password_hash ?? (await dummyPasswordHash()));
        if (!row || !valid) throw new AppError('invalid_credentials', 'The member id or password is not right.');
        const token = await startSession(ctx, connection, row.member_id, p.deviceName);
        return { token, user: toMe(row) };
      },
    },
    handlers: {
      'auth:signOut': async (_p, caller, ctx) => {
        await revokeSession(ctx.db, caller.sessionId, ctx.now());
        ctx.sockets.revokeSession(caller.sessionId, 'signed_out', caller.socketId);
        await ctx.sockets.unbind(caller.socketId);
        return {};
      },
    },
  };
}
