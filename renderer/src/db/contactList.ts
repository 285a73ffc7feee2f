/**
 * The contact list (contacts, and people who wrote to me without being contacts) kept in memory
 * and patched with what changed (issue 10, the seller's shape). A live query over
 * `contacts.toArray()` + `conversations.toArray()` re-read both tables — 10,000 + 10,000 rows for a
 * seller — on every catch-up page and every presence event. Here both tables are read once; then
 * Dexie's `storagemutated` event (this window, other windows, workers) names the primary keys a
 * transaction wrote, and only those rows are read again (`bulkGet`). A range it cannot name (a
 * `clear()`, a `deleteRange`) reloads the whole list. Every snapshot says which people changed,
 * so what derives from it (the tree's sorted sections) can patch itself too.
 */
import { Dexie, RangeSet, cmp, type IntervalTree, type ObservabilitySet } from 'dexie';
import { conversationIdFor } from '../../../shared/protocol';
import { heldPartners, type HeldState } from './held';
import type { ContactListItem } from './rows/contacts';
import type { ContactRow, ConversationRow, TradewindDb } from './schema';

export type { ContactListItem };

export interface ContactListSnapshot {
  /**
   * Everyone in the list by member id: my contacts and people who wrote to me — except those
   * held as message requests (db/held.ts: the Requests list shows them, or they were ignored or
   * blocked there), so no message goes unseen.
   */
  items: ReadonlyMap<string, ContactListItem>;
  /** Bumped by every snapshot. */
  version: number;
  /** Member ids added, changed or gone since snapshot `version - 1`; null: everything may have. */
  changed: ReadonlySet<string> | null;
}

/** What a batch of writes touched, by primary key; `all` when a key range could not be named. */
export interface Dirty {
  all: boolean;
  contacts: Set<string>;
  conversations: Set<string>;
  requests: boolean;
}

export const nothingDirty = (): Dirty => ({
  all: false,
  contacts: new Set(),
  conversations: new Set(),
  requests: false,
});

/**
 * Notes in `into` what a `storagemutated` event says about the list's tables of database `name`
 * (its primary-key parts: `idb://<name>/<table>/`); whether any of it concerns the list.
 */
export function noteMutations(parts: ObservabilitySet, name: string, into: Dirty): boolean {
  const prefix = `idb://${name}/`;
  let relevant = false;
  for (const [part, tree] of Object.entries(parts)) {
    if (!part.startsWith(prefix)) continue;
    const [table, index] = part.slice(prefix.length).split('/');
    if (table === 'contactRequests') {
      into.requests = relevant = true;
    } else if (index === '' && (table === 'contacts' || table === 'conversations')) {
      relevant = true;
      if (!addKeys(tree, into[table])) into.all = true;
    }
  }
  return relevant;
}

/**
 * Adds the keys of one mutated part to `into`; false when the part holds a range wider than a
 * key (a `clear()`, a `deleteRange`: then the caller reads everything).
 */
function addKeys(tree: IntervalTree, into: Set<string>): boolean {
  for (const node of RangeSet(tree)) {
    if (typeof node.from !== 'string' || cmp(node.from, node.to) !== 0) return false;
    into.add(node.from);
  }
  return true;
}

/**
 * The list itself, without the database: the rows it was given, and the items derived from
 * them. `reset` takes whole tables, `apply` the rows of some keys (undefined: deleted) and says
 * whose item changed. Each change makes a new `items` map (one copy per batch), so a snapshot
 * handed out earlier never changes under its reader.
 */
export class ContactListModel {
  private readonly contacts = new Map<string, ContactRow>();
  /** Conversations by id, and which id each partner has (a non-contact is listed by it). */
  private readonly conversations = new Map<string, ConversationRow>();
  private readonly byPartner = new Map<string, string>();
  private held = new Map<string, HeldState>();
  items: ReadonlyMap<string, ContactListItem> = new Map();

  constructor(private readonly me: string) {}

  reset(
    contacts: readonly ContactRow[],
    conversations: readonly ConversationRow[],
    held: Map<string, HeldState>,
  ): void {
    this.contacts.clear();
    this.conversations.clear();
    this.byPartner.clear();
    for (const c of contacts) this.contacts.set(c.memberId, c);
    for (const c of conversations) {
      this.conversations.set(c.id, c);
      this.byPartner.set(c.partner, c.id);
    }
    this.held = held;
    const items = new Map<string, ContactListItem>();
    for (const id of new Set([...this.contacts.keys(), ...this.byPartner.keys()])) {
      const item = this.itemOf(id);
      if (item) items.set(id, item);
    }
    this.items = items;
  }

  /** Applies rows read again by key (undefined: gone) and, when read, who is held; who changed. */
  apply(
    contacts: readonly [string, ContactRow | undefined][],
    conversations: readonly [string, ConversationRow | undefined][],
    held?: Map<string, HeldState>,
  ): Set<string> {
    const touched = new Set<string>();
    for (const [id, row] of contacts) {
      touched.add(id);
      if (row) this.contacts.set(id, row);
      else this.contacts.delete(id);
    }
    for (const [id, row] of conversations) {
      const before = this.conversations.get(id);
      if (before) {
        touched.add(before.partner);
        if (this.byPartner.get(before.partner) === id) this.byPartner.delete(before.partner);
      }
      if (row) {
        this.conversations.set(id, row);
        this.byPartner.set(row.partner, id);
        touched.add(row.partner);
      } else this.conversations.delete(id);
    }
    if (held) {
      for (const id of new Set([...held.keys(), ...this.held.keys()]))
        if (held.get(id) !== this.held.get(id)) touched.add(id);
      this.held = held;
    }
    const changed = new Set<string>();
    let items: Map<string, ContactListItem> | null = null;
    for (const id of touched) {
      const before = this.items.get(id);
      const after = this.itemOf(id);
      if (before === undefined && after === undefined) continue;
      if (before && after && sameItem(before, after)) continue;
      items ??= new Map(this.items);
      if (after) items.set(id, after);
      else items.delete(id);
      changed.add(id);
    }
    if (items) this.items = items;
    return changed;
  }

