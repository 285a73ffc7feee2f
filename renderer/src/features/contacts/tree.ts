/**
 * The contact tree as data: sections (Favourites, the user's groups in order, Unsorted) with
 * their `online/total` counts, the filter, local application of group edits, and multi-select.
 * Pure: no database, no React — unit-tested in tree.test.ts.
 */
import type { PresenceState } from '../../../../shared/protocol';
import type { GroupEdit } from '../../db/rows/contacts';

export interface GroupLike {
  id: string;
  name: string;
  position: number;
  collapsed: boolean;
  deleted: boolean;
  version: number;
  updatedAt: string;
}

/** What the tree needs to know about one person in the list. */
export interface TreeItem {
  memberId: string;
  displayName: string;
  company: string;
  /** null for someone who wrote to me but is not a contact (they sit in Unsorted). */
  groupId: string | null;
  pinned: boolean;
  presence: PresenceState;
  isContact: boolean;
}

export type SectionKind = 'favourites' | 'group' | 'unsorted';

export interface Section<T extends TreeItem = TreeItem> {
  kind: SectionKind;
  /** The group id; 'favourites' / 'unsorted' for the built-in sections. */
  id: string;
  /** The user's name for a group; '' for the built-in ones (the UI names them). */
  name: string;
  collapsed: boolean;
  items: T[];
  /** Contacts not offline (online, away or busy) / all contacts in the section. */
  online: number;
  total: number;
}

