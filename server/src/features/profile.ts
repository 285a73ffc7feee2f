/** profile:get, profile:update, user:lookup. */
import type { FeatureModule } from '../handlers/registry';
import { requireUser, toMe, toPublicUser, updateUser } from '../services/users';

export function profileFeature(): FeatureModule {
  return {
    name: 'profile',
    handlers: {
      'profile:get': async (_p, caller, ctx) => toMe(await requireUser(ctx.db, caller.memberId)),
      'profile:update': async (p, caller, ctx) => toMe(await updateUser(ctx.db, caller.memberId, p)),
      'user:lookup': async (p, _caller, ctx) => toPublicUser(await requireUser(ctx.db, p.memberId)),
    },
  };
}
