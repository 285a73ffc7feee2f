/**
 * autoReply:get, autoReply:set, and the reply itself (issue 11, the seller's desk): after every
 * stored message (`onMessageStored`, after the commit, in the background) the recipient's away
 * auto-reply may answer. A settings change reaches the user's other devices as
 * `autoReply:changed`; the device that made it gets the ack, and a change that changes nothing
 * (a retry) sends nothing.
 */
import type { FeatureModule } from '../../platform/socket/registry';
import { answerIfAway, getAutoReply, setAutoReply } from './autoReplyService';

export function autoReplyFeature(): FeatureModule {
  return {
    name: 'autoReply',
    handlers: {
      'autoReply:get': (_p, caller, ctx) => getAutoReply(ctx.db, caller.memberId),
      'autoReply:set': async (p, caller, ctx) => {
        const { settings, changed } = await setAutoReply(ctx, caller.memberId, p);
        if (changed)
          ctx.emitToUser(caller.memberId, 'autoReply:changed', settings, { exceptSocket: caller.socketId });
        return settings;
      },
    },
    hooks: {
      // Most recipients have no auto-reply on (the commit read it): then nothing runs at all.
      onMessageStored: (message, ctx, recipient) =>
        recipient && !recipient.autoReplyOn ? undefined : answerIfAway(ctx, message, recipient),
    },
  };
}
