/**
 * typing:set — relayed to the partner as `typing:changed`; never stored. Only to someone the
 * typist already talks to (the conversation exists) or who lists the typist as a contact, and
 * never to someone who blocked the typist: knowing a member id is not enough to ping them.
 */
import { AppError } from '../../../../shared/result';
import { conversationIdFor } from '../../../../shared/protocol';
import type { Queryable } from '../../platform/db/store';
import type { FeatureModule } from '../../platform/socket/registry';

/** Whether `to` may see `from` typing: a conversation or a list entry, and no block. */
async function mayTypeTo(db: Queryable, from: string, to: string, conversationId: string): Promise<boolean> {
  const rows = await db.query(
    `select 1 where
       not exists (select 1 from contacts where owner_id = $2 and contact_id = $1 and blocked)
       and (exists (select 1 from conversations where id = $3)
            or exists (select 1 from contacts where owner_id = $2 and contact_id = $1 and listed))`,
    [from, to, conversationId],
  );
  return rows.length > 0;
}

export function typingFeature(): FeatureModule {
  return {
    name: 'typing',
    handlers: {
      'typing:set': async (p, caller, ctx) => {
        if (p.to === caller.memberId) throw new AppError('bad_request', 'You cannot type to yourself.');
        const conversationId = conversationIdFor(caller.memberId, p.to);
        // Neither a block nor a stranger is revealed: the typist gets ok either way.
        if (await mayTypeTo(ctx.db, caller.memberId, p.to, conversationId)) {
          ctx.emitToUser(p.to, 'typing:changed', {
            conversationId,
            memberId: caller.memberId,
            typing: p.typing,
          });
        }
        return {};
      },
    },
  };
}
