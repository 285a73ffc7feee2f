import { describe, expect, it } from 'vitest';
import { conversationIdFor } from '../../../../shared/protocol';
import type { ContactListItem, ContactListSnapshot } from '../../db/contactList';
import type { ContactRow } from '../../db/schema';
import { flattenTree, sectionsOf, sortItems, type GroupLike } from './tree';
import { headOf, rowsOfHead } from './treeHead';
import { entriesOfHead, nextEntries, toTreeEntry } from './useTree';

const ME = 'shop';
const group = (id: string, position: number, collapsed = false): GroupLike => ({
  id,
  name: id,
  position,
  collapsed,
  deleted: false,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
});

function person(
  memberId: string,
  groupId: string | null,
  state: 'online' | 'offline',
  pinned = false,
): ContactListItem {
  const contact = {
    memberId,
    displayName: memberId,
    user: { memberId, displayName: memberId, profile: { company: '' } },
    presence: { state },
    blocked: false,
    groupId,
    pinned,
    note: '',
    addedAt: '2026-01-01T00:00:00Z',
  } as unknown as ContactRow;
  return {
    memberId,
    displayName: memberId,
    contact,
    conversationId: conversationIdFor(ME, memberId),
    unread: 0,
    lastActivityAt: null,
    lastText: null,
    lastSender: null,
    lastRunSince: null,
  };
}

/** 3 pinned, 40 in "a" (every fifth online), 500 in "b", 300 without a group. */
function people(): ContactListItem[] {
  const out: ContactListItem[] = [];
  for (let i = 0; i < 40; i++)
    out.push(person(`a${String(i).padStart(3, '0')}`, 'a', i % 5 === 0 ? 'online' : 'offline', i < 3));
  for (let i = 0; i < 500; i++) out.push(person(`b${String(i).padStart(3, '0')}`, 'b', 'offline'));
  for (let i = 0; i < 300; i++) out.push(person(`u${String(i).padStart(3, '0')}`, null, 'offline'));
  return out;
}

const GROUPS = [group('a', 0), group('b', 1)];

function treeOf(items: readonly ContactListItem[], groups: readonly GroupLike[]) {
  const sections = sectionsOf(sortItems(items.map(toTreeEntry)), groups);
  return { sections, rows: flattenTree(sections) };
}

/** What a line draws: its key, place, and for a header its counts and state. */
const drawn = (r: ReturnType<typeof treeOf>['rows'][number]) => ({
  key: r.key,
  kind: r.kind,
  position: r.kind === 'empty' ? 0 : r.position,
  size: r.kind === 'empty' ? 0 : r.size,
  header:
    r.kind === 'header'
      ? `${r.section.name} ${r.section.online}/${r.section.total} ${r.section.collapsed}`
      : '',
  person: r.kind === 'item' ? r.item.memberId : '',
});

describe('the kept first screen of the contact tree (issue 10)', () => {
  it('draws the whole list’s first lines, with its headers’ counts and its number of lines', () => {
    const whole = treeOf(people(), GROUPS);
    const head = headOf(ME, whole.rows, 60);
    expect(head.total).toBe(whole.rows.length);
    expect(head.lines).toHaveLength(60);
    const rows = rowsOfHead(head, toTreeEntry);
    expect(rows.map(drawn)).toEqual(whole.rows.slice(0, 60).map(drawn));
    // Kept as IndexedDB keeps it (a structured clone), it draws the same.
    expect(rowsOfHead(structuredClone(head), toTreeEntry).map(drawn)).toEqual(rows.map(drawn));
    const favourites = rows.find((r) => r.kind === 'header' && r.section.kind === 'favourites');
    expect(favourites?.section).toMatchObject({ online: 1, total: 3 });
  });

  it('keeps collapsed sections collapsed, and a list shorter than the head whole', () => {
    const groups = [group('a', 0, true), group('b', 1, true)];
    const whole = treeOf(people(), groups);
    const head = headOf(ME, whole.rows, 400);
    expect(head.lines.length).toBe(whole.rows.length);
    expect(rowsOfHead(head, toTreeEntry).map(drawn)).toEqual(whole.rows.map(drawn));
    expect(head.lines.some((l) => l.kind === 'item' && l.item.memberId === 'b000')).toBe(false);
  });

  it('gives way to the list’s first snapshot whole', () => {
    const all = people();
    const whole = treeOf(all, GROUPS);
    const fromHead = entriesOfHead(headOf(ME, whole.rows, 30));
    expect(fromHead.head).toBeDefined();
    expect(fromHead.sorted.length).toBeLessThan(30);
    const snap: ContactListSnapshot = {
      items: new Map(all.map((i) => [i.memberId, i])),
      version: 1,
      changed: null,
    };
    const next = nextEntries(fromHead, snap);
    expect(next.head).toBeUndefined();
    expect(next.sorted).toHaveLength(all.length);
    expect(next.version).toBe(1);
  });
});
