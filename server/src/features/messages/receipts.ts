/**
 * message:receipt — delivered/read up to a seq, monotonic; both participants get `receipt:updated`.
 * message:receipts — the same for many conversations in one request (issue 10: what a catch-up
 * owes); every conversation must be the caller's, or the whole request is refused.
 */
import { AppError } from '../../../../shared/result';
import { participantsOf } from '../../../../shared/protocol';
import type { FeatureModule } from '../../platform/socket/registry';
import { recordReceipt, recordReceipts, requireParticipant } from './service';

export function receiptsFeature(): FeatureModule {
  return {
    name: 'receipts',
    handlers: {
      'message:receipt': async (p, caller, ctx) => {
        const partner = requireParticipant(p.conversationId, caller.memberId);
        const receipt = await recordReceipt(ctx.db, p.conversationId, caller.memberId, p.kind, p.upToSeq);
        ctx.emitToUser([caller.memberId, partner], 'receipt:updated', receipt, {
          exceptSocket: caller.socketId,
        });
        return receipt;
      },
      'message:receipts': async (p, caller, ctx) => {
        const foreign = p.receipts.findIndex(
          (r) => !participantsOf(r.conversationId)?.includes(caller.memberId),
        );
        // The code message:receipt answers for a foreign id; the path says which receipt it was.
        if (foreign >= 0)
          throw new AppError(
            'forbidden',
            `You are not a participant of this conversation (receipts.${foreign}.conversationId).`,
            { path: `receipts.${foreign}.conversationId` },
          );
        const receipts = await recordReceipts(ctx.db, caller.memberId, p.receipts);
        for (const receipt of receipts) {
          const members = participantsOf(receipt.conversationId) ?? [caller.memberId];
          ctx.emitToUser(members, 'receipt:updated', receipt, { exceptSocket: caller.socketId });
        }
        return { receipts };
      },
    },
  };
}
