import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import {
  memo,
  useCallback,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactTime } from '../../../../shared/domain/businessHours';
import { useSession } from '../../sync/session';
import { Avatar } from '../../ui/Avatar';
import { Icon } from '../../ui/icons';
import { formatCount, formatListTime } from '../../ui/format';
import { localDigits } from '../../i18n';
// The stylesheet before ../clock (which brings evidence.css): the bundle keeps its cascade order.
import './contacts.css';
import { clockPhrase, hoursPhrase, useContactTime, type Translate } from '../clock';
import { presenceDetail, useShownPresence } from '../presence';
import { usePreviewText } from '../translation';
import type { GroupRow, TreeHead } from '../../db/rows/contacts';
import {
  filterOf,
  flattenTree,
  moveGroup,
  nextSelection,
  opensOnPress,
  sectionsOf,
  treeKey,
  type FlatRow,
  type Section,
} from './tree';
import { headOf, rowsOfHead, saveHead } from './treeHead';
import { unansweredQueue, waitsOnMe } from './unanswered';
import { UnansweredList } from './UnansweredList';
import { RefusedEditNotice } from './RefusedEditNotice';
import { TreeCount } from './TreeCount';
import { BlockButton } from './ConversationGate';
import {
  toTreeEntry,
  useBuiltInCollapsed,
  useEditTree,
  useGroups,
  useTreeEntries,
  type TreeEntry,
} from './useTree';

interface Props {
  selected: string | null;
  onSelect: (memberId: string) => void;
  /**
   * Issue 10, open: a plain press (primary button, or Enter or Space, no modifier: tree.ts
   * `opensOnPress`) on another contact's row, before its click: the app starts reading that
   * conversation while the button or key is down.
   */
  onPressing?: (memberId: string) => void;
}

const DRAG_TYPE = 'application/x-tradewind-members';

/** The first screen is kept at most this often (every catch-up page or presence event moves it). */
const HEAD_SAVE_DELAY_MS = 1000;

/** Estimated heights before a line is measured (a contact row is the avatar plus its padding). */
const ESTIMATE: Record<FlatRow['kind'], number> = { header: 30, item: 52, empty: 28 };

type Row = FlatRow<TreeEntry>;

/** What every line may do, one stable object (the lines are memoised). */
interface LineActions {
  click: (memberId: string, e: React.MouseEvent) => void;
  press: (memberId: string, e: React.PointerEvent | React.KeyboardEvent) => void;
  key: (index: number, e: React.KeyboardEvent) => void;
  focus: (key: string) => void;
  toggle: (section: Section<TreeEntry>) => void;
  dragIds: (memberId: string) => string[];
  drop: (section: Section<TreeEntry>, ids: string[]) => void;
  over: (section: Section<TreeEntry> | null) => void;
}

/**
 * The contact tree: Favourites, the user's groups with `online/total`, Unsorted; filter box,
 * multi-select (Ctrl/Shift-click) with "Move to…", drag and drop onto a group, group actions.
 *
 * Issue 10 (a seller's 10,000 conversations): headers and people are one virtual list
 * (@tanstack/react-virtual) — only the lines on screen are in the DOM, each with its level and
 * its place in its set (aria-level, aria-posinset, aria-setsize) — with one tab stop that the
 * arrow keys, Home/End and PageUp/PageDown move (treeKey in tree.ts). The people come sorted from
 * an in-memory list patched with what changed (db/contactList.ts, useTree.ts), not re-read.
 */
