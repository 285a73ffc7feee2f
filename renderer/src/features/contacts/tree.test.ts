import { describe, expect, it } from 'vitest';
import {
  applyEditToGroups,
  buildTree,
  flattenTree,
  matchesFilter,
  moveGroup,
  nextSelection,
  opensOnPress,
  patchSorted,
  sectionsOf,
  sortItems,
  treeKey,
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

describe('patchSorted (issue 10: the tree patched, never sorted again)', () => {
  // A small deterministic generator: the same sequence on every run.
  let seed = 7;
  const rnd = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const states: TreeItem['presence'][] = ['online', 'away', 'busy', 'offline'];
  const person = (i: number): TreeItem =>
    p(`m${i}`, null, states[rnd(4)]!, { displayName: `Name ${rnd(50)}` });

  it('gives what a full sort gives after changes, additions and removals', () => {
    const all = new Map<string, TreeItem>();
    for (let i = 0; i < 300; i++) all.set(`m${i}`, person(i));
    let sorted = sortItems(all.values());
    for (let round = 0; round < 20; round++) {
      const changes: { before?: TreeItem; after?: TreeItem }[] = [];
      for (let k = 0; k < 15; k++) {
        const id = `m${rnd(340)}`;
        if (changes.some((c) => (c.before ?? c.after)?.memberId === id)) continue;
        const before = all.get(id);
        const after = rnd(5) === 0 ? undefined : person(Number(id.slice(1)));
        changes.push({ before, after });
        if (after) all.set(id, after);
        else all.delete(id);
      }
      sorted = patchSorted(sorted, changes);
      expect(sorted.map((i) => i.memberId)).toEqual(sortItems(all.values()).map((i) => i.memberId));
    }
  });

  it('replaces an item whose place does not change, and leaves the input alone', () => {
    const a = p('a', null, 'online');
    const b = p('b', null, 'offline');
    const sorted = [a, b];
    const b2 = { ...b, company: 'New' };
    const out = patchSorted(sorted, [{ before: b, after: b2 }]);
    expect(out[1]).toBe(b2);
    expect(sorted[1]).toBe(b);
  });
});

describe('sectionsOf and flattenTree (the virtual list)', () => {
  const groups = [
    g('sup', 'Suppliers', 0),
    g('empty', 'Empty', 1),
    g('shut', 'Shut', 2, { collapsed: true }),
  ];
  const items = [
    p('li', 'sup', 'online', { pinned: true }),
    p('chen', 'sup', 'offline'),
    p('zhou', 'shut', 'away'),
    p('stranger', null, 'offline', { isContact: false }),
  ];

  it('sectionsOf over a list kept by patchSorted is buildTree of the items as they are now', () => {
    const li = items[0]!;
    const now = [p('chen', 'sup', 'online'), ...items.slice(2), p('new', 'empty', 'offline')];
    const kept = patchSorted(sortItems(items), [
      { before: li, after: undefined },
      { before: items[1], after: now[0] },
      { after: now[now.length - 1] },
    ]);
    for (const query of ['', 'chen', 'nobody']) {
      expect(sectionsOf(kept, groups, { query })).toEqual(buildTree(now, groups, { query }));
    }
  });

  it('lists headers and people with their place in their set; a pinned person twice, under two keys', () => {
    const rows = flattenTree(buildTree(items, groups));
    expect(
      rows.map((r) =>
        r.kind === 'empty'
          ? `${r.key}`
          : `${r.kind === 'header' ? 'H' : 'I'} ${r.key} ${r.position}/${r.size}`,
      ),
    ).toEqual([
      'H favourites:favourites 1/5',
      'I favourites:favourites/li 1/1',
      'H group:sup 2/5',
      'I group:sup/li 1/2',
      'I group:sup/chen 2/2',
      'H group:empty 3/5',
      'group:empty:empty',
      // Collapsed: its header only.
      'H group:shut 4/5',
      'H unsorted:unsorted 5/5',
      'I unsorted:unsorted/stranger 1/1',
    ]);
    expect(new Set(rows.map((r) => r.key)).size).toBe(rows.length);
  });
});

describe('treeKey (roving focus over the virtual list)', () => {
  const groups = [
    g('sup', 'Suppliers', 0),
    g('empty', 'Empty', 1),
    g('shut', 'Shut', 2, { collapsed: true }),
  ];
  const rows = flattenTree(
    buildTree([p('li', 'sup', 'online'), p('chen', 'sup', 'offline'), p('x', null, 'offline')], groups),
  );
  const at = (key: string): number => rows.findIndex((r) => r.key === key);

  it('moves up and down over headers and people, skipping "empty group" lines, and stops at the ends', () => {
    expect(treeKey(rows, at('group:sup'), 'ArrowDown')).toEqual({ focus: at('group:sup/li') });
    expect(treeKey(rows, at('group:sup/chen'), 'ArrowDown')).toEqual({ focus: at('group:empty') });
    expect(treeKey(rows, at('group:empty'), 'ArrowDown')).toEqual({ focus: at('group:shut') });
    expect(treeKey(rows, at('group:shut'), 'ArrowUp')).toEqual({ focus: at('group:empty') });
    expect(treeKey(rows, 0, 'ArrowUp')).toBeNull();
    expect(treeKey(rows, rows.length - 1, 'ArrowDown')).toBeNull();
  });

  it('Home and End reach the first and the last line; PageDown/PageUp a page, within the list', () => {
    expect(treeKey(rows, at('group:sup/chen'), 'Home')).toEqual({ focus: 0 });
    expect(treeKey(rows, 0, 'End')).toEqual({ focus: rows.length - 1 });
    expect(treeKey(rows, 0, 'PageDown', { page: 100 })).toEqual({ focus: rows.length - 1 });
    expect(treeKey(rows, rows.length - 1, 'PageUp', { page: 2 })).toEqual({ focus: rows.length - 3 });
  });

  it('→ opens a closed section or enters an open one, ← closes it or goes up to the header; mirrored right to left', () => {
    expect(treeKey(rows, at('group:shut'), 'ArrowRight')).toEqual({ toggle: at('group:shut') });
    expect(treeKey(rows, at('group:sup'), 'ArrowRight')).toEqual({ focus: at('group:sup/li') });
    expect(treeKey(rows, at('group:sup'), 'ArrowLeft')).toEqual({ toggle: at('group:sup') });
    expect(treeKey(rows, at('group:sup/chen'), 'ArrowLeft')).toEqual({ focus: at('group:sup') });
    expect(treeKey(rows, at('group:shut'), 'ArrowLeft', { rtl: true })).toEqual({ toggle: at('group:shut') });
    expect(treeKey(rows, at('group:sup/chen'), 'ArrowRight', { rtl: true })).toEqual({
      focus: at('group:sup'),
    });
    expect(treeKey(rows, at('group:sup/chen'), 'a')).toBeNull();
  });
});

describe("opensOnPress (issue 10: the open's read starts at the press, by pointer or by key)", () => {
  const none = { ctrlKey: false, metaKey: false, shiftKey: false };
  it('opens on the main button, Enter and Space, once, without Ctrl, Cmd or Shift', () => {
    expect(opensOnPress({ ...none, button: 0 })).toBe(true);
    expect(opensOnPress({ ...none, key: 'Enter' })).toBe(true);
    expect(opensOnPress({ ...none, key: ' ', repeat: false })).toBe(true);
  });
  it('does not open on another button or key, a held key, Ctrl, Cmd or Shift (those pick rows)', () => {
    expect(opensOnPress({ ...none, button: 2 })).toBe(false);
    expect(opensOnPress({ ...none, key: 'ArrowDown' })).toBe(false);
    expect(opensOnPress({ ...none, key: 'Enter', repeat: true })).toBe(false);
    expect(opensOnPress({ ...none, button: 0, ctrlKey: true })).toBe(false);
    expect(opensOnPress({ ...none, key: ' ', shiftKey: true })).toBe(false);
    expect(opensOnPress({ ...none, key: 'Enter', metaKey: true })).toBe(false);
  });
});
