import { describe, expect, it } from 'vitest';
import {
  applyEditToGroups,
  buildTree,
  matchesFilter,
  moveGroup,
  nextSelection,
  type GroupLike,
  type TreeItem,
} from './tree';

const g = (id: string, name: string, position: number, extra: Partial<GroupLike> = {}): GroupLike => ({
  id,
  name,
  position,
  collapsed: false,
  deleted: false,
  version: 1,
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const p = (
  memberId: string,
  groupId: string | null,
  presence: TreeItem['presence'],
  extra: Partial<TreeItem> = {},
): TreeItem => ({
  memberId,
  displayName: memberId.toUpperCase(),
  company: '',
  groupId,
  pinned: false,
  presence,
  isContact: true,
  ...extra,
});

describe('buildTree', () => {
  const groups = [g('log', 'Logistics', 1), g('sup', 'Suppliers', 0), g('old', 'Old', 2, { deleted: true })];
  const items = [
    p('li', 'sup', 'online', { pinned: true }),
    p('chen', 'sup', 'offline'),
    p('maria', 'log', 'away'),
    p('ghost', 'old', 'busy'),
    p('stranger', null, 'offline', { isContact: false }),
  ];

  it('puts Favourites first, groups in order, Unsorted last, with online/total', () => {
    const tree = buildTree(items, groups);
    expect(tree.map((s) => [s.kind, s.name, `${s.online}/${s.total}`])).toEqual([
      ['favourites', '', '1/1'],
      ['group', 'Suppliers', '1/2'],
      ['group', 'Logistics', '1/1'],
      // A contact in a deleted (or unknown) group is never lost: it shows in Unsorted.
      ['unsorted', '', '1/2'],
    ]);
    // Available people first inside a section.
    expect(tree[1]?.items.map((i) => i.memberId)).toEqual(['li', 'chen']);
  });

  it('keeps an empty group (a drop target) and hides Favourites when nobody is pinned', () => {
    const tree = buildTree([p('a', null, 'offline')], [g('x', 'Empty', 0)]);
    expect(tree.map((s) => `${s.kind}:${s.total}`)).toEqual(['group:0', 'unsorted:1']);
  });

  it('filters by name, member id and company, dropping empty sections and opening the rest', () => {
    const collapsed = [g('sup', 'Suppliers', 0, { collapsed: true }), g('log', 'Logistics', 1)];
    const tree = buildTree([...items, p('zhou', 'log', 'online', { company: 'Ningbo Freight' })], collapsed, {
      query: 'ningbo',
    });
    expect(tree.map((s) => [s.name, s.collapsed, s.items.map((i) => i.memberId)])).toEqual([
      ['Logistics', false, ['zhou']],
    ]);
  });

  it('honours collapsed groups when not filtering', () => {
    const tree = buildTree(items, [g('sup', 'Suppliers', 0, { collapsed: true })]);
    expect(tree.find((s) => s.id === 'sup')?.collapsed).toBe(true);
  });
});

describe('matchesFilter', () => {
  it('ignores case and accents', () => {
    const item = p('joao', null, 'online', { displayName: 'João Silva', company: 'Comércio SP' });
    expect(matchesFilter(item, 'JOAO')).toBe(true);
    expect(matchesFilter(item, 'comercio')).toBe(true);
    expect(matchesFilter(item, 'li wei')).toBe(false);
    expect(matchesFilter(item, '  ')).toBe(true);
  });
});

describe('applyEditToGroups', () => {
  const now = '2026-02-02T00:00:00Z';
  const base = [g('a', 'A', 0), g('b', 'B', 1), g('c', 'C', 2)];

  it('creates after the last group, and a re-sent create is a no-op', () => {
    const once = applyEditToGroups(base, { kind: 'create', id: 'd', name: ' D ' }, now);
    expect(once.find((x) => x.id === 'd')).toMatchObject({ name: 'D', position: 3, deleted: false });
    expect(applyEditToGroups(once, { kind: 'create', id: 'd', name: 'Other' }, now)).toHaveLength(4);
  });

  it('reorders listed groups first and keeps the others after them', () => {
    const out = applyEditToGroups(base, { kind: 'reorder', order: ['c', 'zzz'] }, now);
    expect([...out].sort((x, y) => x.position - y.position).map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });

  it('deletes as a tombstone and does not rename or collapse a deleted group', () => {
    const deleted = applyEditToGroups(base, { kind: 'delete', id: 'b' }, now);
    expect(deleted.find((x) => x.id === 'b')?.deleted).toBe(true);
    const renamed = applyEditToGroups(deleted, { kind: 'rename', id: 'b', name: 'Back' }, now);
    expect(renamed.find((x) => x.id === 'b')?.name).toBe('B');
  });

  it('moveGroup swaps neighbours and stops at the ends', () => {
    expect(moveGroup(base, 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(moveGroup(base, 'a', -1)).toBeNull();
    expect(moveGroup(base, 'c', 1)).toBeNull();
  });
});

describe('nextSelection', () => {
  const visible = ['a', 'b', 'c', 'd'];
  it('a plain click opens and selects nothing; Ctrl toggles from the open one; Shift selects a range', () => {
    let s = nextSelection(visible, new Set(), null, 'b', { toggle: false, range: false });
    // Opening a chat is no multi-select: no "Move to…" bar (issue 12).
    expect([...s.selected]).toEqual([]);
    expect(s.anchor).toBe('b');
    s = nextSelection(visible, s.selected, s.anchor, 'd', { toggle: true, range: false }, 'b');
    expect([...s.selected].sort()).toEqual(['b', 'd']);
    s = nextSelection(visible, s.selected, s.anchor, 'd', { toggle: true, range: false }, 'b');
    expect([...s.selected]).toEqual(['b']);
    s = nextSelection(visible, s.selected, 'b', 'd', { toggle: false, range: true }, 'b');
    expect([...s.selected]).toEqual(['b', 'c', 'd']);
    expect(s.anchor).toBe('b');
    s = nextSelection(visible, s.selected, s.anchor, 'a', { toggle: false, range: false }, 'b');
    expect([...s.selected]).toEqual([]);
  });

  it('Ctrl-clicking the open contact selects it alone; with nothing open, only the clicked one', () => {
    expect([
      ...nextSelection(visible, new Set(), 'b', 'b', { toggle: true, range: false }, 'b').selected,
    ]).toEqual(['b']);
    expect([
      ...nextSelection(visible, new Set(), null, 'c', { toggle: true, range: false }).selected,
    ]).toEqual(['c']);
  });
});
