/**
 * The contact tree's first screen, kept (issue 10, a seller's 10,000 conversations). Reading the
 * whole list — 10,000 contacts and 10,000 conversations, structured-cloned out of IndexedDB —
 * took most of a reload before the first row could be drawn (bench/README.md, profile
 * "seller-reload"). The tree keeps its first lines as drawn (headers with their counts, people)
 * and how many lines it had, in one prefs row written at most once a second while the list
 * changes; a reload draws those lines from that one read, with a scroll height of the whole
 * list, and the list itself replaces them as soon as it is read (useTree.ts: one snapshot more).
 * The database stays the source of truth: the head is what this device drew last, and lives
 * only until the list is read.
 */
import type { ContactListItem } from '../../db/contactList';
import type { HeadLine, TreeHead } from '../../db/rows/contacts';
import type { TradewindDb } from '../../db/schema';
import type { FlatRow, Section, TreeItem } from './tree';

/** Lines kept: a tall window shows about 30 (52 px a person). */
export const HEAD_LINES = 100;

/** The head of a tree as drawn: its first `lines` lines and the number of all its lines. */
export function headOf<T extends TreeItem & { item: ContactListItem }>(
  me: string,
  rows: readonly FlatRow<T>[],
  lines = HEAD_LINES,
): TreeHead {
  const info = ({ kind, id, name, collapsed, online, total }: Section<T>): HeadLine['section'] => ({
    kind,
    id,
    name,
    collapsed,
    online,
    total,
  });
  const head: HeadLine[] = rows.slice(0, lines).map((r) => {
    switch (r.kind) {
      case 'header':
        return { kind: r.kind, key: r.key, section: info(r.section), position: r.position, size: r.size };
      case 'item':
        return {
          kind: r.kind,
          key: r.key,
          section: info(r.section),
          item: r.item.item,
          position: r.position,
          size: r.size,
        };
      default:
        return { kind: r.kind, key: r.key, section: info(r.section) };
    }
  });
  return { me, lines: head, total: rows.length };
}

/**
 * The lines of a head as the tree draws them: `toEntry` makes a person's entry; each section's
 * people are those of the head only (its counts are the whole section's).
 */
export function rowsOfHead<T extends TreeItem>(
  head: TreeHead,
  toEntry: (item: ContactListItem) => T,
): FlatRow<T>[] {
  const sections = new Map<string, Section<T>>();
  const sectionOf = (s: HeadLine['section']): Section<T> => {
    const key = `${s.kind}:${s.id}`;
    let out = sections.get(key);
    if (!out) sections.set(key, (out = { ...s, items: [] }));
    return out;
  };
  return head.lines.map((l): FlatRow<T> => {
    const section = sectionOf(l.section);
    if (l.kind === 'header') return { ...l, section };
    if (l.kind === 'empty') return { ...l, section };
    const item = toEntry(l.item);
    section.items.push(item);
    return { ...l, section, item };
  });
}

export async function readHead(db: TradewindDb, me: string): Promise<TreeHead | null> {
  const row = await db.prefs.get('treeHead');
  return row?.key === 'treeHead' && row.value.me === me ? row.value : null;
}

export async function saveHead(db: TradewindDb, head: TreeHead): Promise<void> {
  await db.prefs.put({ key: 'treeHead', value: head });
}
