import { useMemo, useRef, useState } from 'react';
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
import type { GroupRow } from '../../db/rows/contacts';
import { buildTree, matchesFilter, moveGroup, nextSelection, type Section } from './tree';
import { unansweredQueue } from './unanswered';
import { UnansweredList } from './UnansweredList';
import { RefusedEditNotice } from './RefusedEditNotice';
import { TreeCount } from './TreeCount';
import { BlockButton } from './ConversationGate';
import { useBuiltInCollapsed, useEditTree, useGroups, useTreeEntries, type TreeEntry } from './useTree';

interface Props {
  selected: string | null;
  onSelect: (memberId: string) => void;
}

const DRAG_TYPE = 'application/x-tradewind-members';

/**
 * The contact tree: Favourites, the user's groups with `online/total`, Unsorted; filter box,
 * multi-select (Ctrl/Shift-click) with "Move to…", drag and drop onto a group, group actions.
 */
export function ContactTree({ selected, onSelect }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const { db, me } = useSession();
  const entries = useTreeEntries(db, me);
  const groups = useGroups(db);
  const edit = useEditTree();
  const [query, setQuery] = useState('');
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [anchor, setAnchor] = useState<string | null>(null);
  const [builtIn, setBuiltIn] = useBuiltInCollapsed(db);
  const [creating, setCreating] = useState(false);
  // Issue 11: only the conversations waiting on my answer, the longest waiting first.
  const [unansweredOnly, setUnansweredOnly] = useState(false);
  const queue = useMemo(
    () =>
      unansweredQueue(
        (entries ?? []).filter((e) => matchesFilter(e, query)).map((e) => e.item),
        me,
      ),
    [entries, query, me],
  );

  const sections = useMemo(
    () =>
      buildTree(entries ?? [], groups ?? [], {
        query,
        favouritesCollapsed: builtIn.favourites,
        unsortedCollapsed: builtIn.unsorted,
      }),
    [entries, groups, query, builtIn],
  );
  // The rows in screen order, for Shift-click ranges (a pinned contact counts where first shown).
  const visible = useMemo(
    () => [...new Set(sections.flatMap((s) => (s.collapsed ? [] : s.items.map((i) => i.memberId))))],
    [sections],
  );
  const contactsPicked = [...picked].filter((id) => entries?.some((e) => e.memberId === id && e.isContact));
  const liveGroups = (groups ?? []).filter((g) => !g.deleted).sort((a, b) => a.position - b.position);

  const click = (memberId: string, e: React.MouseEvent): void => {
    const mods = { toggle: e.ctrlKey || e.metaKey, range: e.shiftKey };
    const next = nextSelection(visible, picked, anchor, memberId, mods, selected);
    setPicked(next.selected);
    setAnchor(next.anchor);
    if (!mods.toggle && !mods.range) onSelect(memberId);
  };

  const moveTo = async (target: string, ids: string[]): Promise<void> => {
    if (ids.length === 0) return;
    if (target === 'favourites') {
      for (const id of ids) await edit({ kind: 'pin', memberId: id, pinned: true });
    } else {
      await edit({ kind: 'move', memberIds: ids, groupId: target === 'unsorted' ? null : target });
    }
  };

  const allPinned =
    contactsPicked.length > 0 &&
    contactsPicked.every((id) => entries?.find((e) => e.memberId === id)?.pinned);

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
          <Icon name="plus" size={14} /> {t('groups.newGroup')}
        </button>
      </div>
      <div className="tree-filters">
        <button
          type="button"
          className="button-ghost unanswered-toggle"
          aria-pressed={unansweredOnly}
          title={t('unanswered.toggleHint')}
          onClick={() => setUnansweredOnly((on) => !on)}
        >
          {t('unanswered.toggle')}
          {queue.length > 0 && <span className="unanswered-count">{queue.length}</span>}
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
              ? (entries?.find((e) => e.memberId === contactsPicked[0])?.displayName ?? contactsPicked[0])
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
            <BlockButton
              memberId={contactsPicked[0]!}
              name={entries?.find((e) => e.memberId === contactsPicked[0])?.displayName ?? contactsPicked[0]!}
            />
          )}
          <button type="button" className="button-ghost" onClick={() => setPicked(new Set())}>
            {t('groups.clearSelection')}
          </button>
        </div>
      )}
      <RefusedEditNotice />
      {unansweredOnly && <UnansweredList queue={queue} selected={selected} onSelect={onSelect} />}
      {!unansweredOnly && query.trim() !== '' && sections.every((s) => s.items.length === 0) && (
        <p className="empty">{t('groups.noMatch', { query: query.trim() })}</p>
      )}
      <ul className="contact-list tree-list" aria-label={t('contacts.list')} hidden={unansweredOnly}>
        {sections.map((s) => (
          <SectionView
            key={`${s.kind}:${s.id}`}
            section={s}
            groups={groups ?? []}
            selected={selected}
            picked={picked}
            t={tr}
            onToggle={() => {
              if (s.kind === 'group') void edit({ kind: 'collapse', id: s.id, collapsed: !s.collapsed });
              else setBuiltIn(s.kind, !s.collapsed);
            }}
            onRowClick={click}
            onDropIds={(ids) => void moveTo(s.kind === 'group' ? s.id : s.kind, ids)}
            dragIds={(memberId) => (picked.has(memberId) ? contactsPicked : [memberId])}
          />
        ))}
      </ul>
    </div>
  );
}

