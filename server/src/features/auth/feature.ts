/** auth:signUp, auth:signIn (anonymous sockets), auth:signOut. */
import { AppError } from '../../../../shared/result';
import type { Session } from '../../../../shared/protocol';
import { rateLimited, waitSentence } from '../../platform/limits/limits';
import { dummyPasswordHash, verifyPassword } from './password';
import type { RateLimit, ServerContext } from '../../platform/context';
import type { Connection, FeatureModule } from '../../platform/socket/registry';
import {
  createSession,
  knownDeviceSession,
  listSessions,
  revokeAllSessions,
  revokeOwnSessions,
  revokeSession,
  type DeviceLabel,
} from './sessions';
import { SignInThrottle, type Attempt } from './throttle';
import { createUser, getUser, toMe } from './users';

/** Sign-ups per remote address: 20 at once, then 20 an hour (one every 3 minutes). */
export const DEFAULT_SIGN_UP_LIMIT: RateLimit = { burst: 20, perHour: 20 };

async function startSession(
  ctx: ServerContext,
  connection: Connection,
  memberId: string,
  device: DeviceLabel,
): Promise<string> {
  const { token, sessionId } = await createSession(ctx.db, memberId, device, ctx.now());
  await ctx.sockets.bind(connection.socketId, { memberId, sessionId });
  return token;
}

export function authFeature(): FeatureModule {
  const signUpsOf = (ctx: ServerContext) =>
    ctx.limits.bucket('signup', {
      perSecond: ctx.config.signUpLimit.perHour / 3600,
      burst: ctx.config.signUpLimit.burst,
    });
  let throttle: SignInThrottle | undefined;
  const throttleOf = (ctx: ServerContext) =>
    (throttle ??= new SignInThrottle(ctx.limits, ctx.config.signInLimits));

  return {
    name: 'auth',
    publicHandlers: {
      'auth:signUp': async (p, connection, ctx): Promise<Session> => {
        // Per remote address (as the socket saw it; behind a proxy that is the proxy's address).
        const wait = await signUpsOf(ctx).take(connection.address);
        if (wait > 0) {
          ctx.logger.warn('sign-up rate limited', {
            event: 'auth.signup_limited',
            address: connection.address,
          });
          throw rateLimited(
            wait,
            `Too many new accounts from your network. Please try again in ${waitSentence(wait)}.`,
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
          ctx.config.passwordCost,
        );
        ctx.logger.info('user signed up', { memberId: row.member_id });
        const token = await startSession(ctx, connection, row.member_id, {
          name: p.deviceName,
          platform: p.platform,
        });
        return { token, user: toMe(row) };
      },
      'auth:signIn': async (p, connection, ctx): Promise<Session> => {
        const throttle = throttleOf(ctx);
        const attempt: Attempt = {
          memberId: p.memberId,
          address: connection.address,
          knownSession: p.deviceMarker ? await knownDeviceSession(ctx.db, p.memberId, p.deviceMarker) : null,
        };
        // What the log says about an attempt; never the password or the device marker.
        const who = {
          memberId: p.memberId,
          address: attempt.address,
          knownDevice: Boolean(attempt.knownSession),
        };
        const wait = await throttle.waitMs(attempt);
        if (wait > 0) {
          await throttle.refused(attempt);
          ctx.logger.warn('sign-in refused (throttled)', {
            event: 'auth.signin_throttled',
            ...who,
            waitMs: wait,
          });
          throw rateLimited(wait, `Too many sign-in attempts. Please try again in ${waitSentence(wait)}.`);
        }
        const row = await getUser(ctx.db, p.memberId);
        // Verify against a dummy hash for unknown ids so both failures take the same time.
        const valid = await verifyPassword(
          p.password,
          row?.password_hash ?? (await dummyPasswordHash(ctx.config.passwordCost)),
        );
        if (!row || !valid) {
          const { failures, lockedMs } = await throttle.failed(attempt);
          ctx.logger.warn('sign-in failed', {
            event: 'auth.signin_failed',
            ...who,
            knownMember: Boolean(row),
            failures,
            lockedMs,
          });
          throw new AppError('invalid_credentials', 'The member id or password is not right.');
        }
        await throttle.succeeded(attempt);
        const token = await startSession(ctx, connection, row.member_id, {
          name: p.deviceName,
          platform: p.platform,
        });
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
      'session:list': async (_p, caller, ctx) =>
        listSessions(
          ctx.db,
          caller.memberId,
          caller.sessionId,
          await ctx.sockets.connectedSessions(caller.memberId),
          ctx.now(),
          ctx.config.sessionIdleDays,
        ),
      'session:revoke': async (p, caller, ctx) => {
        if ('sessionId' in p && p.sessionId === caller.sessionId)
          throw new AppError('bad_request', 'This is the session you are using; sign out with auth:signOut.');
        // Only the caller's own sessions match: another user's session id is "not found", the
        // same answer as an id that never existed, so ids cannot be probed.
        const ids = await revokeOwnSessions(
          ctx.db,
          caller.memberId,
          'sessionId' in p ? [p.sessionId] : null,
          caller.sessionId,
          ctx.now(),
        );
        if ('sessionId' in p && ids.length === 0)
          throw new AppError('not_found', 'No such session of yours is signed in.');
        for (const id of ids) ctx.sockets.revokeSession(id, 'signed_out_by_other_device');
        ctx.logger.info('signed out other devices', { memberId: caller.memberId, sessions: ids.length });
        return { revoked: ids.length };
      },
    },
  };
}
