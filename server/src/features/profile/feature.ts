/**
 * profile:get, profile:update, user:lookup, and the account settings (settings:get,
 * settings:update, pushed to my other devices as `settings:changed`; settings.ts). An update reaches my other devices as
 * `profile:changed`, and — when my public card changed — the users who list me as a contact as a
 * `contact:changed` upsert (never strangers, never users I blocked). A change of my presence
 * visibility sends those who list me the presence they may now see (`presence:changed`).
 */
import { isDeepStrictEqual } from 'node:util';
import type { FeatureModule } from '../../platform/socket/registry';
import { entriesInOthersLists } from '../contacts';
import { requireUser, toMe, toPublicUser, updateUser } from '../auth';
import { getAccountSettings, updateAccountSettings } from './settings';

export function profileFeature(): FeatureModule {
  return {
    name: 'profile',
    handlers: {
      'profile:get': async (_p, caller, ctx) => toMe(await requireUser(ctx.db, caller.memberId)),
      'profile:update': async (p, caller, ctx) => {
        const stored = await requireUser(ctx.db, caller.memberId);
        const before = toPublicUser(stored);
        const row = await updateUser(ctx.db, caller.memberId, p);
        const me = toMe(row);
        ctx.emitToUser(caller.memberId, 'profile:changed', me, { exceptSocket: caller.socketId });
        // Who may see my presence changed: everyone who lists me learns what they may see now.
        if (row.presence_visibility !== stored.presence_visibility)
          await ctx.presence
            .retell(caller.memberId)
            .catch((err: unknown) =>
              ctx.logger.error('presence visibility change not pushed', { memberId: caller.memberId, err }),
            );
        if (!isDeepStrictEqual(before, toPublicUser(row))) {
          // The update is stored: a failure to tell others is logged, not answered as a failure.
          try {
            for (const { owner, contact } of await entriesInOthersLists(ctx, caller.memberId)) {
              ctx.emitToUser(owner, 'contact:changed', { kind: 'upsert', contact });
            }
          } catch (err) {
            ctx.logger.error('profile change not pushed to contacts', { memberId: caller.memberId, err });
          }
        }
        return me;
      },
      'user:lookup': async (p, _caller, ctx) => toPublicUser(await requireUser(ctx.db, p.memberId)),
      'settings:get': async (_p, caller, ctx) => getAccountSettings(ctx.db, caller.memberId),
      'settings:update': async (p, caller, ctx) => {
        const { settings, changed } = await updateAccountSettings(ctx.db, caller.memberId, p, ctx.now());
        if (changed)
          ctx.emitToUser(caller.memberId, 'settings:changed', settings, { exceptSocket: caller.socketId });
        return settings;
      },
    },
  };
}
