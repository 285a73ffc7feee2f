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
  return filterOf(query)(item);
}

/**
 * The filter of `query` as a predicate. Each item's folded text is computed once and kept while
 * the item lives, so a keystroke in a 10,000-row list folds only the query.
 */
export function filterOf(query: string): (item: TreeItem) => boolean {
  const q = fold(query.trim());
  if (q === '') return () => true;
  return (item) => haystack(item).includes(q);
}

const folded = new WeakMap<TreeItem, string>();

function haystack(item: TreeItem): string {
  let h = folded.get(item);
  if (h === undefined) {
    // U+0000 never comes from the filter box, so no match spans two fields.
    h = [item.displayName, item.memberId, item.company].map(fold).join('\u0000');
    folded.set(item, h);
  }
  return h;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

const RANK: Record<PresenceState, number> = { online: 0, away: 1, busy: 2, offline: 3 };
// One collator for every comparison (String#localeCompare sets one up per call, and sorting
// 10,000 rows makes ~130,000 of them). The same order: default locale, default options.
const collator = new Intl.Collator();

/** Within a section: available people first, then by name. */
export function compareItems(a: TreeItem, b: TreeItem): number {
  return (
    RANK[a.presence] - RANK[b.presence] ||
    collator.compare(a.displayName, b.displayName) ||
    collator.compare(a.memberId, b.memberId)
  );
}

/** Every item in section order (compareItems): sorted once, then kept by patchSorted. */
export function sortItems<T extends TreeItem>(items: Iterable<T>): T[] {
  return [...items].sort(compareItems);
}

/** Where `item` goes in `sorted`: the first position not before it. */
function lowerBound(sorted: readonly TreeItem[], item: TreeItem): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareItems(sorted[mid]!, item) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `sorted` with some items replaced, added or removed — `before` as the item is in `sorted`,
 * `after` as it is now, either may be missing — by binary search and one copy, never a new sort.
 * A change that keeps an item's place (its unread count, its last text) replaces it in place.
 */
export function patchSorted<T extends TreeItem>(
  sorted: readonly T[],
  changes: Iterable<{ before?: T | undefined; after?: T | undefined }>,
): T[] {
  const out = [...sorted];
  for (const { before, after } of changes) {
    if (before) {
      const i = lowerBound(out, before);
      if (out[i]?.memberId === before.memberId) {
        if (after && compareItems(before, after) === 0) {
          out[i] = after;
          continue;
        }
        out.splice(i, 1);
      }
    }
    if (after) out.splice(lowerBound(out, after), 0, after);
  }
  return out;
}

function section<T extends TreeItem>(
  kind: SectionKind,
  id: string,
  name: string,
  collapsed: boolean,
  items: T[],
): Section<T> {
  let online = 0;
  for (const i of items) if (i.presence !== 'offline') online++;
  return { kind, id, name, collapsed, items, online, total: items.length };
}

/** Live groups in display order. */
export function orderedGroups<G extends GroupLike>(groups: readonly G[]): G[] {
  return groups
    .filter((g) => !g.deleted)
    .sort((a, b) => a.position - b.position || a.name.localeCompare(b.name));
}

export interface TreeOptions {
  query?: string;
  favouritesCollapsed?: boolean;
  unsortedCollapsed?: boolean;
}

/**
 * Favourites (pinned contacts, also listed in their group) on top, then the groups in the
 * user's order, then Unsorted (no group, or a group this device does not know). With a filter,
 * only matching people are listed, empty sections are left out and every section shows open.
 */
export function buildTree<T extends TreeItem>(
  items: readonly T[],
  groups: readonly GroupLike[],
  opts: TreeOptions = {},
): Section<T>[] {
  return sectionsOf(sortItems(items), groups, opts);
}

/**
 * buildTree over items already in section order (sortItems, patchSorted): one pass deals them
 * into their sections, O(n) and no comparison — what runs when a catch-up page or a presence
 * event changed a few people, or the filter changed.
 */
export function sectionsOf<T extends TreeItem>(
  sorted: readonly T[],
  groups: readonly GroupLike[],
  opts: TreeOptions = {},
): Section<T>[] {
  const query = opts.query ?? '';
  const filtering = query.trim() !== '';
  const matches = filterOf(query);
  const live = orderedGroups(groups);
  const members = new Map<string, T[]>(live.map((g) => [g.id, []]));
  const favourites: T[] = [];
  const unsorted: T[] = [];
  for (const i of sorted) {
    if (filtering && !matches(i)) continue;
    if (i.pinned && i.isContact) favourites.push(i);
    // A contact in a deleted (or unknown) group is never lost: it shows in Unsorted.
    const list = i.groupId === null ? undefined : members.get(i.groupId);
    (list ?? unsorted).push(i);
  }
  const out: Section<T>[] = [];
  if (favourites.length > 0) {
    out.push(
      section('favourites', 'favourites', '', !filtering && (opts.favouritesCollapsed ?? false), favourites),
    );
  }
  for (const g of live) {
    const list = members.get(g.id) ?? [];
    if (filtering && list.length === 0) continue;
    out.push(section('group', g.id, g.name, !filtering && g.collapsed, list));
  }
  if (!filtering || unsorted.length > 0) {
    out.push(section('unsorted', 'unsorted', '', !filtering && (opts.unsortedCollapsed ?? false), unsorted));
  }
  return out;
}

/** One line of the tree as the virtual list draws it: a section's header, a person, "empty group". */
export type FlatRow<T extends TreeItem = TreeItem> =
  | {
      kind: 'header';
      key: string;
      section: Section<T>;
      /** The section's place among the sections (from 1) and their number: aria-posinset/-setsize. */
      position: number;
      size: number;
    }
  | {
      kind: 'item';
      key: string;
      section: Section<T>;
      item: T;
      /** The person's place in the section (from 1) and the section's size. */
      position: number;
      size: number;
    }
  | { kind: 'empty'; key: string; section: Section<T> };

/** The sections as one list of lines; a collapsed section shows its header only. */
export function flattenTree<T extends TreeItem>(sections: readonly Section<T>[]): FlatRow<T>[] {
  const rows: FlatRow<T>[] = [];
  sections.forEach((s, n) => {
    const prefix = `${s.kind}:${s.id}`;
    rows.push({ kind: 'header', key: prefix, section: s, position: n + 1, size: sections.length });
    if (s.collapsed) return;
    if (s.items.length === 0 && s.kind === 'group') {
      rows.push({ kind: 'empty', key: `${prefix}:empty`, section: s });
    }
    s.items.forEach((item, i) =>
      rows.push({
        kind: 'item',
        // A pinned contact is listed twice (Favourites and its group): the key names the section.
        key: `${prefix}/${item.memberId}`,
        section: s,
        item,
        position: i + 1,
        size: s.items.length,
      }),
    );
  });
  return rows;
}

/** The parts of a pointer or key press that say whether it opens the row it is on. */
export interface Press {
  /** A pointer's button (0 the main one); absent for a key. */
  button?: number;
  /** A key's name; absent for a pointer. */
  key?: string;
  repeat?: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
}

/**
 * Whether a press on a person's line will open their conversation when it ends in a click: the
 * main button, or Enter or Space (a button's click comes at Space's release), not repeated, and
 * without Ctrl/Cmd or Shift (those pick rows instead). Issue 10, open: the read of the
 * conversation's newest messages starts at such a press, not at its click.
 */
export function opensOnPress(p: Press): boolean {
  if (p.ctrlKey || p.metaKey || p.shiftKey) return false;
  if (p.key !== undefined) return (p.key === 'Enter' || p.key === ' ') && p.repeat !== true;
  return p.button === 0;
}

/** What a key does in the tree: move the focus to a line, or open/close a section. */
export type TreeKeyAction = { focus: number } | { toggle: number } | null;

/**
 * The tree's keyboard, after WAI-ARIA's tree view pattern, over headers and people ("empty
 * group" lines are skipped): ↑/↓ the previous/next line, Home/End the first/last, PageUp/PageDown
 * `page` lines; → opens a closed section and on an open one goes to its first person; ← closes an
 * open section and from a person goes to its section's header. Right to left, ← and → swap.
 */
export function treeKey(
  rows: readonly FlatRow[],
  index: number,
  key: string,
  opts: { rtl?: boolean; page?: number } = {},
): TreeKeyAction {
  const focusable = (i: number): boolean => rows[i] !== undefined && rows[i].kind !== 'empty';
  const seek = (from: number, step: 1 | -1): number | null => {
    for (let i = from; i >= 0 && i < rows.length; i += step) if (focusable(i)) return i;
    return null;
  };
  const go = (i: number | null): TreeKeyAction => (i === null || i === index ? null : { focus: i });
  const row = rows[index];
  const forward = opts.rtl ? 'ArrowLeft' : 'ArrowRight';
  const back = opts.rtl ? 'ArrowRight' : 'ArrowLeft';
  const page = Math.max(1, opts.page ?? 10);
  switch (key) {
    case 'ArrowDown':
      return go(seek(index + 1, 1));
    case 'ArrowUp':
      return go(seek(index - 1, -1));
    case 'Home':
      return go(seek(0, 1));
    case 'End':
      return go(seek(rows.length - 1, -1));
    case 'PageDown':
      return go(seek(Math.min(rows.length - 1, index + page), -1));
    case 'PageUp':
      return go(seek(Math.max(0, index - page), 1));
    case forward:
      if (row?.kind !== 'header') return null;
      if (row.section.collapsed) return { toggle: index };
      return rows[index + 1]?.kind === 'item' ? { focus: index + 1 } : null;
    case back:
      if (row?.kind === 'header') return row.section.collapsed ? null : { toggle: index };
      for (let i = index - 1; i >= 0; i--) if (rows[i]?.kind === 'header') return { focus: i };
      return null;
    default:
      return null;
  }
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
