/** Live queries and actions of the contact tree, for the tree's container components. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback } from 'react';
import { useContactList, type ContactListItem } from '../../db/hooks';
import type { TradewindDb } from '../../db/schema';
import { useSession } from '../../sync/session';
import { editGroups } from './groupRepo';
import { groupSyncOf } from './groupSync';
import type { ContactRequestRow, GroupEdit, GroupRow, RefusedEdit } from '../../db/rows/contacts';
import type { TreeItem } from './tree';

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

export function useTreeEntries(db: TradewindDb, me: string): TreeEntry[] | undefined {
  const items = useContactList(db, me);
  return items?.map(toTreeEntry);
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
