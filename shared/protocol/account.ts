/**
 * The account's devices and settings (issue 12, Settings): the sessions signed in to my account
 * (`session:list`, `session:revoke`) and the settings that follow me to every device
 * (`settings:get`, `settings:update`, pushed as `settings:changed`). docs/protocol.md § Devices
 * and account settings.
 */
import { z } from 'zod';
import { MemberId } from './schemas';
import { text } from './text';

// ---------------------------------------------------------------------------------------------
// Sessions and devices

/** One signed-in session of mine, as Settings › Devices lists it. */
export const SessionInfo = z.object({
  /** The session's id (not its token: an id signs nobody in). */
  id: z.string(),
  /** "Chrome 140", "Tradewind desktop" …; null when the device gave none. */
  deviceName: z.string().nullable(),
  /** "Windows", "macOS", "Linux" …; null when unknown. */
  platform: z.string().nullable(),
  /** When the session was opened (sign-in), ISO 8601 UTC. */
  createdAt: z.string(),
  /** When the session was last in use (connected, or a request on it), ISO 8601 UTC. */
  lastActiveAt: z.string(),
  /** A socket of this session is connected now, on any node. */
  connected: z.boolean(),
  /** The session this request came from ("this device"). */
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** My live sessions, this one first, then the most recently active. */
export const SessionList = z.array(SessionInfo);

/**
 * Signs out one other device (`sessionId`, one of mine and not this one) or every other one
 * (`others: true`). This session stays; `auth:signOut` ends it.
 */
export const SessionRevokeRequest = z.union([
  z.object({ sessionId: text({ field: 'session id', min: 1, max: 100 }) }).strict(),
  z.object({ others: z.literal(true) }).strict(),
]);
export type SessionRevokeRequest = z.input<typeof SessionRevokeRequest>;

export const SessionRevokeResponse = z.object({
  /** How many sessions were signed out (0 when there was none to sign out). */
  revoked: z.number().int().nonnegative(),
});
export type SessionRevokeResponse = z.infer<typeof SessionRevokeResponse>;

// ---------------------------------------------------------------------------------------------
// Account settings

/** At most this many muted contacts (more than anyone's contact list). */
export const MAX_MUTED = 5000;

/**
 * Settings that are about the account, not the device, so every device of mine has the same:
 * automatic translation of incoming messages, and the contacts whose messages neither notify
 * nor sound. (Reading language, who may add me and who sees my presence are part of `Me`.)
 */
export const AccountSettings = z.object({
  autoTranslate: z.boolean(),
  /** Member ids, sorted. */
  mutedContacts: z.array(MemberId).max(MAX_MUTED),
  /** When they were last changed, ISO 8601 UTC; null = never changed (the defaults). */
  updatedAt: z.string().nullable(),
});
export type AccountSettings = z.infer<typeof AccountSettings>;

/** What a new account starts with. */
export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = {
  autoTranslate: true,
  mutedContacts: [],
  updatedAt: null,
};

/**
 * A change: each field present is changed, the others stay. `mute` changes one contact, so two
 * devices muting two contacts at once both count (a whole list would let the later one win).
 */
export const SettingsUpdate = z
  .object({
    autoTranslate: z.boolean().optional(),
    mute: z.object({ memberId: MemberId, muted: z.boolean() }).strict().optional(),
  })
  .strict();
export type SettingsUpdate = z.input<typeof SettingsUpdate>;
