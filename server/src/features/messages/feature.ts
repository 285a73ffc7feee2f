/** message:send — store, sign, ack, and push `message:new` to both participants' devices. */
import { conversationIdFor, participantsOf } from '../../../../shared/protocol';
import { rateLimited, waitSentence } from '../../platform/limits/limits';
import type { FeatureModule } from '../../platform/socket/registry';
import { afterSend, gateSend } from '../contacts';
import { committerOf, sendMessage } from './service';

export function messagesFeature(): FeatureModule {
  return {
    name: 'messages',
    // On close, sends already accepted are committed (and answered) before the store closes.
    start: (ctx) => () => committerOf(ctx).idle(),
    handlers: {
      'message:send': async (p, caller, ctx) => {
        // Fair use per account (TRADEWIND_SEND_RATE / _BURST); the client's outbox waits as told.
        const wait = await ctx.limits.bucket('send', ctx.config.sendLimit).take(caller.memberId);
        if (wait > 0)
          throw rateLimited(
            wait,
            `You are sending faster than this server allows; next in ${waitSentence(wait)}.`,
          );
        // Issue 11: the daily limit of new people, and message requests ("ask me first").
        const gate =
          p.to === caller.memberId
            ? null
            : await gateSend(ctx, caller.memberId, p.to, conversationIdFor(caller.memberId, p.to));
        const { message, duplicate, recipient } = await sendMessage(ctx, caller.memberId, p);
        if (!duplicate) {
          if (gate) await afterSend(ctx, caller, p.to, gate, recipient);
          ctx.metrics.messagesPersisted.inc();
          // The sending socket has the ack; every other device of both participants gets the message.
          const members = participantsOf(message.conversationId) ?? [caller.memberId, p.to];
          ctx.emitToUser(members, 'message:new', message, { exceptSocket: caller.socketId });
          // After the commit, outside it: other features react (the away auto-reply) in the background.
          ctx.messageStored(message, recipient);
        }
        return {
          conversationId: message.conversationId,
          seq: message.seq,
          sentAt: message.sentAt,
          hash: message.hash,
          signature: message.signature,
          duplicate,
        };
      },
    },
  };
}
