/** message:send — store, sign, ack, and push `message:new` to both participants' devices. */
import { conversationIdFor, participantsOf, type SendAck } from '../../../../shared/protocol';
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
        // Each step below that has nothing to do answers at once rather than with a promise: a send
        // in a conversation that exists awaits its group commit alone (issue 9: CPU per message).
        // Fair use per account (TRADEWIND_SEND_RATE / _BURST); the client's outbox waits as told.
        const bucket = ctx.limits.bucket('send', ctx.config.sendLimit);
        const wait = bucket.limited ? await bucket.take(caller.memberId) : 0;
        if (wait > 0)
          throw rateLimited(
            wait,
            `You are sending faster than this server allows; next in ${waitSentence(wait)}.`,
          );
        // Issue 11: the daily limit of new people, and message requests ("ask me first").
        const gated =
          p.to === caller.memberId
            ? null
            : gateSend(ctx, caller.memberId, p.to, conversationIdFor(caller.memberId, p.to));
        const gate = gated instanceof Promise ? await gated : gated;
        const { message, duplicate, recipient } = await sendMessage(ctx, caller.memberId, p);
        if (!duplicate) {
          const after = gate ? afterSend(ctx, caller, p.to, gate, recipient) : undefined;
          if (after) await after;
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
        } satisfies SendAck;
      },
    },
  };
}
