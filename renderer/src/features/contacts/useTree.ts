/** Live queries and actions of the contact tree, for the tree's container components. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useSyncExternalStore } from 'react';
import {
  contactListStore,
  type ContactListItem,
  type ContactListSnapshot,
  type ContactListStore,
} from '../../db/contactList';
import type { TradewindDb } from '../../db/schema';
import { useSession } from '../../sync/session';
import { editGroups } from './groupRepo';
import { groupSyncOf } from './groupSync';
import type { ContactRequestRow, GroupEdit, GroupRow, RefusedEdit, TreeHead } from '../../db/rows/contacts';
import { patchSorted, sortItems, type TreeItem } from './tree';
import { readHead } from './treeHead';

export type TreeEntry = TreeItem & { item: ContactListItem };

export function toTreeEntry(item: ContactListItem): TreeEntry {
  const c = item.contact;
  return {
    memberId: item.memberId,
    displayName: item.displayName,
    company: c?.user.profile.company ?? '',
    groupId: c?.groupId ?? null,
    pinned: c?.pinned ?? false,
    presence: c?.presence.state ?? 'offline',
    isContact: c !== null,
    item,
  };
}

export function useGroups(db: TradewindDb): GroupRow[] | undefined {
  return useLiveQuery(() => db.groups.toArray(), [db]);
}

/** The list's people as tree entries in section order (tree.ts compareItems), and the snapshot they come from. */
export interface SortedEntries {
  version: number;
  sorted: readonly TreeEntry[];
  byId: ReadonlyMap<string, TreeEntry>;
  /**
   * Set while only the kept first screen is known (treeHead.ts), before the list is read: the
   * tree draws its lines; `sorted` and `byId` hold only their people.
   */
  head?: TreeHead;
}

/** The entries of a kept first screen (version -1: the list's first snapshot replaces them whole). */
export function entriesOfHead(head: TreeHead): SortedEntries {
  const byId = new Map<string, TreeEntry>();
  for (const line of head.lines)
    if (line.kind === 'item') byId.set(line.item.memberId, toTreeEntry(line.item));
  return { version: -1, sorted: sortItems(byId.values()), byId, head };
}

/**
 * The snapshot's people in section order: sorted once, then patched with the people each new
 * snapshot names (a catch-up page, a presence event), O(changes · log n) searches and one copy,
 * no new sort. Pure: `prev` is never changed.
 */
export function nextEntries(prev: SortedEntries | undefined, snap: ContactListSnapshot): SortedEntries {
  if (prev?.version === snap.version) return prev;
  if (!prev || snap.changed === null || prev.version !== snap.version - 1) {
    const byId = new Map<string, TreeEntry>();
    for (const item of snap.items.values()) byId.set(item.memberId, toTreeEntry(item));
    return { version: snap.version, sorted: sortItems(byId.values()), byId };
  }
  const byId = new Map(prev.byId);
  const changes: { before?: TreeEntry; after?: TreeEntry }[] = [];
  for (const id of snap.changed) {
    const item = snap.items.get(id);
    const after = item ? toTreeEntry(item) : undefined;
    changes.push({ before: prev.byId.get(id), after });
    if (after) byId.set(id, after);
    else byId.delete(id);
  }
  return { version: snap.version, sorted: patchSorted(prev.sorted, changes), byId };
}

/**
 * Keeps the sorted entries beside a contact list store: patched on every snapshot it publishes
 * (in its listener, so none is skipped even when React renders once for several). Until the
 * list's first snapshot, the kept first screen (treeHead.ts), read once, stands in for it; the
 * list's own read (every contact and conversation: 20,000 rows for a seller) starts only once that
 * one row is in, so that it does not queue in front of it in IndexedDB and on the main thread.
 */
class EntriesStore {
  private last: SortedEntries | undefined;
  private readonly listeners = new Set<() => void>();
  private off: (() => void) | null = null;
  private headAsked = false;
  private headPending = false;

  constructor(
    private readonly list: ContactListStore,
    private readonly db: TradewindDb,
    private readonly me: string,
  ) {}

