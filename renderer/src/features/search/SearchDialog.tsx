import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { partnerOf } from '../../../../shared/protocol';
import type { SearchQuery } from '../../../../shared/search/tokenize';
import { useMe } from '../../db/hooks';
import type { MessageRow } from '../../db/schema';
import { useSession } from '../../sync/session';
import { locale } from '../../i18n';
import { Filters } from './Filters';
import { Highlighted } from './Highlighted';
import type { SearchFilters, SearchHit } from './query';
import { senderTime } from './time';
import { useSearch } from './useSearch';

/** Hits read and shown at most; the count says how many more match. */
const LIMIT = 50;

interface Props {
  onClose: () => void;
  /** The user chose a hit: open its conversation at the message. */
  onOpen: (message: MessageRow) => void;
}

/**
 * The search screen (UI.md § Search): one field, filter chips, hits grouped by conversation with
 * the sender, their local time and the match highlighted in the original and the translation.
 * A modal dialog: Escape closes it and focus returns to where it was. The field is a combobox
 * over the list of hits (↑/↓ choose, Enter opens).
 */
export function SearchDialog({ onClose, onOpen }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { db, me } = useSession();
  const meRow = useMe(db);
  const ref = useRef<HTMLDialogElement>(null);
  const listId = useId();
  const [text, setText] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({});
  const { query, result, incomplete } = useSearch(text, filters, LIMIT);
  const contacts = useLiveQuery(
    async () => new Map((await db.contacts.toArray()).map((c) => [c.memberId, c])),
    [db],
  );
  const [active, setActive] = useState(0);

  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    ref.current?.showModal();
    // showModal focuses the first button; the user opened search to type.
    field.current?.focus();
  }, []);

  const hits = useMemo(() => result?.hits ?? [], [result]);
  const groups = useMemo(() => groupByConversation(hits), [hits]);
  const flat = useMemo(() => groups.flatMap((g) => g.hits), [groups]);
  const activeIndex = Math.min(active, flat.length - 1);
  const optionId = (i: number): string => `${listId}-${i}`;

  useEffect(() => {
    if (activeIndex >= 0)
      document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
    // optionId is derived from listId, which never changes
  }, [activeIndex]); // eslint-disable-line react-hooks/exhaustive-deps

  const nameOf = (memberId: string): string =>
    memberId === me ? t('conversation.you') : (contacts?.get(memberId)?.displayName ?? memberId);
  const zoneOf = (memberId: string): string =>
    (memberId === me ? meRow?.profile.timeZone : contacts?.get(memberId)?.user.profile.timeZone) ?? 'UTC';

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>): void => {
    if (e.key === 'Escape') {
      // A search field would only clear itself on Escape: close the dialog at once instead.
      e.preventDefault();
      ref.current?.close();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (flat.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((Math.max(0, activeIndex) + step + flat.length) % flat.length);
    } else if (e.key === 'Enter' && !e.nativeEvent.isComposing) {
      e.preventDefault();
      const hit = flat[activeIndex];
      if (hit) onOpen(hit.message);
    }
  };

  const num = (n: number): string => new Intl.NumberFormat(locale()).format(n);
  return (
    <dialog ref={ref} className="search-dialog" aria-labelledby={`${listId}-title`} onClose={onClose}>
      <div className="search-head">
        <h2 id={`${listId}-title`}>{t('search.title')}</h2>
        <button type="button" className="button-ghost" onClick={() => ref.current?.close()}>
          {t('search.close')}
        </button>
      </div>
      <input
        type="search"
        className="search-field"
        role="combobox"
        aria-label={t('search.field')}
        aria-expanded={flat.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={activeIndex >= 0 && flat.length > 0 ? optionId(activeIndex) : undefined}
        placeholder={t('search.placeholder')}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
        dir="auto"
        autoComplete="off"
        spellCheck={false}
        ref={field}
      />
      <Filters
        filters={filters}
        onChange={(f) => {
          setFilters(f);
          setActive(0);
        }}
        contacts={contacts}
        me={me}
      />
      <p className="search-status" role="status">
        {result &&
          result.total !== null &&
          (result.total === 0
            ? t('search.none')
            : result.more
              ? `${t('search.foundMore', { n: num(result.total) })} ${t('search.newestOfMore', { shown: num(hits.length) })}`
              : result.total > hits.length
                ? `${t('search.found', { n: num(result.total) })} ${t('search.newest', { shown: num(hits.length), total: num(result.total) })}`
                : t('search.found', { n: num(result.total) }))}
        {result && incomplete && ` ${t('search.incomplete')}`}
      </p>
      <div id={listId} role="listbox" aria-label={t('search.results')} className="search-results">
        {groups.map((g) => {
          const partner = partnerOf(g.conversationId, me) ?? g.conversationId;
          const groupLabel = `${listId}-g-${g.conversationId}`;
          return (
            <div key={g.conversationId} role="group" aria-labelledby={groupLabel} className="search-group">
              <div id={groupLabel} className="search-group-title" role="presentation">
                {nameOf(partner)}
              </div>
              {g.hits.map((hit, k) => {
                const i = g.start + k;
                return (
                  <div
                    key={hit.message.clientId}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === activeIndex}
                    className="search-hit"
                    // Focus stays in the field (aria-activedescendant); a click or Enter opens.
                    tabIndex={-1}
                    onClick={() => onOpen(hit.message)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') onOpen(hit.message);
                    }}
                    onMouseMove={() => {
                      if (i !== activeIndex) setActive(i);
                    }}
                  >
                    <HitLine
                      hit={hit}
                      query={query}
                      sender={nameOf(hit.message.sender)}
                      zone={zoneOf(hit.message.sender)}
                    />
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
      <p className="hint">{t('search.hint')}</p>
    </dialog>
  );
}

function HitLine({
  hit,
  query,
  sender,
  zone,
}: {
  hit: SearchHit;
  query: SearchQuery;
  sender: string;
  zone: string;
}): React.JSX.Element {
  const { t } = useTranslation();
  const m = hit.message;
  const translated = hit.translation?.text ?? m.translation?.text ?? null;
  return (
    <>
      <span className="search-hit-meta">
        <span className="search-hit-sender">{sender}</span>
        <time dateTime={m.sentAt ?? m.createdAt}>{senderTime(m.sentAt ?? m.createdAt, zone)}</time>
      </span>
      <span className="search-hit-text">
        <Highlighted text={m.text} query={query} />
      </span>
      {translated !== null && (
        <span className="search-hit-translation">
          <span className="visually-hidden">{t('search.translation')}: </span>
          <Highlighted text={translated} query={query} />
        </span>
      )}
    </>
  );
}

interface Group {
  conversationId: string;
  hits: SearchHit[];
  /** Index of the group's first hit in the whole list (for ↑/↓ and option ids). */
  start: number;
}

/** Groups newest-first hits by conversation; groups come in the order of their newest hit. */
function groupByConversation(hits: readonly SearchHit[]): Group[] {
  const groups = new Map<string, Group>();
  for (const hit of hits) {
    const id = hit.message.conversationId;
    const g = groups.get(id) ?? { conversationId: id, hits: [], start: 0 };
    g.hits.push(hit);
    groups.set(id, g);
  }
  let start = 0;
  const out = [...groups.values()];
  for (const g of out) {
    g.start = start;
    start += g.hits.length;
  }
  return out;
}
