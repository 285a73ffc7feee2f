/**
 * The rail's Contacts (issue 11; UI.md § Contacts): the directory of every contact, searched by
 * name, member id, company or country (its code or its name in the reader's language); "Add
 * contact" by member id (the contact pane's flow); requests. Virtualised, and it reads what it
 * shows (directoryStore.ts): the order from the name index's keys, the rows of the window on
 * screen; thousands of contacts cost what is on screen.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRow } from '../../db/schema';
import { useSession } from '../../sync/session';
import { Flag } from '../../ui/Flag';
import { Avatar } from '../../ui/Avatar';
import { regionName } from '../../ui/format';
import { Icon } from '../../ui/icons';
import './contacts.css';
import { clockPhrase, useContactTime, type Translate } from '../clock';
import { AddContactForm } from './ContactPane';
import { RequestsList } from './RequestsList';
import { directoryList } from './directory';
import { directoryKeys, searchableContacts, windowRows, type DirectoryKey } from './directoryStore';

interface Props {
  /** Open the conversation with this contact. */
  onOpen: (memberId: string) => void;
}

const ROW_HEIGHT = 60;

export function ContactDirectory({ onOpen }: Props): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const { db } = useSession();
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  // Country names and collation follow the language the window speaks ("Chiny", "الصين").
  const language = i18n.language;
  const everyone = useLiveQuery(() => directoryKeys(db, language), [db, language]);
  const words = deferredQuery.trim();
  const searching = words !== '';
  // Read while a search runs only; null when none does (no table read, nothing observed).
  const searchable = useLiveQuery(() => (searching ? searchableContacts(db) : null), [db, searching]);
  const found = useMemo(
    () =>
      searching && searchable ? directoryList(searchable, words, (code) => regionName(code), language) : null,
    [searching, searchable, words, language],
  );
  // Until a search's rows are in, the list stays as it was (no "no match" in between).
  const entries: readonly DirectoryKey[] = found ?? everyone ?? [];
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions that read mutable state; the React Compiler lint flags
  // that, but nothing here is memoised by the compiler, so it is safe.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const windowIds = items.flatMap((v) => {
    const e = entries[v.index];
    return e ? [e.memberId] : [];
  });
  const windowKey = windowIds.join('\n');
  // Only the rows on screen (and the overscan), observed by key: a write to another contact
  // re-reads nothing here. `windowKey` stands for `windowIds` (a new array each render).
  const rows = useLiveQuery(() => windowRows(db, windowIds), [db, windowKey]);
  const padTop = items[0]?.start ?? 0;
  const padBottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));

  return (
    <section className="directory" aria-labelledby="directory-title">
      <header className="directory-header">
        <h1 id="directory-title">{t('directory.title')}</h1>
        {everyone && everyone.length > 0 && (
          <span className="directory-count">{t('directory.count', { count: entries.length })}</span>
        )}
        <button
          type="button"
          className="button-ghost directory-add"
          onClick={() => setAdding((a) => !a)}
          aria-expanded={adding}
        >
          <Icon name="plus" size={14} /> {t('contacts.add')}
        </button>
      </header>
      <div className="directory-tools">
        {adding && (
          <AddContactForm
            onDone={(id) => {
              setAdding(false);
              // The new contact, found at once among the others.
              if (id) setQuery(id);
            }}
            onRequested={(_memberId, name) => {
              setAdding(false);
              setNotice(t('requests.sent', { name }));
            }}
          />
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
        <RequestsList onOpen={onOpen} />
        <input
          type="search"
          className="directory-search"
          aria-label={t('directory.search')}
          placeholder={t('directory.searchPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {everyone && everyone.length === 0 && !adding && <p className="empty">{t('directory.empty')}</p>}
      {everyone && everyone.length > 0 && found?.length === 0 && (
        <p className="empty">{t('directory.noMatch', { query: deferredQuery.trim() })}</p>
      )}
      <div className="directory-scroll" ref={scrollRef}>
        <ul className="directory-list" aria-label={t('directory.list')}>
          {padTop > 0 && <li className="spacer" aria-hidden="true" style={{ height: padTop }} />}
          {items.map((v) => {
            const e = entries[v.index];
            if (!e) return null;
            const row = rows?.get(e.memberId);
            return row ? (
              <DirectoryRow
                key={e.memberId}
                row={row}
                onOpen={onOpen}
                position={v.index + 1}
                size={entries.length}
              />
            ) : (
              <li
                key={e.memberId}
                className="directory-row"
                style={{ height: ROW_HEIGHT }}
                aria-posinset={v.index + 1}
                aria-setsize={entries.length}
              >
                <span className="directory-who">
                  <span className="directory-name">{e.displayName}</span>
                </span>
              </li>
            );
          })}
          {padBottom > 0 && <li className="spacer" aria-hidden="true" style={{ height: padBottom }} />}
        </ul>
      </div>
    </section>
  );
}

function DirectoryRow({
  row,
  onOpen,
  position,
  size,
}: {
  row: ContactRow;
  onOpen: (memberId: string) => void;
  /** The row's place in the list (from 1) and its length: only a window is in the DOM. */
  position: number;
  size: number;
}): React.JSX.Element {
  const { t } = useTranslation();
  const tr = t as unknown as Translate;
  const { company, country } = row.user.profile;
  const time = useContactTime(row.user.profile);
  return (
    <li className="directory-row" style={{ height: ROW_HEIGHT }} aria-posinset={position} aria-setsize={size}>
      <Avatar id={row.memberId} name={row.displayName} presence={row.presence.state} />
      <span className="directory-who">
        <span className="directory-name">
          {row.displayName} <bdi className="directory-id">@{row.memberId}</bdi>
        </span>
        <span className="directory-sub">
          {company && <bdi dir="auto">{company}</bdi>}
          {country && (
            <span className="directory-country">
              <Flag code={country} /> {regionName(country)}
            </span>
          )}
        </span>
      </span>
      {time && <span className="directory-time">{clockPhrase(time, tr)}</span>}
      <button
        type="button"
        className="button-ghost directory-chat"
        aria-label={t('directory.chatWith', { name: row.displayName })}
        onClick={() => onOpen(row.memberId)}
      >
        <Icon name="chats" size={14} /> {t('directory.chat')}
      </button>
    </li>
  );
}
