/**
 * Payload schemas of the socket protocol. Both sides parse every payload with these; the
 * TypeScript types are inferred from them so the two cannot drift. docs/protocol.md documents
 * each one in prose; keep them together.
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { text, textContent } from './text';

// ---------------------------------------------------------------------------------------------
// Identity and profile

/** Member ids are the user-visible account ids (like TradeManager's): lower case, 3–32 chars. */
export const MemberId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{2,31}$/, 'A member id is 3–32 letters, digits, dots, dashes or underscores.');
export type MemberId = z.infer<typeof MemberId>;

export const Role = z.enum(['buyer', 'seller']);
export type Role = z.infer<typeof Role>;

/** An IANA time zone name the runtime knows (Intl validates it). */
export const TimeZone = z
  .string()
  .max(64, 'Unknown IANA time zone.')
  .refine(isKnownTimeZone, 'Unknown IANA time zone.');

function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A BCP 47 language code as DeepL uses them: "pl", "zh", "pt-BR", "en-US". */
export const LanguageCode = z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/, 'Not a language code.');

const Minute = z
  .number()
  .int()
  .min(0)
  .max(24 * 60);
/** Opening hours for one weekday, minutes after local midnight; `end` > `start`. */
export const DayHours = z
  .object({ start: Minute, end: Minute })
  .refine((h) => h.end > h.start, 'Closing time must be after opening time.');
/** Index 0 = Monday … 6 = Sunday (ISO weekday - 1); an empty array means closed that day. */
export const BusinessHours = z.array(z.array(DayHours).max(4)).length(7);
export type BusinessHours = z.infer<typeof BusinessHours>;

const Company = text({ field: 'company name', max: 120, trim: true });
const Country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Country is an ISO 3166 two-letter code.')
  .or(z.literal(''));
const Languages = z.array(LanguageCode).max(10);

export const Profile = z.object({
  company: Company.default(''),
  country: Country.default(''),
  timeZone: TimeZone.default('UTC'),
  languages: Languages.default([]),
  /** Absent = not published: clients then say nothing about being at work. */
  businessHours: BusinessHours.optional(),
});
export type Profile = z.infer<typeof Profile>;

/**
 * The fields of a profile to change. Not `Profile.partial()`: zod 4 applies `.default()` inside
 * `.partial()`, so `{ company }` would silently reset the time zone, country and languages.
 * `businessHours: null` withdraws published hours ("not published": the `Profile` then has no
 * `businessHours`); an absent `businessHours` keeps them as they are.
 */
export const ProfilePatch = z.object({
  company: Company.optional(),
  country: Country.optional(),
  timeZone: TimeZone.optional(),
  languages: Languages.optional(),
  businessHours: BusinessHours.nullable().optional(),
});

export const ContactPolicy = z.enum(['anyone', 'ask']);
export type ContactPolicy = z.infer<typeof ContactPolicy>;

/**
 * Who sees my presence and last seen (docs/protocol.md § Presence): `everyone` who lists me as a
 * contact, only my `contacts` (people I list too), or `nobody`.
 */
export const PresenceVisibility = z.enum(['everyone', 'contacts', 'nobody']);
export type PresenceVisibility = z.infer<typeof PresenceVisibility>;

/**
 * The visibility a new account starts with: a seller's status is for every buyer who adds them
 * (`everyone`); a buyer's stays private until they add the other side back (`contacts`).
 */
export const defaultPresenceVisibility = (role: Role): PresenceVisibility =>
  role === 'seller' ? 'everyone' : 'contacts';

/** What anyone who knows the member id may see. */
export const PublicUser = z.object({
  memberId: MemberId,
  displayName: z.string(),
  role: Role,
  profile: Profile,
  memberSince: z.string(), // ISO 8601 UTC
});
export type PublicUser = z.infer<typeof PublicUser>;

/** The signed-in user, as they see themselves. */
export const Me = PublicUser.extend({
  contactPolicy: ContactPolicy,
  /** Who sees my presence and last seen. */
  presenceVisibility: PresenceVisibility,
  /** Language the user reads in; incoming messages are translated into it. */
  readLanguage: LanguageCode,
});
export type Me = z.infer<typeof Me>;

// ---------------------------------------------------------------------------------------------
// Auth

/** A new password. Sign-in takes any string of a valid length: it is compared, never stored. */
export const Password = text({
  field: 'password',
  min: LIMITS.passwordMin,
  max: LIMITS.passwordMax,
  tooShort: `A password has at least ${LIMITS.passwordMin} characters.`,
});

