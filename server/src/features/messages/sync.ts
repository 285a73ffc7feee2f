/**
 * sync:conversations, sync:messages, sync:batch — catch-up after (re)connect, paged by seq.
 * `sync:batch` asks for many conversations at once (issue 10: a seller's 10,000); every one must
 * be the caller's, or the whole request is refused as `sync:messages` refuses a foreign id.
 */
import { AppError } from '../../../../shared/result';
import { LIMITS, participantsOf } from '../../../../shared/protocol';
import type { FeatureModule } from '../../platform/socket/registry';
import { conversationsOf, messagesAfter, messagesAfterMany, requireParticipant } from './service';

export function syncFeature(): FeatureModule {
  return {
    name: 'sync',
    handlers: {
      'sync:conversations': (p, caller, ctx) => conversationsOf(ctx.db, caller.memberId, p),
      'sync:messages': (p, caller, ctx) => {
        requireParticipant(p.conversationId, caller.memberId);
        return messagesAfter(ctx.db, p.conversationId, p.afterSeq, p.limit);
      },
      'sync:batch': async (p, caller, ctx) => {
        const foreign = p.cursors.findIndex(
          (c) => !participantsOf(c.conversationId)?.includes(caller.memberId),
        );
        // The code sync:messages answers for a foreign id; the path says which cursor it was.
        if (foreign >= 0)
          throw new AppError(
            'forbidden',
            `You are not a participant of this conversation (cursors.${foreign}.conversationId).`,
            { path: `cursors.${foreign}.conversationId` },
          );
        return { pages: await messagesAfterMany(ctx.db, p.cursors, p.limit, LIMITS.syncBatchMessages) };
      },
    },
  };
}
