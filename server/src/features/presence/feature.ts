/** presence:set — this device's setting (online, away, busy, invisible). */
import type { FeatureModule } from '../../platform/socket/registry';

export function presenceFeature(): FeatureModule {
  return {
    name: 'presence',
    handlers: {
      'presence:set': (p, caller, ctx) => ctx.presence.setDevice(caller.memberId, caller.socketId, p.setting),
    },
  };
}