function SectionView({
  section,
  groups,
  selected,
  picked,
  t,
  onToggle,
  onRowClick,
  onDropIds,
  dragIds,
}: {
  section: Section<TreeEntry>;
  groups: readonly GroupRow[];
  selected: string | null;
  picked: ReadonlySet<string>;
  t: Translate;
  onToggle: () => void;
  onRowClick: (memberId: string, e: React.MouseEvent) => void;
  onDropIds: (ids: string[]) => void;
  dragIds: (memberId: string) => string[];
}): React.JSX.Element {
  const [over, setOver] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const edit = useEditTree();
  const name =
    section.kind === 'favourites'
      ? t('groups.favourites')
      : section.kind === 'unsorted'
        ? t('groups.unsorted')
        : section.name;
  const listId = `section-${section.kind}-${section.id}`;
  return (
    <li
      className={`tree-section${over ? ' drop-target' : ''}`}
      onDragOver={(e) => {
        if (!e.dataTransfer.types.includes(DRAG_TYPE)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        setOver(false);
        const raw = e.dataTransfer.getData(DRAG_TYPE);
        if (!raw) return;
        e.preventDefault();
        try {
          const ids = (JSON.parse(raw) as unknown[]).filter((x): x is string => typeof x === 'string');
          onDropIds(ids);
        } catch {
          // Not ours: ignore.
        }
      }}
    >
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
              aria-expanded={!section.collapsed}
              aria-controls={listId}
              onClick={onToggle}
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
      {!section.collapsed && (
        <ul id={listId} className="tree-rows" aria-label={name}>
          {section.items.length === 0 && section.kind === 'group' && (
            <li className="tree-empty">{t('groups.empty')}</li>
          )}
          {section.items.map((e) => (
            <TreeRow
              key={e.memberId}
              entry={e}
              active={e.memberId === selected}
              picked={picked.has(e.memberId)}
              t={t}
              onClick={(ev) => onRowClick(e.memberId, ev)}
              onDragStart={(ev) => {
                ev.dataTransfer.setData(DRAG_TYPE, JSON.stringify(dragIds(e.memberId)));
                ev.dataTransfer.effectAllowed = 'move';
              }}
            />
          ))}
        </ul>
      )}
    </li>
  );
}

function GroupMenu({
  name,
  t,
  onRename,
  onMove,
  onDelete,
}: {
  name: string;
  t: Translate;
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
  active,
  picked,
  t,
  onClick,
  onDragStart,
}: {
  entry: TreeEntry;
  active: boolean;
  picked: boolean;
  t: Translate;
  onClick: (e: React.MouseEvent) => void;
  onDragStart: (e: React.DragEvent) => void;
}): React.JSX.Element {
  const { item } = entry;
  const { contact, memberId, displayName, unread, lastText, lastActivityAt, conversationId } = item;
  const preview = usePreviewText(conversationId, memberId, lastText);
  const time = useContactTime(contact?.user.profile);
  const presence = useShownPresence(contact?.presence);
  return (
    <li>
      <button
        type="button"
        className={`contact${active ? ' active' : ''}${picked ? ' picked' : ''}`}
        aria-current={active ? 'true' : undefined}
        aria-pressed={picked}
        draggable={contact !== null}
        onDragStart={onDragStart}
        onClick={onClick}
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
            <span className="contact-sub">
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
    </li>
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