  readonly getSnapshot = (): SortedEntries | undefined => {
    const snap = this.list.getSnapshot();
    if (snap && this.last?.version !== snap.version) this.last = nextEntries(this.last, snap);
    return this.last;
  };

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.headAsked && this.list.getSnapshot() === undefined) {
      this.headAsked = true;
      this.headPending = true;
      void readHead(this.db, this.me)
        .then(async (head) => {
          if (!head || this.last || this.list.getSnapshot()) return;
          this.last = entriesOfHead(head);
          this.notify();
          // The head is drawn in the next frame: the list's read (a seller's 20,000 rows, cloned
          // on this thread) waits until that frame is painted instead of running before it.
          await afterNextPaint();
        })
        // No head (or no database any more): the list's own read draws the tree.
        .catch(() => undefined)
        .finally(() => {
          this.headPending = false;
          this.listen();
        });
    } else this.listen();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.off?.();
        this.off = null;
      }
    };
  };

  /** Starts following the list while anyone listens (once the kept first screen is read). */
  private listen(): void {
    if (this.headPending || this.off || this.listeners.size === 0) return;
    this.off = this.list.subscribe(() => {
      this.getSnapshot();
      this.notify();
    });
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }
}

/** A hidden or minimised window runs no animation frame: the list's read starts this late at most (ms). */
export const PAINT_TIMEOUT_MS = 100;

/**
 * Resolves once the next frame has been painted (a task after its animation frame), or after
 * PAINT_TIMEOUT_MS if no frame runs by then (the window hidden or minimised meanwhile), whichever
 * comes first.
 */
export function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== 'function' || document.visibilityState === 'hidden') {
      setTimeout(resolve, 0);
      return;
    }
    const timer = setTimeout(resolve, PAINT_TIMEOUT_MS);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      setTimeout(resolve, 0);
    });
  });
}

const entriesStores = new WeakMap<ContactListStore, EntriesStore>();

function entriesStore(db: TradewindDb, me: string): EntriesStore {
  const list = contactListStore(db, me);
  let store = entriesStores.get(list);
  if (!store) entriesStores.set(list, (store = new EntriesStore(list, db, me)));
  return store;
}

/**
 * The people of the contact tree in section order, and who is in the list; undefined until read
 * (or, first, the kept first screen: `head` set).
 */
export function useTreeEntries(db: TradewindDb, me: string): SortedEntries | undefined {
  const store = entriesStore(db, me);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}

/**
 * Keeps the contact list and the tree's sorted people up to date while the window is signed in,
 * whichever screen the rail shows (issue 10, a seller's 10,000 conversations). Without it the
 * last tree to unmount (a click on Orders or Settings) stopped the list, and coming back read
 * 10,000 contacts and 10,000 conversations again and sorted them anew before the rows were right;
 * kept, the list goes on patching what each write names, and the chats open from memory. The
 * signed-in shell owns it; returns the disposer.
 */
export function keepTreeEntries(db: TradewindDb, me: string): () => void {
  return entriesStore(db, me).subscribe(() => undefined);
}

export function useContactRequests(db: TradewindDb): ContactRequestRow[] | undefined {
  return useLiveQuery(
    async () => (await db.contactRequests.toArray()).filter((r) => r.state !== 'accepted'),
    [db],
  );
}

/** Applies an edit locally at once and syncs it when connected (queued otherwise). */
export function useEditTree(): (edit: GroupEdit) => Promise<void> {
  const { db, engine } = useSession();
  return useCallback(
    async (edit: GroupEdit) => {
      await editGroups(db, edit);
      void groupSyncOf(engine).sync();
    },
    [db, engine],
  );
}

export type BuiltInCollapsed = { favourites: boolean; unsorted: boolean };
const EXPANDED: BuiltInCollapsed = { favourites: false, unsorted: false };

/**
 * Whether Favourites and Unsorted are collapsed. They are not groups (nothing to sync), so the
 * choice is this device's, kept in IndexedDB prefs so it survives a reload.
 */
export function useBuiltInCollapsed(
  db: TradewindDb,
): [BuiltInCollapsed, (kind: keyof BuiltInCollapsed, collapsed: boolean) => void] {
  const stored = useLiveQuery(async () => {
    const row = await db.prefs.get('treeCollapsed');
    return row?.key === 'treeCollapsed' ? row.value : EXPANDED;
  }, [db]);
  const set = useCallback(
    (kind: keyof BuiltInCollapsed, collapsed: boolean) =>
      void db.transaction('rw', db.prefs, async () => {
        const row = await db.prefs.get('treeCollapsed');
        const now = row?.key === 'treeCollapsed' ? row.value : EXPANDED;
        await db.prefs.put({ key: 'treeCollapsed', value: { ...now, [kind]: collapsed } });
      }),
    [db],
  );
  return [stored ?? EXPANDED, set];
}

/** The last group edit the server refused for good, until dismissed. */
export function useRefusedEdit(db: TradewindDb): RefusedEdit | null | undefined {
  return useLiveQuery(async () => {
    const row = await db.prefs.get('groupEditRefused');
    return row?.key === 'groupEditRefused' ? row.value : null;
  }, [db]);
}
