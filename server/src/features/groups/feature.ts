/**
 * group:list|create|rename|collapse|reorder|delete, contact:move|pin|note and
 * contactRequest:list|accept|decline. Every change reaches the user's other devices (room
 * `user:<memberId>`, on every node) as `group:changed` / `contact:changed`; the device that made
 * it gets the ack instead. `contact:add`'s "ask me first" branch and the requests themselves live
 * in contacts/ (requests.ts); the contactRequest:* handlers here call them through contacts/index.ts.
 */
import type { Contact, ContactGroup } from '../../../../shared/protocol';
import type { ServerContext } from '../../platform/context';
import type { Caller, FeatureModule } from '../../platform/socket/registry';
import { acceptRequest, declineRequest, listRequests } from '../contacts';
import {
  collapseGroup,
  createGroup,
  deleteGroup,
  listGroups,
  moveContacts,
  noteContact,
  pinContact,
  renameGroup,
  reorderGroups,
} from './service';

function tellGroups(
  ctx: ServerContext,
  caller: Caller,
  version: number,
  groups: readonly ContactGroup[],
): void {
  for (const group of groups) {
    ctx.emitToUser(caller.memberId, 'group:changed', { version, group }, { exceptSocket: caller.socketId });
  }
}

function tellContacts(ctx: ServerContext, caller: Caller, contacts: readonly Contact[]): void {
  for (const contact of contacts) {
    ctx.emitToUser(
      caller.memberId,
      'contact:changed',
      { kind: 'upsert', contact },
      { exceptSocket: caller.socketId },
    );
  }
}

export function groupsFeature(): FeatureModule {
  return {
    name: 'groups',
    handlers: {
      'group:list': (p, caller, ctx) => listGroups(ctx.db, caller.memberId, p.sinceVersion),
      'group:create': async (p, caller, ctx) => {
        const { changed, ...result } = await createGroup(ctx, caller.memberId, p);
        if (changed) tellGroups(ctx, caller, result.version, [result.group]);
        return result;
      },
      'group:rename': async (p, caller, ctx) => {
        const { changed, ...result } = await renameGroup(ctx, caller.memberId, p);
        if (changed) tellGroups(ctx, caller, result.version, [result.group]);
        return result;
      },
      'group:collapse': async (p, caller, ctx) => {
        const { changed, ...result } = await collapseGroup(ctx, caller.memberId, p);
        if (changed) tellGroups(ctx, caller, result.version, [result.group]);
        return result;
      },
      'group:reorder': async (p, caller, ctx) => {
        const { changed, ...result } = await reorderGroups(ctx, caller.memberId, p);
        tellGroups(ctx, caller, result.version, changed);
        return result;
      },
      'group:delete': async (p, caller, ctx) => {
        const { changed, ...result } = await deleteGroup(ctx, caller.memberId, p);
        if (changed) {
          // Contacts first: a device that applies the tombstone finds them already in "Unsorted".
          tellContacts(ctx, caller, result.moved);
          tellGroups(ctx, caller, result.version, [result.group]);
        }
        return result;
      },
      'contact:move': async (p, caller, ctx) => {
        const { changed, ...result } = await moveContacts(ctx, caller.memberId, p);
        tellContacts(ctx, caller, changed);
        return result;
      },
      'contact:pin': async (p, caller, ctx) => {
        const { changed, ...result } = await pinContact(ctx, caller.memberId, p);
        tellContacts(ctx, caller, changed);
        return result;
      },
      'contact:note': async (p, caller, ctx) => {
        const { changed, ...result } = await noteContact(ctx, caller.memberId, p);
        tellContacts(ctx, caller, changed);
        return result;
      },
      'contactRequest:list': (p, caller, ctx) => listRequests(ctx, caller.memberId, p.all ?? false),
      'contactRequest:accept': (p, caller, ctx) => acceptRequest(ctx, caller, p.memberId),
      'contactRequest:decline': async (p, caller, ctx) => {
        await declineRequest(ctx, caller, p.memberId);
        return {};
      },
    },
  };
}
