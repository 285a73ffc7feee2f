/**
 * Contact groups and contact requests (issue 3): payload schemas of `group:*`, `contact:move`,
 * `contact:pin`, `contact:note` and `contactRequest:*`. docs/protocol.md § "Contact groups and
 * requests" documents them in prose.
 *
 * Sync model. Groups live on the server per user; every change bumps the user's `version` (one
 * counter per user, over groups and contact placement) and is pushed to the user's other devices
 * as `group:changed` / `contact:changed`. A group is never physically deleted: it becomes a
 * tombstone (`deleted: true`) so a device that was offline learns about the deletion from
 * `group:list { sinceVersion }`. A contact's group id null is the default group "Unsorted";
 * deleting a group moves its contacts there.
 *
 * Offline edits. Every edit touches one field (name, position, collapsed, a contact's group,
 * pinned, note), so edits of different fields on different devices never overwrite each other.
 * For the same scalar field (a name, an order, a flag, a contact's group) the last write to reach
 * the server wins. The private note is free text, so the server merges it instead (`mergeNotes`):
 * a `contact:note` whose `baseNote` is no longer the stored note keeps both devices' words.
 * An edit may carry `baseVersion`,
 * the user version the device had synced when it made the edit; with it the server can tell a
 * concurrent deletion (a rename of a group another device deleted later than `baseVersion`
 * answers with the tombstone instead of reviving it; contacts moved into such a group stay in
 * "Unsorted", never lost) and keeps groups the device did not know about in a reorder.
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { Contact, MemberId, PublicUser } from './schemas';
import { text } from './text';

export const GROUP_LIMITS = {
  /** Characters of a group name. */
  name: 60,
  /** Live (not deleted) groups per user. */
  groups: 100,
  /** Contacts in one `contact:move`. */
  move: 500,
} as const;

/** A group id: a client-chosen UUID (so a group created offline has its id at once) or server-made. */
export const GroupId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a group id.');
export type GroupId = z.infer<typeof GroupId>;

export const GroupName = text({
  field: 'group name',
  min: 1,
  max: GROUP_LIMITS.name,
  trim: true,
  tooShort: 'A group needs a name.',
  tooLong: `A group name has at most ${GROUP_LIMITS.name} characters.`,
});

/** The user version the device had synced when it made an (offline) edit. */
const BaseVersion = z.number().int().nonnegative().max(LIMITS.int32).optional();

/** One of the user's groups. */
export const ContactGroup = z.object({
  id: GroupId,
  name: z.string(),
  /** Sort key, ascending; "Unsorted" (group id null) is not a row and comes last. */
  position: z.number().int(),
  collapsed: z.boolean(),
  /** Tombstone: the group was deleted (its contacts went to "Unsorted"). */
  deleted: z.boolean(),
  /** The user version of this group's last change. */
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
});
export type ContactGroup = z.infer<typeof ContactGroup>;

/** Where a contact sits in the owner's tree; the same fields as on `Contact`. */
export const ContactPlacement = z.object({
  memberId: MemberId,
  groupId: GroupId.nullable(),
  pinned: z.boolean(),
  note: z.string(),
  /** The user version of this contact's last placement change (0 = never changed). */
  version: z.number().int().nonnegative(),
});
export type ContactPlacement = z.infer<typeof ContactPlacement>;

// ---------------------------------------------------------------------------------------------
// Requests

/** Without `sinceVersion`: every live group. With it: every group changed after it, tombstones included. */
export const GroupListRequest = z.object({
  sinceVersion: z.number().int().nonnegative().max(LIMITS.int32).optional(),
});
export const GroupListResponse = z.object({
  /** The user's current version; pass it as `sinceVersion` / `baseVersion` later. */
  version: z.number().int().nonnegative(),
  groups: z.array(ContactGroup),
  /** Placement of contacts (all, or changed after `sinceVersion`). */
  contacts: z.array(ContactPlacement),
});
export type GroupListResponse = z.infer<typeof GroupListResponse>;

export const GroupCreateRequest = z.object({
  /** Client-chosen id; re-sending the same id returns the existing group (safe retry). */
  id: GroupId.optional(),
  name: GroupName,
  /** Defaults to after the last group. */
  position: z.number().int().min(-1_000_000).max(1_000_000).optional(),
});
export type GroupCreateRequest = z.input<typeof GroupCreateRequest>;

export const GroupRenameRequest = z.object({ id: GroupId, name: GroupName, baseVersion: BaseVersion });
export type GroupRenameRequest = z.input<typeof GroupRenameRequest>;

export const GroupCollapseRequest = z.object({
  id: GroupId,
  collapsed: z.boolean(),
  baseVersion: BaseVersion,
});
export type GroupCollapseRequest = z.input<typeof GroupCollapseRequest>;

/**
 * The wanted order of groups (ids first to last). Ids the server does not know or that are
 * deleted are ignored; live groups missing from the list keep their relative order after the
 * listed ones.
 */
export const GroupReorderRequest = z.object({
  order: z.array(GroupId).max(GROUP_LIMITS.groups * 2),
  baseVersion: BaseVersion,
});
export type GroupReorderRequest = z.input<typeof GroupReorderRequest>;

