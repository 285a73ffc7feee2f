/**
 * quickReply:list, quickReply:put, quickReply:delete (issue 11, the seller's desk). A change
 * reaches the user's other devices (room `user:<memberId>`, on every node) as
 * `quickReply:changed`; the device that made it gets the ack instead. Edits that change nothing
 * (a retry, the same name and text) send nothing.
 */
import type { ServerContext } from '../../platform/context';
import type { Caller, FeatureModule } from '../../platform/socket/registry';
import {
  deleteQuickReply,
  listQuickReplies,
  putQuickReply,
  type QuickReplyEdit,
} from './quickRepliesService';

function tell(ctx: ServerContext, caller: Caller, edit: QuickReplyEdit): void {
  if (!edit.changed) return;
  ctx.emitToUser(
    caller.memberId,
    'quickReply:changed',
    { version: edit.version, reply: edit.reply },
    { exceptSocket: caller.socketId },
  );
}

export function quickRepliesFeature(): FeatureModule {
  return {
    name: 'quickReplies',
    handlers: {
      'quickReply:list': (p, caller, ctx) => listQuickReplies(ctx.db, caller.memberId, p.sinceVersion),
      'quickReply:put': async (p, caller, ctx) => {
        const edit = await putQuickReply(ctx, caller.memberId, p);
        tell(ctx, caller, edit);
        return { version: edit.version, reply: edit.reply };
      },
      'quickReply:delete': async (p, caller, ctx) => {
        const edit = await deleteQuickReply(ctx, caller.memberId, p);
        tell(ctx, caller, edit);
        return { version: edit.version, reply: edit.reply };
      },
    },
  };
}
