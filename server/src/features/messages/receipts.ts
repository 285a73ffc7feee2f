/** message:receipt — delivered/read up to a seq, monotonic; both participants get `receipt:updated`. */
import type { FeatureModule } from '../../platform/socket/registry';
import { recordReceipt, requireParticipant } from './service';

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
    },
  };
}
