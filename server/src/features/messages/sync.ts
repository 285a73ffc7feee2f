/** sync:conversations, sync:messages — catch-up after (re)connect, paged by seq. */
import type { FeatureModule } from '../../platform/socket/registry';
import { conversationsOf, messagesAfter, requireParticipant } from './service';

export function syncFeature(): FeatureModule {
  return {
    name: 'sync',
    handlers: {
      'sync:conversations': (p, caller, ctx) => conversationsOf(ctx.db, caller.memberId, p),
      'sync:messages': (p, caller, ctx) => {
        requireParticipant(p.conversationId, caller.memberId);
        return messagesAfter(ctx.db, p.conversationId, p.afterSeq, p.limit);
      },
    },
  };
}