export function ContactTree({ selected, onSelect, onPressing }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const { db, me } = useSession();
  const entries = useTreeEntries(db, me);
  const groups = useGroups(db);
  const edit = useEditTree();
  const [query, setQuery] = useState('');
  // The box answers each keystroke at once; the 10,000-row filter follows when React has time.
  const filter = useDeferredValue(query);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [builtIn, setBuiltIn] = useBuiltInCollapsed(db);
  const [creating, setCreating] = useState(false);
  // Issue 11: only the conversations waiting on my answer, the longest waiting first.
  const [unansweredOnly, setUnansweredOnly] = useState(false);
  const sorted = entries?.sorted;
  const waiting = useMemo(() => {
    const matches = filterOf(filter);
    return (sorted ?? []).filter((e) => matches(e) && waitsOnMe(e.item, me));
  }, [sorted, filter, me]);
  // Sorted only while shown; the toggle's count needs none.
  const queue = useMemo(
    () =>
      unansweredOnly
        ? unansweredQueue(
            waiting.map((e) => e.item),
            me,
          )
        : [],
    [unansweredOnly, waiting, me],
  );

  const kept = entries?.head;
  const sections = useMemo(
    () =>
      sectionsOf(sorted ?? [], groups ?? [], {
        query: filter,
        favouritesCollapsed: builtIn.favourites,
        unsortedCollapsed: builtIn.unsorted,
      }),
    [sorted, groups, filter, builtIn],
  );
  // Only the kept first screen so far (treeHead.ts): its lines as drawn last time, and as many
  // lines in all as the whole list had (the lines after them come with the list).
  const rows = useMemo(
    () => (kept && filter.trim() === '' ? rowsOfHead(kept, toTreeEntry) : flattenTree(sections)),
    [kept, filter, sections],
  );
  const lineCount = kept && filter.trim() === '' ? Math.max(kept.total, rows.length) : rows.length;

  // Issue 10: the first screen is kept for the next reload — the tree as drawn without a
  // filter, once the groups are known.
  const head = useMemo(
    () => (entries && !kept && groups !== undefined && filter.trim() === '' ? headOf(me, rows) : null),
    [entries, kept, groups, filter, me, rows],
  );
  const latestHead = useRef<TreeHead | null>(null);
  const headTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    latestHead.current = head;
    // At most one write a second, of the newest head, also while a catch-up keeps changing it.
    if (!head || headTimer.current !== null) return;
    headTimer.current = setTimeout(() => {
      headTimer.current = null;
      if (latestHead.current) void saveHead(db, latestHead.current).catch(() => undefined);
    }, HEAD_SAVE_DELAY_MS);
  }, [db, head]);
  useEffect(() => {
    // A write still waiting when the page goes (a reload within the second) is made at once,
    // so the next start does not draw a head older than what was on screen.
    const flush = (): void => {
      if (headTimer.current === null) return;
      clearTimeout(headTimer.current);
      headTimer.current = null;
      if (latestHead.current) void saveHead(db, latestHead.current).catch(() => undefined);
    };
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
    };
  }, [db]);
  const { indexOfKey, firstOfMember } = useMemo(() => {
    const indexOfKey = new Map<string, number>();
    const firstOfMember = new Map<string, number>();
    rows.forEach((r, i) => {
      indexOfKey.set(r.key, i);
      if (r.kind === 'item' && !firstOfMember.has(r.item.memberId)) firstOfMember.set(r.item.memberId, i);
    });
    return { indexOfKey, firstOfMember };
  }, [rows]);

  const byId = entries?.byId;
  const contactsPicked = [...picked].filter((id) => byId?.get(id)?.isContact);
  const nameOf = (id: string): string => byId?.get(id)?.displayName ?? id;
  const liveGroups = (groups ?? []).filter((g) => !g.deleted).sort((a, b) => a.position - b.position);

  // Roving focus: one line is the list's tab stop — the one last focused, else the open
  // conversation's, else the first. It stays rendered while scrolled away (rangeExtractor).
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const roving =
    (focusKey !== null ? indexOfKey.get(focusKey) : undefined) ??
    (selected !== null ? firstOfMember.get(selected) : undefined) ??
    (rows.length > 0 ? 0 : -1);
  const pendingFocus = useRef<string | null>(null);
  const [overSection, setOverSection] = useState<string | null>(null);

  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions that read mutable state; the React Compiler lint flags
  // that, but nothing here is memoised by the compiler, so it is safe.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lineCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => ESTIMATE[rows[i]?.kind ?? 'item'],
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 8,
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      if (roving < 0 || indexes.includes(roving)) return indexes;
      return [...indexes, roving].sort((a, b) => a - b);
    },
  });

  // A line the keyboard moved to is focused once it is rendered (it is, the render after).
  useEffect(() => {
    const key = pendingFocus.current;
    if (key === null) return;
    const line = scrollRef.current?.querySelector<HTMLElement>(
      `[data-key="${CSS.escape(key)}"] [data-roving]`,
    );
    if (!line) return;
    pendingFocus.current = null;
    line.focus();
  });

  const current = {
    click: (memberId: string, e: React.MouseEvent): void => {
      const mods = { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey };
      // The rows in screen order, for Shift-click ranges and Ctrl-click from the open one (a
      // pinned contact counts where first shown).
      const visible = [...new Set(rows.flatMap((r) => (r.kind === 'item' ? [r.item.memberId] : [])))];
      const next = nextSelection(visible, picked, anchor, memberId, mods, selected);
      setPicked(next.selected);
      setAnchor(next.anchor);
      if (!mods.toggle && !mods.range) onSelect(memberId);
    },
    press: (memberId: string, e: React.PointerEvent | React.KeyboardEvent): void => {
      if (opensOnPress(e) && memberId !== selected) onPressing?.(memberId);
    },
    key: (index: number, e: React.KeyboardEvent): void => {
      const rtl = getComputedStyle(e.currentTarget).direction === 'rtl';
      const box = scrollRef.current;
      const page = box ? Math.floor(box.clientHeight / ESTIMATE.item) : 10;
      const action = treeKey(rows, index, e.key, { rtl, page });
      if (!action) return;
      e.preventDefault();
      if ('toggle' in action) {
        const row = rows[action.toggle];
        if (row) toggle(row.section);
        return;
      }
      const row = rows[action.focus];
      if (!row) return;
      pendingFocus.current = row.key;
      setFocusKey(row.key);
    },
    focus: (key: string): void => setFocusKey(key),
    toggle: (s: Section<TreeEntry>): void => toggle(s),
    dragIds: (memberId: string): string[] => (picked.has(memberId) ? contactsPicked : [memberId]),
    drop: (s: Section<TreeEntry>, ids: string[]): void =>
      void moveTo(s.kind === 'group' ? s.id : s.kind, ids),
    over: (s: Section<TreeEntry> | null): void => setOverSection(s ? `${s.kind}:${s.id}` : null),
  };
  // The lines get one stable object whose methods call this render's closures.
  const latest = useRef(current);
  useLayoutEffect(() => {
    latest.current = current;
  });
  const actions = useMemo<LineActions>(
    () => ({
      click: (m, e) => latest.current.click(m, e),
      press: (m, e) => latest.current.press(m, e),
      key: (i, e) => latest.current.key(i, e),
      focus: (k) => latest.current.focus(k),
      toggle: (s) => latest.current.toggle(s),
      dragIds: (m) => latest.current.dragIds(m),
      drop: (s, ids) => latest.current.drop(s, ids),
      over: (s) => latest.current.over(s),
    }),
    [],
  );

  function toggle(s: Section<TreeEntry>): void {
    if (s.kind === 'group') void edit({ kind: 'collapse', id: s.id, collapsed: !s.collapsed });
    else setBuiltIn(s.kind, !s.collapsed);
  }

  async function moveTo(target: string, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    if (target === 'favourites') {
      for (const id of ids) await edit({ kind: 'pin', memberId: id, pinned: true });
    } else {
      await edit({ kind: 'move', memberIds: ids, groupId: target === 'unsorted' ? null : target });
    }
  }

  const allPinned = contactsPicked.length > 0 && contactsPicked.every((id) => byId?.get(id)?.pinned);
  const items = virtualizer.getVirtualItems();
  // Not counted from the kept first screen's few people.
  const waitingCount = kept ? 0 : waiting.length;

  return (
    <div className="tree">
      <div className="tree-tools">
        <input
          type="search"
          className="tree-search"
          aria-label={t('groups.search')}
          placeholder={t('groups.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <button
          type="button"
          className="button-ghost new-group"
          aria-expanded={creating}
          title={t('groups.newGroup')}
          onClick={() => setCreating((c) => !c)}
        >
          <Icon name="plus" size={14} /> <span className="add-label">{t('groups.newGroup')}</span>
        </button>
      </div>
      <div className="tree-filters">
        <button
          type="button"
          className="button-ghost unanswered-toggle"
          aria-pressed={unansweredOnly}
          // Until the whole list is read, the kept first screen's few people cannot say who waits.
          disabled={kept !== undefined}
          title={t('unanswered.toggleHint')}
          onClick={() => setUnansweredOnly((on) => !on)}
        >
          {t('unanswered.toggle')}
          {waitingCount > 0 && <span className="unanswered-count">{waitingCount}</span>}
        </button>
      </div>
      {creating && (
        <NameForm
          label={t('groups.groupName')}
          submit={t('groups.create')}
          initial=""
          onCancel={() => setCreating(false)}
          onSave={async (name) => {
            setCreating(false);
            await edit({ kind: 'create', id: crypto.randomUUID(), name });
          }}
        />
      )}
      {contactsPicked.length > 0 && (
        <div
          className="selection-bar"
          role="toolbar"
          aria-label={t('groups.selected', { count: contactsPicked.length })}
        >
          <span className="selection-count">
            {/* One contact selected: its name says what the menu acts on. */}
            {contactsPicked.length === 1
              ? nameOf(contactsPicked[0]!)
              : t('groups.selected', { count: contactsPicked.length })}
          </span>
          <select
            aria-label={t('groups.moveSelected')}
            value=""
            onChange={(e) => void moveTo(e.target.value, contactsPicked)}
          >
            <option value="" disabled>
              {t('groups.moveTo')}
            </option>
            {liveGroups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
            <option value="unsorted">{t('groups.unsorted')}</option>
          </select>
          <button
            type="button"
            className="icon-button"
            aria-pressed={allPinned}
            aria-label={allPinned ? t('groups.unpin') : t('groups.pin')}
            title={allPinned ? t('groups.unpin') : t('groups.pin')}
            onClick={() => {
              for (const id of contactsPicked) void edit({ kind: 'pin', memberId: id, pinned: !allPinned });
            }}
          >
            <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
              <path
                d="M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8-5.2-2.7-5.2 2.7 1-5.8-4.3-4.1 5.9-.9z"
                fill={allPinned ? 'currentColor' : 'none'}
                stroke="currentColor"
                strokeWidth="1.7"
                strokeLinejoin="round"
              />
            </svg>
          </button>
          {contactsPicked.length === 1 && (
            <BlockButton memberId={contactsPicked[0]!} name={nameOf(contactsPicked[0]!)} />
          )}
          <button type="button" className="button-ghost" onClick={() => setPicked(new Set())}>
            {t('groups.clearSelection')}
          </button>
        </div>
      )}
      <RefusedEditNotice />
      {unansweredOnly && <UnansweredList queue={queue} selected={selected} onSelect={onSelect} />}
      {!unansweredOnly && !kept && filter.trim() !== '' && sections.every((s) => s.items.length === 0) && (
        <p className="empty">{t('groups.noMatch', { query: filter.trim() })}</p>
      )}
      <div className="contact-list tree-list" ref={scrollRef} hidden={unansweredOnly}>
        <ul
          className="tree-lines"
          aria-label={t('contacts.list')}
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((v) => {
            const row = rows[v.index];
            if (!row) return null;
            const s = row.section;
            return (
              <TreeLine
                key={row.key}
                row={row}
                index={v.index}
                start={v.start}
                measure={virtualizer.measureElement}
                tabbable={v.index === roving}
                over={overSection === `${s.kind}:${s.id}`}
                active={row.kind === 'item' && row.item.memberId === selected}
                picked={row.kind === 'item' && picked.has(row.item.memberId)}
                groups={groups ?? EMPTY_GROUPS}
                t={tr}
                actions={actions}
              />
            );
          })}
        </ul>
      </div>
    </div>
  );
}

const EMPTY_GROUPS: readonly GroupRow[] = [];

interface LineProps {
  row: Row;
  index: number;
  /** Offset from the top of the list, px. */
  start: number;
  measure: (el: Element | null) => void;
  /** The list's one tab stop (roving focus). */
  tabbable: boolean;
  /** A drag is over this line's section. */
  over: boolean;
  active: boolean;
  picked: boolean;
  groups: readonly GroupRow[];
  t: Translate;
  actions: LineActions;
}

/**
 * One line of the virtual list: a section's header, a person or "empty group", positioned at
 * `start`. Memoised: a presence event or a catch-up page re-renders the lines whose person
 * changed (and those that moved), not every line on screen.
 */
const TreeLine = memo(function TreeLine({
  row,
  index,
  start,
  measure,
  tabbable,
  over,
  active,
  picked,
  groups,
  t,
  actions,
}: LineProps): React.JSX.Element {
  // An item line keeps the section of its first render (sameLine): only its kind and id are used.
  const { section } = row;
  const aria =
    row.kind === 'empty'
      ? { 'aria-level': 2 }
      : {
          'aria-level': row.kind === 'header' ? 1 : 2,
          'aria-posinset': row.position,
          'aria-setsize': row.size,
        };
  return (
    <li
      ref={measure}
      data-index={index}
      data-key={row.key}
      className={`tree-line ${row.kind}${over ? ' drop-target' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      {...aria}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        actions.over(section);
      }}
      onDragLeave={() => actions.over(null)}
      onDrop={(e) => {
        actions.over(null);
        const raw = e.dataTransfer.getData(DRAG_TYPE);
        if (!raw) return;
        e.preventDefault();
        try {
          const ids = (JSON.parse(raw) as unknown[]).filter((x): x is string => typeof x === 'string');
          actions.drop(section, ids);
        } catch {
          // Not ours: ignore.
        }
      }}
    >
      {row.kind === 'header' ? (
        <SectionHeader row={row} index={index} tabbable={tabbable} groups={groups} t={t} actions={actions} />
      ) : row.kind === 'empty' ? (
        <span className="tree-empty">{t('groups.empty')}</span>
      ) : (
        <TreeRow
          entry={row.item}
          rowKey={row.key}
          index={index}
          tabbable={tabbable}
          active={active}
          picked={picked}
          t={t}
          actions={actions}
        />
      )}
    </li>
  );
}, sameLine);

/**
 * Whether a line shows the same: a new snapshot rebuilds every row object, so a person's line
 * compares what it draws — the person (the same object while unchanged), its place and set size.
 */
function sameLine(a: LineProps, b: LineProps): boolean {
  const x = a.row;
  const y = b.row;
  const sameRow =
    x.key === y.key &&
    x.kind === y.kind &&
    (x.kind === 'header'
      ? x.section === y.section && x.position === (y as typeof x).position && x.size === (y as typeof x).size
      : x.kind === 'item'
        ? x.item === (y as typeof x).item &&
          x.position === (y as typeof x).position &&
          x.size === (y as typeof x).size
        : true);
  return (
    sameRow &&
    a.index === b.index &&
    a.start === b.start &&
    a.measure === b.measure &&
    a.tabbable === b.tabbable &&
    a.over === b.over &&
    a.active === b.active &&
    a.picked === b.picked &&
    (x.kind !== 'header' || a.groups === b.groups) &&
    a.t === b.t &&
    a.actions === b.actions
  );
}

function SectionHeader({
  row,
  index,
  tabbable,
  groups,
  t,
  actions,
}: {
  row: Extract<Row, { kind: 'header' }>;
  index: number;
  tabbable: boolean;
  groups: readonly GroupRow[];
  t: Translate;
  actions: LineActions;
}): React.JSX.Element {
  const { section } = row;
  const [renaming, setRenaming] = useState(false);
  const edit = useEditTree();
  const name =
    section.kind === 'favourites'
      ? t('groups.favourites')
      : section.kind === 'unsorted'
        ? t('groups.unsorted')
        : section.name;
  return (
    <div className="tree-header">
      {renaming && section.kind === 'group' ? (
        <NameForm
          label={t('groups.groupName')}
          submit={t('groups.save')}
          initial={section.name}
          onCancel={() => setRenaming(false)}
          onSave={async (n) => {
            setRenaming(false);
            await edit({ kind: 'rename', id: section.id, name: n });
          }}
        />
      ) : (
        <>
          <button
            type="button"
            className="tree-toggle"
            data-roving
            tabIndex={tabbable ? 0 : -1}
            aria-expanded={!section.collapsed}
            onClick={() => actions.toggle(section)}
            onKeyDown={(e) => actions.key(index, e)}
            onFocus={() => actions.focus(row.key)}
          >
            <span className="chevron" aria-hidden="true">
              {section.collapsed ? '▸' : '▾'}
            </span>
            <span className="tree-name">{name}</span>{' '}
            <TreeCount online={section.online} total={section.total} t={t} />
          </button>
          {section.kind === 'group' && (
            <GroupMenu
              name={section.name}
              t={t}
              tabbable={tabbable}
              onRename={() => setRenaming(true)}
              onMove={(step) => {
                const order = moveGroup(groups, section.id, step);
                if (order) void edit({ kind: 'reorder', order });
              }}
              onDelete={() => void edit({ kind: 'delete', id: section.id })}
            />
          )}
        </>
      )}
    </div>
  );
}

function GroupMenu({
  name,
  t,
  tabbable,
  onRename,
  onMove,
  onDelete,
}: {
  name: string;
  t: Translate;
  /** Reachable with Tab while its header is the tree's tab stop. */
  tabbable: boolean;
  onRename: () => void;
  onMove: (step: -1 | 1) => void;
  onDelete: () => void;
}): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const run = (fn: () => void) => () => {
    setOpen(false);
    fn();
  };
  return (
    <div className="group-menu">
      <button
        type="button"
        className="icon-button"
        tabIndex={tabbable || open ? 0 : -1}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={t('groups.actions', { name })}
        title={t('groups.actions', { name })}
        onClick={() => setOpen((o) => !o)}
      >
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <circle cx="5" cy="12" r="1.8" fill="currentColor" />
          <circle cx="12" cy="12" r="1.8" fill="currentColor" />
          <circle cx="19" cy="12" r="1.8" fill="currentColor" />
        </svg>
      </button>
      {open && (
        <div
          className="menu"
          role="menu"
          tabIndex={-1}
          aria-label={t('groups.actions', { name })}
          onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        >
          <button type="button" role="menuitem" onClick={run(onRename)}>
            {t('groups.rename')}
          </button>
          <button type="button" role="menuitem" onClick={run(() => onMove(-1))}>
            {t('groups.moveUp')}
          </button>
          <button type="button" role="menuitem" onClick={run(() => onMove(1))}>
            {t('groups.moveDown')}
          </button>
          <button type="button" role="menuitem" className="danger" onClick={run(onDelete)}>
            {t('groups.delete')}
          </button>
        </div>
      )}
    </div>
  );
}

function NameForm({
  label,
  submit,
  initial,
  onSave,
  onCancel,
}: {
  label: string;
  submit: string;
  initial: string;
  onSave: (name: string) => Promise<void>;
  onCancel: () => void;
}): React.JSX.Element {
  const [value, setValue] = useState(initial);
  const { t } = useTranslation();
  const ref = useRef<HTMLInputElement>(null);
  const name = value.trim();
  return (
    <form
      className="name-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (name !== '' && name.length <= 60) void onSave(name);
      }}
    >
      <input
        ref={ref}
        aria-label={label}
        placeholder={label}
        value={value}
        maxLength={60}
        onChange={(e) => setValue(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
        // Opened on purpose by the user, who will type a name now.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
      <button type="submit" className="button-primary" disabled={name === ''}>
        {submit}
      </button>
      <button type="button" className="button-ghost" onClick={onCancel}>
        {t('groups.cancel')}
      </button>
    </form>
  );
}

function TreeRow({
  entry,
  rowKey,
  index,
  tabbable,
  active,
  picked,
  t,
  actions,
}: {
  entry: TreeEntry;
  rowKey: string;
  index: number;
  tabbable: boolean;
  active: boolean;
  picked: boolean;
  t: Translate;
  actions: LineActions;
}): React.JSX.Element {
  const { item } = entry;
  const { contact, memberId, displayName, unread, lastText, lastActivityAt, conversationId } = item;
  const preview = usePreviewText(conversationId, memberId, lastText);
  const time = useContactTime(contact?.user.profile);
  const presence = useShownPresence(contact?.presence);
  const onDragStart = useCallback(
    (ev: React.DragEvent) => {
      ev.dataTransfer.setData(DRAG_TYPE, JSON.stringify(actions.dragIds(memberId)));
      ev.dataTransfer.effectAllowed = 'move';
    },
    [actions, memberId],
  );
  return (
    <button
      type="button"
      className={`contact${active ? ' active' : ''}${picked ? ' picked' : ''}`}
      data-roving
      tabIndex={tabbable ? 0 : -1}
      aria-current={active ? 'true' : undefined}
      aria-pressed={picked}
      draggable={contact !== null}
      onDragStart={onDragStart}
      onClick={(e) => actions.click(memberId, e)}
      onPointerDown={(e) => actions.press(memberId, e)}
      onKeyDown={(e) => {
        actions.press(memberId, e);
        actions.key(index, e);
      }}
      onFocus={() => actions.focus(rowKey)}
    >
      <Avatar
        id={memberId}
        name={displayName}
        presence={presence.state}
        presenceDetail={presenceDetail(presence, t)}
      />
      <span className="contact-main">
        <span className="contact-top">
          <span className="contact-name">{displayName}</span>
          {lastActivityAt && <span className="contact-time">{formatListTime(lastActivityAt)}</span>}
        </span>
        <span className="contact-bottom">
          <span className="contact-sub" dir="auto">
            {preview ?? (contact?.user.profile.company || `@${memberId}`)}
          </span>
          {time && <LocalTime time={time} t={t} />}
          {unread > 0 && (
            <span className="badge" aria-label={t('contacts.unread', { count: unread })}>
              {formatCount(unread, 99)}
            </span>
          )}
        </span>
      </span>
    </button>
  );
}

/** "🕒 03:12" with the zone and business status in the tooltip; dimmed outside their hours. */
function LocalTime({ time, t }: { time: ContactTime; t: Translate }): React.JSX.Element {
  const hours = hoursPhrase(time, t);
  const title = hours ? `${clockPhrase(time, t)} · ${hours}` : clockPhrase(time, t);
  return (
    <span
      className={`local-time ${time.status.state}`}
      title={title}
      aria-label={t('groups.localTime', { time: localDigits(time.clock.time) })}
    >
      <svg width="11" height="11" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="2.2" />
        <path d="M12 7v5l3 2" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round" />
      </svg>
      {localDigits(time.clock.time)}
    </span>
  );
}
