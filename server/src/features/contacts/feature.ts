/** contact:list, contact:add, contact:remove, contact:block. Changes reach the owner's other devices as `contact:changed`. */
import { AppError } from '../../../../shared/result';
import type { Contact, ContactChange } from '../../../../shared/protocol';
import type { Caller, FeatureModule } from '../../platform/socket/registry';
import type { ServerContext } from '../../platform/context';
import { addOrRequest } from './requests';
import { addContact, listContacts, removeContact, setBlocked } from './service';
import { requireUser, toPublicUser } from '../auth';

function tellOtherDevices(ctx: ServerContext, caller: Caller, change: ContactChange): void {
  ctx.emitToUser(caller.memberId, 'contact:changed', change, { exceptSocket: caller.socketId });
}

/** A Contact-shaped card of a user who is not (or no longer) an entry of the owner's list. */
async function unlistedCard(ctx: ServerContext, owner: string, other: string): Promise<Contact> {
  const user = toPublicUser(await requireUser(ctx.db, other));
  const presence = (await ctx.presence.visibleTo(owner, [other])).get(other);
  return {
    user,
    blocked: false,
    presence: presence ?? { memberId: other, state: 'offline', lastSeen: null },
    groupId: null,
    pinned: false,
    note: '',
    addedAt: ctx.now().toISOString(),
  };
}

export function contactsFeature(): FeatureModule {
  return {
    name: 'contacts',
    handlers: {
      'contact:list': (_p, caller, ctx) => listContacts(ctx, caller.memberId),
      'contact:add': async (p, caller, ctx) => {
        // "Ask me first" (requests.ts): a request instead of an add, answered with a card.
        const requested = await addOrRequest(ctx, caller, p.memberId);
        if (requested) return requested;
        const contact = await addContact(ctx, caller.memberId, p.memberId);
        tellOtherDevices(ctx, caller, { kind: 'upsert', contact });
        // Listing them may let them see me (my visibility "contacts"), if they list me.
        await ctx.presence.tellIfWatching(p.memberId, caller.memberId);
        return contact;
      },
      'contact:remove': async (p, caller, ctx) => {
        const removed = await removeContact(ctx, caller.memberId, p.memberId);
        if (!removed) throw new AppError('not_found', `${p.memberId} is not in your contacts.`);
        tellOtherDevices(ctx, caller, { kind: 'removed', memberId: p.memberId });
        // No longer listed by me, they may no longer see me (my visibility "contacts").
        await ctx.presence.tellIfWatching(p.memberId, caller.memberId);
        return {};
      },
      'contact:block': async (p, caller, ctx) => {
        const contact = await setBlocked(ctx, caller.memberId, p.memberId, p.blocked);
        tellOtherDevices(
          ctx,
          caller,
          contact ? { kind: 'upsert', contact } : { kind: 'removed', memberId: p.memberId },
        );
        // The other user now sees me offline (or, after unblocking, as I am) — if they list me.
        await ctx.presence.tellIfWatching(p.memberId, caller.memberId);
        // Unblocking someone who was never in the list leaves no entry; answer with their card.
        return contact ?? (await unlistedCard(ctx, caller.memberId, p.memberId));
      },
    },
  };
}