  private itemOf(memberId: string): ContactListItem | undefined {
    if (this.held.has(memberId)) return undefined;
    const contact = this.contacts.get(memberId) ?? null;
    if (!contact && !this.byPartner.has(memberId)) return undefined;
    const conversationId = conversationIdFor(this.me, memberId);
    const conv = this.conversations.get(conversationId);
    return {
      memberId,
      displayName: contact?.displayName ?? memberId,
      contact,
      conversationId,
      unread: conv?.unread ?? 0,
      lastActivityAt: conv?.lastActivityAt ?? null,
      lastText: conv?.lastText ?? null,
      lastSender: conv?.lastSender ?? null,
      lastRunSince: conv?.lastRunSince ?? null,
    };
  }
}

/**
 * The model kept up to date from the database: read whole once, then by the keys each
 * `storagemutated` event names; a snapshot per batch, for useSyncExternalStore.
 */
export class ContactListStore {
  private readonly model: ContactListModel;
  private snapshot: ContactListSnapshot | undefined;
  private readonly listeners = new Set<() => void>();
  private dirty: Dirty = { ...nothingDirty(), all: true };
  private running = false;
  private started = false;

  constructor(
    private readonly db: TradewindDb,
    me: string,
  ) {
    this.model = new ContactListModel(me);
  }

  /** The current snapshot; undefined until the first read finished. */
  readonly getSnapshot = (): ContactListSnapshot | undefined => this.snapshot;

  /** useSyncExternalStore's subscribe: the first listener starts listening, the last one stops. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      Dexie.on('storagemutated', this.onMutated);
      // What happened while nobody listened is unknown: read everything once more.
      this.dirty.all = true;
      void this.flush();
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.started) {
        this.started = false;
        Dexie.on('storagemutated').unsubscribe(this.onMutated);
      }
    };
  };

  private readonly onMutated = (parts: ObservabilitySet): void => {
    if (noteMutations(parts, this.db.name, this.dirty)) void this.flush();
  };

  /** Applies what is dirty, again while writes arrive during a read; one snapshot per round. */
  private async flush(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.started && isDirty(this.dirty)) {
        const work = this.dirty;
        this.dirty = nothingDirty();
        const changed = work.all ? await this.reload() : await this.patch(work);
        if (changed === null || changed.size > 0) this.publish(changed);
      }
    } catch (e) {
      // The database closed (sign-out) or failed: the next write starts over from a full read.
      if (this.started) console.warn('contact list', e);
      this.dirty.all = true;
    } finally {
      this.running = false;
    }
  }

  private publish(changed: ReadonlySet<string> | null): void {
    this.snapshot = { items: this.model.items, version: (this.snapshot?.version ?? 0) + 1, changed };
    for (const l of [...this.listeners]) l();
  }

  private async reload(): Promise<null> {
    const { db } = this;
    const [contacts, conversations, held] = await db.transaction(
      'r',
      [db.contacts, db.conversations, db.contactRequests],
      () => Promise.all([db.contacts.toArray(), db.conversations.toArray(), heldPartners(db)]),
    );
    this.model.reset(contacts, conversations, held);
    return null;
  }

  private async patch(work: Dirty): Promise<Set<string>> {
    const { db } = this;
    const contactIds = [...work.contacts];
    const conversationIds = [...work.conversations];
    // A changed contact may be a requester I blocked or unblocked: who is held follows contacts too.
    const readHeld = work.requests || contactIds.length > 0;
    const [contacts, conversations, held] = await db.transaction(
      'r',
      [db.contacts, db.conversations, db.contactRequests],
      () =>
        Promise.all([
          db.contacts.bulkGet(contactIds),
          db.conversations.bulkGet(conversationIds),
          readHeld ? heldPartners(db) : Promise.resolve(undefined),
        ]),
    );
    return this.model.apply(
      contactIds.map((id, i) => [id, contacts[i]]),
      conversationIds.map((id, i) => [id, conversations[i]]),
      held,
    );
  }
}

function isDirty(d: Dirty): boolean {
  return d.all || d.requests || d.contacts.size > 0 || d.conversations.size > 0;
}

/** Whether two items show the same (a conversation write that only moved a receipt changes nothing here). */
function sameItem(a: ContactListItem, b: ContactListItem): boolean {
  return (
    a.contact === b.contact &&
    a.displayName === b.displayName &&
    a.unread === b.unread &&
    a.lastActivityAt === b.lastActivityAt &&
    a.lastText === b.lastText &&
    a.lastSender === b.lastSender &&
    a.lastRunSince === b.lastRunSince
  );
}

const stores = new WeakMap<TradewindDb, Map<string, ContactListStore>>();

/** The one store of a database and account (shared by every component that shows the list). */
export function contactListStore(db: TradewindDb, me: string): ContactListStore {
  let byMe = stores.get(db);
  if (!byMe) stores.set(db, (byMe = new Map<string, ContactListStore>()));
  let store = byMe.get(me);
  if (!store) byMe.set(me, (store = new ContactListStore(db, me)));
  return store;
}