/** Shown to everyone who knows the member id, and signed into attestations. */
const DisplayName = text({ field: 'display name', min: 1, max: LIMITS.displayName, trim: true });

/** The name of the device a session was opened on (shown in the session list). */
const DeviceName = text({ field: 'device name', max: 64 });
/** The operating system of that device ("Windows", "Linux" …; shown in the session list). */
const DevicePlatform = text({ field: 'device platform', max: 32 });

export const SignUpRequest = z.object({
  memberId: MemberId,
  displayName: DisplayName,
  password: Password,
  role: Role,
  profile: Profile.default({ company: '', country: '', timeZone: 'UTC', languages: [] }),
  readLanguage: LanguageCode.optional(),
  deviceName: DeviceName.optional(),
  platform: DevicePlatform.optional(),
});
export type SignUpRequest = z.input<typeof SignUpRequest>;

export const SignInRequest = z.object({
  memberId: MemberId,
  password: z.string().min(1).max(LIMITS.passwordMax),
  deviceName: DeviceName.optional(),
  platform: DevicePlatform.optional(),
  /**
   * The SHA-256 (hex) of a session token this device was given for this member before (even
   * signed out or expired): marks a known device, which other people's failed attempts never
   * throttle. A hash, so the marker a device keeps cannot sign anybody in.
   */
  deviceMarker: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type SignInRequest = z.input<typeof SignInRequest>;

/** `everywhere: true` revokes every session of the user, not only this one. */
export const SignOutRequest = z.object({ everywhere: z.boolean().optional() }).strict();
export type SignOutRequest = z.input<typeof SignOutRequest>;

export const Session = z.object({ token: z.string(), user: Me });
export type Session = z.infer<typeof Session>;

export const ProfileUpdate = z.object({
  displayName: DisplayName.optional(),
  profile: ProfilePatch.optional(),
  contactPolicy: ContactPolicy.optional(),
  presenceVisibility: PresenceVisibility.optional(),
  readLanguage: LanguageCode.optional(),
});
export type ProfileUpdate = z.input<typeof ProfileUpdate>;

// ---------------------------------------------------------------------------------------------
// Presence

/** What a device reports. `invisible` = "appear offline". */
export const PresenceSetting = z.enum(['online', 'away', 'busy', 'invisible']);
export type PresenceSetting = z.infer<typeof PresenceSetting>;
/** What contacts see. */
export const PresenceState = z.enum(['online', 'away', 'busy', 'offline']);
export type PresenceState = z.infer<typeof PresenceState>;

export const Presence = z.object({
  memberId: MemberId,
  state: PresenceState,
  /** ISO time the user was last connected; null while connected or when never seen. */
  lastSeen: z.string().nullable(),
});
export type Presence = z.infer<typeof Presence>;

// ---------------------------------------------------------------------------------------------
// Contacts

export const Contact = z.object({
  user: PublicUser,
  /** I blocked them. */
  blocked: z.boolean(),
  presence: Presence,
  /** Group id in the owner's contact tree (issue 3); null = "Unsorted". */
  groupId: z.string().nullable().default(null),
  pinned: z.boolean().default(false),
  note: z.string().max(LIMITS.note).default(''),
  addedAt: z.string(),
});
export type Contact = z.infer<typeof Contact>;

export const MemberRef = z.object({ memberId: MemberId });
export const BlockRequest = z.object({ memberId: MemberId, blocked: z.boolean() });

// ---------------------------------------------------------------------------------------------
// Messages

export const ClientId = z.uuid();
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'Not a SHA-256 hex digest.');

/** A reference to an order or product on a trading platform, carried by a message. */
export const OrderRef = z.object({
  orderNo: text({ field: 'order number', max: 64, trim: true }).optional(),
  productId: text({ field: 'product id', max: 64, trim: true }).optional(),
  title: text({ field: 'product title', max: 200, trim: true }).optional(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048, 'The product link has at most 2048 characters.')
    .superRefine(textContent('product link'))
    .optional(),
  price: text({ field: 'price', max: 32, trim: true }).optional(),
  quantity: z.number().int().positive().max(1e9).optional(),
});
export type OrderRef = z.infer<typeof OrderRef>;

export const AttachmentRef = z.object({
  sha256: Sha256Hex,
  name: text({ field: 'attachment name', max: 255 }),
  mime: text({ field: 'attachment type', max: 100 }),
  size: z.number().int().nonnegative().max(LIMITS.attachmentBytes),
  width: z.number().int().positive().max(LIMITS.imageSide).optional(),
  height: z.number().int().positive().max(LIMITS.imageSide).optional(),
});
export type AttachmentRef = z.infer<typeof AttachmentRef>;

/** A translation the sender saw and approved before sending (issue 4). */
export const ApprovedTranslation = z.object({
  text: text({ field: 'approved translation', max: LIMITS.textChars * 2, multiline: true }),
  lang: LanguageCode,
});

/**
 * An edit or a retraction (issue 11): a message of its own in the chain that refers to an earlier
 * message of the same sender by seq. The referred message is never rewritten. An edit carries the
 * new text (and its approved translation); a retraction carries nothing.
 */
export const MessageChange = z.object({
  kind: z.enum(['edit', 'retract']),
  seq: z.number().int().positive().max(LIMITS.int32),
});
export type MessageChange = z.infer<typeof MessageChange>;

/**
 * A reply (issue 11): the message quotes an earlier message of the same conversation by seq. The
 * server checks that the seq exists there; the quoted message is not copied, only referred to.
 */
export const ReplyTo = z.object({
  seq: z.number().int().positive().max(LIMITS.int32),
});
export type ReplyTo = z.infer<typeof ReplyTo>;

/**
 * Marks a message the server sent on its sender's behalf (issue 11): `away` is the automatic
 * reply a seller who is away (outside their published hours, or away/offline) sends to whoever
 * writes, once per conversation per away period. `backAt` is the instant (ISO 8601 UTC) the
 * seller's hours next open, or null when unknown; each reader's client renders it in their own
 * language and time zone. Never sent by clients: `message:send` has no such field.
 */
export const AutomaticReply = z.object({
  kind: z.literal('away'),
  backAt: z.iso.datetime({ offset: false }).nullable(),
});
export type AutomaticReply = z.infer<typeof AutomaticReply>;

export const SendMessageRequest = z
  .object({
    to: MemberId,
    clientId: ClientId,
    text: text({
      field: 'message text',
      max: LIMITS.textChars,
      multiline: true,
      tooLong: `A message has at most ${LIMITS.textChars} characters.`,
    }),
    /** Language of `text` as the sender's client detected or chose it. */
    lang: LanguageCode.optional(),
    translation: ApprovedTranslation.optional(),
    attachments: z.array(AttachmentRef).max(LIMITS.attachmentsPerMessage).default([]),
    order: OrderRef.optional(),
    /** This message edits or retracts the sender's message `change.seq` of the conversation. */
    change: MessageChange.optional(),
    /** This message replies to (quotes) message `replyTo.seq` of the conversation. */
    replyTo: ReplyTo.optional(),
  })
  .refine(
    (m) =>
      m.change?.kind === 'retract' ||
      m.text.trim().length > 0 ||
      m.attachments.length > 0 ||
      m.order !== undefined,
    { message: 'A message needs text, an attachment or an order.' },
  )
  .refine((m) => m.change?.kind !== 'edit' || (m.attachments.length === 0 && m.order === undefined), {
    message: 'An edit changes only the text: it has no attachments and no order.',
  })
  .refine((m) => m.change?.kind !== 'edit' || m.text.trim().length > 0, {
    message: 'An edit needs the new text; to take a message back, retract it.',
  })
  .refine(
    (m) =>
      m.change?.kind !== 'retract' ||
      (m.text === '' && m.attachments.length === 0 && m.order === undefined && m.translation === undefined),
    { message: 'A retraction carries no text, attachments, order or translation.' },
  )
  .refine((m) => m.change === undefined || m.replyTo === undefined, {
    message: 'An edit or a retraction is not a reply: reply with a new message.',
  });
export type SendMessageRequest = z.input<typeof SendMessageRequest>;

/**
 * The parts of a stored message as the server sends them back: shapes only. A stored message is
 * what it is — checked by the rules of the server that stored it, and covered by its hash as
 * stored — so a reader holds it to no request rule: a rule added later (the text rules, a trim)
 * would refuse, or transform, a message stored before it, and one such message refuses the whole
 * sync page it arrives in, so a new device could never catch up past it. Same shapes as
 * docs/evidence.md's verifier reads (shared/evidence/format.ts).
 */
const StoredTranslation = z.object({ text: z.string(), lang: z.string() });
const StoredAttachmentRef = z.object({
  sha256: Sha256Hex,
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
});
const StoredOrderRef = z.object({
  orderNo: z.string().optional(),
  productId: z.string().optional(),
  title: z.string().optional(),
  url: z.string().optional(),
  price: z.string().optional(),
  quantity: z.number().optional(),
});

/** A stored message as the server sends it (its stored parts: the comment above). */
/**
 * A message's place in the Merkle tree its group commit signed (shared/evidence/batch.ts, RFC 9162
 * § 2.1.3): leaf `index` of `size` leaves, the audit path from the leaf up. Not strict, as the rest of
 * a server's answer: a later server may add a member without breaking this client's parse (the
 * bundle's own schema, shared/evidence/format.ts, stays strict).
 */
export const BatchProof = z.object({
  index: z.number().int().nonnegative(),
  size: z
    .number()
    .int()
    .min(2)
    .max(2 ** 31 - 1),
  path: z.array(Sha256Hex).max(31),
});
export type BatchProof = z.infer<typeof BatchProof>;

export const Message = z.object({
  conversationId: z.string(),
  seq: z.number().int().positive(),
  clientId: ClientId,
  sender: MemberId,
  text: z.string(),
  lang: z.string().nullable(),
  translation: StoredTranslation.nullable(),
  attachments: z.array(StoredAttachmentRef),
  order: StoredOrderRef.nullable(),
  /** Set on an edit or a retraction; absent or null on an ordinary message (and from older servers). */
  change: MessageChange.nullable().optional(),
  /** Set on a reply; absent or null otherwise (and from servers older than replies). */
  replyTo: ReplyTo.nullable().optional(),
  /** Set on an automatic reply the server sent for `sender`; absent or null otherwise (and from older servers). */
  automatic: AutomaticReply.nullable().optional(),
  /** Server time, ISO 8601 UTC with milliseconds. */
  sentAt: z.string(),
  prevHash: Sha256Hex,
  hash: Sha256Hex,
  /**
   * Ed25519 signature by the server key, hex: of `hash` itself, or — with `proof` — of the root of
   * the group commit's Merkle tree that `proof` leads to (docs/evidence.md § Batch signatures).
   */
  signature: z.string().regex(/^[0-9a-f]{128}$/),
  /** Set when the message was signed with others of its group commit; absent or null otherwise (and from older servers). */
  proof: BatchProof.nullable().optional(),
});
export type Message = z.infer<typeof Message>;

export const SendAck = z.object({
  conversationId: z.string(),
  seq: z.number().int().positive(),
  sentAt: z.string(),
  hash: Sha256Hex,
  signature: z.string(),
  /** As `Message.proof`: set when the message was signed with others of its group commit. */
  proof: BatchProof.nullable().optional(),
  /** true when this clientId had already been stored (a re-send after a lost ack). */
  duplicate: z.boolean(),
});
export type SendAck = z.infer<typeof SendAck>;

export const ConversationSummary = z.object({
  id: z.string(),
  participants: z.array(MemberId).length(2),
  lastSeq: z.number().int().nonnegative(),
  /** Per participant: highest seq their devices confirmed delivered, and read. */
  receipts: z.record(z.string(), z.object({ delivered: z.number().int(), read: z.number().int() })),
  createdAt: z.string(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

/** A conversation id as a request names it; one that is not a conversation id is `forbidden`. */
export const ConversationIdField = text({ field: 'conversation id', max: 200 });

/**
 * `sync:conversations`: `{}` answers every conversation (as clients before paging expect); with
 * `limit`, one page of at most `limit` summaries in id order after the id `after` (keyset paging:
 * a shorter page is the last).
 */
export const SyncConversationsRequest = z
  .object({
    after: ConversationIdField.optional(),
    limit: z.number().int().positive().max(LIMITS.conversationsPage).optional(),
  })
  .strict()
  .refine((r) => r.after === undefined || r.limit !== undefined, {
    message: '`after` pages: give `limit` with it.',
  });
export type SyncConversationsRequest = z.infer<typeof SyncConversationsRequest>;

export const SyncMessagesRequest = z.object({
  conversationId: ConversationIdField,
  afterSeq: z.number().int().nonnegative().max(LIMITS.int32),
  limit: z.number().int().positive().max(LIMITS.syncPage).default(LIMITS.syncPage),
});
export const SyncMessagesResponse = z.object({ messages: z.array(Message), hasMore: z.boolean() });
export type SyncMessagesResponse = z.infer<typeof SyncMessagesResponse>;

/** One conversation of a `sync:batch` request: its messages after `afterSeq`. */
export const SyncCursor = z.object({
  conversationId: ConversationIdField,
  afterSeq: z.number().int().nonnegative().max(LIMITS.int32),
});
export type SyncCursor = z.infer<typeof SyncCursor>;

/** A list of per-conversation items (cursors, receipts) names each conversation at most once. */
function eachConversationOnce(items: readonly { conversationId: string }[], ctx: z.RefinementCtx): void {
  const seen = new Set<string>();
  for (const [i, item] of items.entries()) {
    if (seen.has(item.conversationId))
      ctx.addIssue({
        code: 'custom',
        path: [i, 'conversationId'],
        message: 'This conversation id is named twice; name each conversation once.',
      });
    seen.add(item.conversationId);
  }
}

/**
 * `sync:batch` (issue 10): the catch-up of many conversations in one request, as Matrix's /sync
 * answers many rooms at once. One page of at most `limit` messages per cursor, and at most
 * `LIMITS.syncBatchMessages` in the whole answer, filled in the order of `cursors`.
 */
export const SyncBatchRequest = z.object({
  cursors: z
    .array(SyncCursor)
    .min(1, 'Name at least one conversation.')
    .max(
      LIMITS.syncBatchConversations,
      `A sync:batch request names at most ${LIMITS.syncBatchConversations} conversations.`,
    )
    .superRefine(eachConversationOnce),
  /**
   * Messages per conversation (each cursor's page): up to the whole answer's budget, so one long
   * conversation comes in answers of 1000 (issue 10); 200 when absent, as before.
   */
  limit: z.number().int().positive().max(LIMITS.syncBatchMessages).default(LIMITS.syncPage),
});
export type SyncBatchRequest = z.input<typeof SyncBatchRequest>;

/**
 * A conversation's page in a `sync:batch` answer: messages with `seq > afterSeq`, ascending.
 * `hasMore` = ask again after the last seq received (after `afterSeq` when the page is empty:
 * the answer's message budget ran out before this conversation).
 */
export const SyncPage = z.object({
  conversationId: z.string(),
  messages: z.array(Message),
  hasMore: z.boolean(),
});
export type SyncPage = z.infer<typeof SyncPage>;

/** One page per cursor, in the order of the request's `cursors`. */
export const SyncBatchResponse = z.object({ pages: z.array(SyncPage) });
export type SyncBatchResponse = z.infer<typeof SyncBatchResponse>;

export const ReceiptRequest = z.object({
  conversationId: ConversationIdField,
  kind: z.enum(['delivered', 'read']),
  upToSeq: z.number().int().positive().max(LIMITS.int32),
});
export type ReceiptRequest = z.infer<typeof ReceiptRequest>;

/**
 * `message:receipts` (issue 10): the receipts a catch-up owes, many conversations per request (a
 * seller's new device owes thousands of `delivered`), each exactly what `message:receipt` with the
 * same fields would record. Each conversation at most once per request.
 */
export const ReceiptsRequest = z.object({
  receipts: z
    .array(ReceiptRequest)
    .min(1, 'Name at least one conversation.')
    .max(
      LIMITS.receiptsBatch,
      `A message:receipts request names at most ${LIMITS.receiptsBatch} conversations.`,
    )
    .superRefine(eachConversationOnce),
});
export type ReceiptsRequest = z.infer<typeof ReceiptsRequest>;

export const ReceiptEvent = z.object({
  conversationId: z.string(),
  memberId: MemberId,
  delivered: z.number().int(),
  read: z.number().int(),
});
export type ReceiptEvent = z.infer<typeof ReceiptEvent>;

/** The stored marks after `message:receipts`, one per receipt, in the request's order. */
export const ReceiptsResponse = z.object({ receipts: z.array(ReceiptEvent) });
export type ReceiptsResponse = z.infer<typeof ReceiptsResponse>;

export const TypingRequest = z.object({ to: MemberId, typing: z.boolean() });
export const TypingEvent = z.object({ conversationId: z.string(), memberId: MemberId, typing: z.boolean() });
export type TypingEvent = z.infer<typeof TypingEvent>;

export const Empty = z.object({}).strict();

export const PresenceSetRequest = z.object({ setting: PresenceSetting });

export const ContactChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('upsert'), contact: Contact }),
  z.object({ kind: z.literal('removed'), memberId: MemberId }),
]);
export type ContactChange = z.infer<typeof ContactChange>;