export const GroupDeleteRequest = z.object({ id: GroupId, baseVersion: BaseVersion });
export type GroupDeleteRequest = z.input<typeof GroupDeleteRequest>;

/** The changed group (or tombstone) and the user's version after the change. */
export const GroupResult = z.object({
  version: z.number().int().nonnegative(),
  group: ContactGroup,
  /** The group had changed after the edit's `baseVersion` (another device edited it meanwhile). */
  concurrent: z.boolean(),
});
export type GroupResult = z.infer<typeof GroupResult>;

export const GroupReorderResult = z.object({
  version: z.number().int().nonnegative(),
  groups: z.array(ContactGroup),
});
export type GroupReorderResult = z.infer<typeof GroupReorderResult>;

export const GroupDeleteResult = z.object({
  version: z.number().int().nonnegative(),
  group: ContactGroup,
  /** Contacts that moved to "Unsorted". */
  moved: z.array(Contact),
});
export type GroupDeleteResult = z.infer<typeof GroupDeleteResult>;

/** Moves contacts into a group (null = "Unsorted"). */
export const ContactMoveRequest = z.object({
  memberIds: z.array(MemberId).min(1).max(GROUP_LIMITS.move),
  groupId: GroupId.nullable(),
  baseVersion: BaseVersion,
});
export type ContactMoveRequest = z.input<typeof ContactMoveRequest>;

export const ContactPinRequest = z.object({
  memberId: MemberId,
  pinned: z.boolean(),
  baseVersion: BaseVersion,
});
export type ContactPinRequest = z.input<typeof ContactPinRequest>;

export const ContactNoteRequest = z.object({
  memberId: MemberId,
  note: text({
    field: 'note',
    max: LIMITS.note,
    multiline: true,
    tooLong: `A note has at most ${LIMITS.note} characters.`,
  }),
  baseVersion: BaseVersion,
  /**
   * The note text this edit started from (what the device had synced). When the stored note is
   * no longer this text, another device changed it meanwhile and the server merges both texts.
   * Without it, the server merges when the contact's placement changed after `baseVersion`.
   */
  baseNote: text({ field: 'note the edit started from', max: LIMITS.note, multiline: true }).optional(),
});
export type ContactNoteRequest = z.input<typeof ContactNoteRequest>;

/** The contacts as they are after the change, and the user's version. */
export const ContactsResult = z.object({
  version: z.number().int().nonnegative(),
  contacts: z.array(Contact),
  /** A contact's placement had changed after the edit's `baseVersion` (another device edited it meanwhile). */
  concurrent: z.boolean(),
});
export type ContactsResult = z.infer<typeof ContactsResult>;

/** The line `mergeNotes` puts between two devices' texts. */
export const NOTE_MERGE_SEPARATOR = '— edited on another device —';

/**
 * Merges two versions of a private note that were edited concurrently, so neither device's
 * words are lost: when one text contains the other unchanged, the longer one (the other side only
 * added to it); otherwise both, the stored one first, joined by a separator line. Returns null
 * when the result would be longer than the note limit (the caller refuses the edit).
 */
export function mergeNotes(stored: string, incoming: string): string | null {
  if (stored === incoming || stored.includes(incoming)) return stored;
  if (incoming.includes(stored)) return incoming;
  const merged = `${stored.trimEnd()}\n${NOTE_MERGE_SEPARATOR}\n${incoming.trimStart()}`;
  return merged.length > LIMITS.note ? null : merged;
}

// ---------------------------------------------------------------------------------------------
// Contact requests ("ask me first")

export const ContactRequestState = z.enum(['pending', 'accepted', 'declined']);

/**
 * A request between me and `user`. `outgoing`: I asked them; a decline is silent, so I see my
 * request as `pending` until they accept. `incoming`: they asked me.
 */
export const ContactRequest = z.object({
  direction: z.enum(['incoming', 'outgoing']),
  user: PublicUser,
  state: ContactRequestState,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ContactRequest = z.infer<typeof ContactRequest>;

/** The requester's member id. */
export const ContactRequestAnswer = z.object({ memberId: MemberId });
export type ContactRequestAnswer = z.input<typeof ContactRequestAnswer>;

export const ContactRequestList = z.array(ContactRequest);

/**
 * `contactRequest:list` (issue 11). Without `all` (older clients): incoming pending requests not
 * from people I blocked, and my own unanswered ones. With `all: true` also the incoming requests I
 * ignored (`declined`) and those from people I blocked, so a client can keep their conversations
 * out of the chat list (message requests) on every device.
 */
export const ContactRequestListRequest = z.object({ all: z.boolean().optional() }).strict();
export type ContactRequestListRequest = z.input<typeof ContactRequestListRequest>;

// ---------------------------------------------------------------------------------------------
// Events

/** `group:changed`: a group was created, renamed, collapsed, moved or deleted (tombstone). */
export const GroupChangedEvent = z.object({
  version: z.number().int().nonnegative(),
  group: ContactGroup,
});
export type GroupChangedEvent = z.infer<typeof GroupChangedEvent>;