/** Case- and accent-insensitive match on name, member id and company. */
export function matchesFilter(item: TreeItem, query: string): boolean {
  const q = fold(query.trim());
  if (q === '') return true;
  return [item.displayName, item.memberId, item.company].some((s) => fold(s).includes(q));
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

const RANK: Record<PresenceState, number> = { online: 0, away: 1, busy: 2, offline: 3 };

/** Within a section: available people first, then by name. */
export function compareItems(a: TreeItem, b: TreeItem): number {
  return (
    RANK[a.presence] - RANK[b.presence] ||
    a.displayName.localeCompare(b.displayName) ||
    a.memberId.localeCompare(b.memberId)
  );
}

function section<T extends TreeItem>(
  kind: SectionKind,
  id: string,
  name: string,
  collapsed: boolean,
  items: T[],
): Section<T> {
  const sorted = [...items].sort(compareItems);
  return {
    kind,
    id,
    name,
    collapsed,
    items: sorted,
    online: sorted.filter((i) => i.presence !== 'offline').length,
    total: sorted.length,
  };
}

/** Live groups in display order. */
export function orderedGroups<G extends GroupLike>(groups: readonly G[]): G[] {
  return groups
    .filter((g) => !g.deleted)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

/**
 * Favourites (pinned contacts, also listed in their group) on top, then the groups in the
 * user's order, then Unsorted (no group, or a group this device does not know). With a filter,
 * only matching people are listed, empty sections are left out and every section shows open.
 */
export function buildTree<T extends TreeItem>(
  items: readonly T[],
  groups: readonly GroupLike[],
  opts: { query?: string; favouritesCollapsed?: boolean; unsortedCollapsed?: boolean } = {},
): Section<T>[] {
  const query = opts.query ?? '';
  const filtering = query.trim() !== '';
  const shown = items.filter((i) => matchesFilter(i, query));
  const live = orderedGroups(groups);
  const known = new Set(live.map((g) => g.id));
  const out: Section<T>[] = [];
  const favourites = shown.filter((i) => i.pinned && i.isContact);
  if (favourites.length > 0) {
    out.push(
      section('favourites', 'favourites', '', !filtering && (opts.favouritesCollapsed ?? false), favourites),
    );
  }
  for (const g of live) {
    const members = shown.filter((i) => i.groupId === g.id);
    if (filtering && members.length === 0) continue;
    out.push(section('group', g.id, g.name, !filtering && g.collapsed, members));
  }
  const unsorted = shown.filter((i) => i.groupId === null || !known.has(i.groupId));
  if (!filtering || unsorted.length > 0) {
    out.push(section('unsorted', 'unsorted', '', !filtering && (opts.unsortedCollapsed ?? false), unsorted));
  }
  return out;
}

/** Applies a group edit to a list of groups, as the server will (create, rename, collapse, reorder, delete). */
export function applyEditToGroups<G extends GroupLike>(
  groups: readonly G[],
  edit: GroupEdit,
  now: string,
): GroupLike[] {
  const list: GroupLike[] = groups.map((g) => ({ ...g }));
  const find = (id: string): GroupLike | undefined => list.find((g) => g.id === id);
  switch (edit.kind) {
    case 'create': {
      if (find(edit.id)) return list;
      const last = Math.max(-1, ...orderedGroups(list).map((g) => g.position));
      list.push({
        id: edit.id,
        name: edit.name.trim(),
        position: edit.position ?? last + 1,
        collapsed: false,
        deleted: false,
        version: 0,
        updatedAt: now,
      });
      return list;
    }
    case 'rename': {
      const g = find(edit.id);
      if (g && !g.deleted) Object.assign(g, { name: edit.name.trim(), updatedAt: now });
      return list;
    }
    case 'collapse': {
      const g = find(edit.id);
      if (g && !g.deleted) Object.assign(g, { collapsed: edit.collapsed, updatedAt: now });
      return list;
    }
    case 'delete': {
      const g = find(edit.id);
      if (g) Object.assign(g, { deleted: true, updatedAt: now });
      return list;
    }
    case 'reorder': {
      // Listed live groups first in that order, the others after them in their current order.
      const live = orderedGroups(list);
      const listed = edit.order
        .map((id) => live.find((g) => g.id === id))
        .filter((g): g is GroupLike => g !== undefined);
      const rest = live.filter((g) => !edit.order.includes(g.id));
      [...listed, ...rest].forEach((g, i) => {
        if (g.position !== i) Object.assign(g, { position: i, updatedAt: now });
      });
      return list;
    }
    default:
      return list;
  }
}

/** The order of group ids after moving `id` one step up (-1) or down (+1), or null at an end. */
export function moveGroup(groups: readonly GroupLike[], id: string, step: -1 | 1): string[] | null {
  const ids = orderedGroups(groups).map((g) => g.id);
  const i = ids.indexOf(id);
  const j = i + step;
  if (i < 0 || j < 0 || j >= ids.length) return null;
  [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
  return ids;
}

/**
 * Multi-select in a list, as in a file manager, except that a plain click only opens: it selects
 * nothing (no "Move to…" bar for a chat just opened) and becomes the anchor. Ctrl/Cmd toggles one —
 * the first such click starts from the open contact (`open`), so opening one and Ctrl-clicking
 * another selects both; Shift selects the range from the anchor (the last clicked item).
 */
export function nextSelection(
  visible: readonly string[],
  current: ReadonlySet<string>,
  anchor: string | null,
  clicked: string,
  mods: { toggle: boolean; range: boolean },
  open: string | null = null,
): { selected: Set<string>; anchor: string } {
  if (mods.range && anchor !== null && visible.includes(anchor) && visible.includes(clicked)) {
    const [a, b] = [visible.indexOf(anchor), visible.indexOf(clicked)].sort((x, y) => x - y) as [
      number,
      number,
    ];
    const range = visible.slice(a, b + 1);
    const selected = mods.toggle ? new Set([...current, ...range]) : new Set(range);
    return { selected, anchor };
  }
  if (mods.toggle) {
    const startsFromOpen = current.size === 0 && open !== null && open !== clicked && visible.includes(open);
    const selected = new Set(startsFromOpen ? [open] : current);
    if (selected.has(clicked)) selected.delete(clicked);
    else selected.add(clicked);
    return { selected, anchor: clicked };
  }
  return { selected: new Set(), anchor: clicked };
}
