/**
 * Row types of the tables Dexie version 2 adds (issue 3), owned by the contacts feature. They
 * live down here with db/schema.ts, which declares the tables, so db/ imports no feature.
 */
import type { Contact, ContactGroup, ContactRequest, PresenceSetting } from '../../../../shared/protocol';
import type { Deadline } from '../../../../shared/domain/waitingClock';
import type { ErrorCode } from '../../../../shared/result';

/** A contact as stored (the `contacts` table, db/schema.ts). */
export interface ContactRow {
  memberId: string;
  displayName: string;
  user: Contact['user'];
  presence: Contact['presence'];
  blocked: boolean;
  groupId: string | null;
  pinned: boolean;
  note: string;
  addedAt: string;
}

/** One person of the contact list (db/contactList.ts): a contact, or someone who wrote to me. */
export interface ContactListItem {
  memberId: string;
  displayName: string;
  /** null for someone who wrote to me but is not in my contacts. */
  contact: ContactRow | null;
  conversationId: string;
  unread: number;
  lastActivityAt: string | null;
  lastText: string | null;
  /** Who wrote last and since when their run waits (issue 11: the Unanswered queue). */
  lastSender: string | null;
  lastRunSince: string | null;
}

/** One of my groups as the server last told us, with local (not yet acked) edits applied. */
export type GroupRow = ContactGroup;

/** An edit of my contact tree, made locally; replayed to the server in order. */
export type GroupEdit =
  | { kind: 'create'; id: string; name: string; position?: number }
  | { kind: 'rename'; id: string; name: string }
  | { kind: 'collapse'; id: string; collapsed: boolean }
  | { kind: 'reorder'; order: string[] }
  | { kind: 'delete'; id: string }
  | { kind: 'move'; memberIds: string[]; groupId: string | null }
  | { kind: 'pin'; memberId: string; pinned: boolean }
  /**
   * `baseNote`: the text this edit started from. The note editor passes the text the user began
   * typing on; otherwise `editGroups` takes the stored note. The server merges when it differs.
   */
  | { kind: 'note'; memberId: string; note: string; baseNote?: string };

export interface GroupEditRow {
  /** Auto-increment: the order the user made the edits in. */
  id?: number;
  edit: GroupEdit;
  /** The user version this device had synced when the edit was made. */
  baseVersion: number;
  createdAt: string;
  /** Failed attempts so far (for the backoff); absent = none. */
  attempts?: number;
  /** Not before this time (ms since epoch); absent or 0 = now. */
  nextAttemptAt?: number;
  lastError?: ErrorCode;
}

/** An edit the server refused for good (it was dropped and undone), for the sentence the tree shows. */
export interface RefusedEdit {
  kind: GroupEdit['kind'];
  code: ErrorCode;
  /** The contact a note, pin or move was about (the first one of a move). */
  memberId?: string;
  /** A refused note's text, shown so the user can copy it: their words are not lost. */
  note?: string;
  at: string;
}

/** A contact request between me and `memberId` (one per pair). */
export type ContactRequestRow = ContactRequest & { memberId: string };

/** Per conversation: the waiting-clock deadline and which of its notifications were shown. */
export interface ConversationPrefsRow {
  conversationId: string;
  deadline: Deadline | null;
  /** `notificationKey(...)` values already shown, so each fires once. */
  shownNotifications: string[];
}

/** Small local preferences and sync state. */
export type PrefRow =
  /** The highest user version of groups/placement applied from `group:list`. */
  | { key: 'groupVersion'; value: number }
  /** The status the user chose in the status menu. */
  | { key: 'presenceSetting'; value: PresenceSetting }
  /** Minutes without input before "online" turns into "away"; 0 = never. */
  | { key: 'awayAfterMinutes'; value: number }
  /** Settings › Notifications (issue 12): desktop notifications (default on), sound (default off). */
  | { key: 'desktopNotifications'; value: boolean }
  | { key: 'notificationSound'; value: boolean }
  /** Member ids whose messages neither notify nor sound. */
  | { key: 'mutedContacts'; value: string[] }
  /** Settings › Translation: incoming messages translated automatically (default on). */
  | { key: 'autoTranslate'; value: boolean }
  /** Whether the built-in sections of the contact tree are collapsed (groups sync theirs). */
  | { key: 'treeCollapsed'; value: { favourites: boolean; unsorted: boolean } }
  /** The last offline group edit the server refused, until the user dismisses the sentence. */
  | { key: 'groupEditRefused'; value: RefusedEdit }
  /** The contact tree's first screen as last shown (issue 10; features/contacts/treeHead.ts). */
  | { key: 'treeHead'; value: TreeHead };

/**
 * The first lines of the contact tree as it last drew them, and how many lines it had: what a
 * reload draws before the whole list is read (issue 10, a seller's 10,000 conversations).
 */
export interface TreeHead {
  /** Whose list it is (one database holds one account; checked all the same). */
  me: string;
  lines: HeadLine[];
  /** All the lines of the tree (the scroll height while only the head is known). */
  total: number;
}

/** One line of a kept head: as features/contacts/tree.ts FlatRow, its section without people. */
export type HeadLine = {
  key: string;
  section: {
    kind: 'favourites' | 'group' | 'unsorted';
    id: string;
    name: string;
    collapsed: boolean;
    online: number;
    total: number;
  };
} & (
  | { kind: 'header'; position: number; size: number }
  | { kind: 'item'; item: ContactListItem; position: number; size: number }
  | { kind: 'empty' }
);
