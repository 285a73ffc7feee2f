/** The evidence feature: `evidence:attest` for participants. */
import type { FeatureModule } from '../../platform/socket/registry';
import { attestForParticipant } from './service';

export function evidenceFeature(): FeatureModule {
  return {
    name: 'evidence',
    handlers: {
      'evidence:attest': (p, caller, ctx) =>
        attestForParticipant(
          ctx.db,
          ctx.signingKey,
          caller.memberId,
          p.conversationId,
          p.scope,
          ctx.now(),
          // Behind a proxy the listening address is not the one readers reach.
          ctx.config.publicUrl ?? ctx.config.url,
        ),
    },
  };
}
