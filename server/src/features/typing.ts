/** typing:set — relayed to the partner as `typing:changed`; never stored, never to someone who blocked the typist. */
import { AppError } from '../../../shared/result';
import { conversationIdFor } from '../../../shared/protocol';
import type { FeatureModule } from '../handlers/registry';
import { hasBlocked } from '../services/contacts';

export function typingFeature(): FeatureModule {
  return {
    name: 'typing',
    handlers: {
      'typing:set': async (p, caller, ctx) => {
        if (p.to === caller.memberId) throw new AppError('bad_request', 'You cannot type to yourself.');
        // A block is not revealed: the typist gets ok either way.
        if (!(await hasBlocked(ctx.db, p.to, caller.memberId))) {
          ctx.emitToUser(p.to, 'typing:changed', {
            conversationId: conversationIdFor(caller.memberId, p.to),
            memberId: caller.memberId,
            typing: p.typing,
          });
        }
        return {};
      },
    },
  };
}
