/**
 * Quick replies (issue 11, the seller's desk): saved answers — shipping terms, MOQ, sample
 * policy — each with a short name, kept on the server per account and synced to all the user's
 * devices. Payload schemas of `quickReply:*`; docs/protocol.md § "Quick replies" documents them.
 *
 * Sync model (as contact groups, shared/protocol/groups.ts): one version counter per user; every
 * change bumps it and stamps the changed reply; a deleted reply is kept as a tombstone so a device
 * that was offline learns about the deletion from `quickReply:list { sinceVersion }`. Changes reach
 * the user's other devices as `quickReply:changed`. A reply is written whole (name and text) by
 * `quickReply:put`, so for one reply the last write to reach the server wins; a put of a reply
 * another device deleted brings it back (the words typed are never dropped silently).
 *
 * Placeholders (`{name}`, `{order}`, `{me}`) are plain text here: the client fills them in when it
 * inserts a reply into the composer (renderer/src/features/desk/logic.ts).
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { text } from './text';

export const QUICK_REPLY_LIMITS = {
  /** Live (not deleted) quick replies per user. */
  replies: 200,
  /** Characters of a reply's name (trimmed). */
  name: 40,
  /** Characters of a reply's text (trimmed): what one message may hold. */
  text: LIMITS.textChars,
  /**
   * Tombstones kept per user; older ones are purged, and a device that synced before the newest
   * purged one gets the whole list again (`full: true`).
   */
  tombstones: 200,
} as const;

/** A reply id: a client-chosen UUID, so a reply saved offline has its id at once. */
export const QuickReplyId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Not a quick reply id.');
export type QuickReplyId = z.infer<typeof QuickReplyId>;

export const QuickReplyName = text({
  field: 'quick reply name',
  min: 1,
  max: QUICK_REPLY_LIMITS.name,
  trim: true,
  tooShort: 'A quick reply needs a name.',
  tooLong: `A quick reply name has at most ${QUICK_REPLY_LIMITS.name} characters.`,
});

export const QuickReplyText = text({
  field: 'quick reply text',
  min: 1,
  max: QUICK_REPLY_LIMITS.text,
  trim: true,
  multiline: true,
  tooShort: 'A quick reply needs a text.',
  tooLong: `A quick reply has at most ${QUICK_REPLY_LIMITS.text} characters.`,
});

/** One of my quick replies (or the tombstone of a deleted one: `deleted`, name and text empty). */
export const QuickReply = z.object({
  id: QuickReplyId,
  name: z.string(),
  text: z.string(),
  deleted: z.boolean(),
  /** The user version of this reply's last change. */
  version: z.number().int().nonnegative(),
  updatedAt: z.string(),
});
export type QuickReply = z.infer<typeof QuickReply>;

const Version = z.number().int().nonnegative();

/** Without `sinceVersion`: every live reply. With it: every reply changed after it, tombstones included. */
export const QuickReplyListRequest = z.object({
  sinceVersion: Version.max(LIMITS.int32).optional(),
});
export type QuickReplyListRequest = z.input<typeof QuickReplyListRequest>;

export const QuickReplyListResponse = z.object({
  /** The user's current version; pass it as `sinceVersion` next time. */
  version: Version,
  replies: z.array(QuickReply),
  /**
   * The list is every live reply (no `sinceVersion`, or tombstones after it were purged): the
   * client replaces its copy, dropping replies not in it.
   */
  full: z.boolean(),
});
export type QuickReplyListResponse = z.infer<typeof QuickReplyListResponse>;

/** Creates or replaces a reply; re-sending the same put changes nothing (safe retry). */
export const QuickReplyPutRequest = z.object({
  id: QuickReplyId,
  name: QuickReplyName,
  text: QuickReplyText,
});
export type QuickReplyPutRequest = z.input<typeof QuickReplyPutRequest>;

/** Deletes a reply (it becomes a tombstone); deleting a tombstone is a no-op. */
export const QuickReplyDeleteRequest = z.object({ id: QuickReplyId });
export type QuickReplyDeleteRequest = z.input<typeof QuickReplyDeleteRequest>;

/** The reply (or tombstone) as stored, and the user's version after the change. */
export const QuickReplyResult = z.object({ version: Version, reply: QuickReply });
export type QuickReplyResult = z.infer<typeof QuickReplyResult>;

/** `quickReply:changed`: a reply was saved or deleted on another device of mine. */
export const QuickReplyChangedEvent = QuickReplyResult;
export type QuickReplyChangedEvent = QuickReplyResult;
