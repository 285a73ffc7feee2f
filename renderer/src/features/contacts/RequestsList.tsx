/**
 * The Requests list (issue 11; UI.md § Requests): one list for contact requests and message
 * requests. Each incoming request shows who — name, company, country, their local time — and the
 * first message (translated, through the preview app/ provides), with Accept / Ignore / Block
 * (RequestActions, as in the conversation's request bar); the row opens the conversation. My own
 * requests read "Request sent". Ignored requests fold away under "Ignored (n)", where they can
 * still be accepted or blocked.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { createContext, Fragment, useContext, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactRequestRow } from '../../db/rows/contacts';
import type { MessageRow } from '../../db/schema';
import { useSession } from '../../sync/session';
import { Flag } from '../../ui/Flag';
import { Avatar } from '../../ui/Avatar';
import { regionName } from '../../ui/format';
import { clockPhrase, useContactTime, type Translate } from '../clock';
import { RequestActions } from './RequestActions';
import { useRequests, type IncomingRequest, type RequestLists } from './useRequests';

/**
 * How a request's first message is shown: app/ provides the translated one (contacts/ imports no
 * translation/, which imports contacts/). It returns an element of a component of its own.
 */
export type RequestPreview = (message: MessageRow, partnerId: string) => React.ReactNode;

function plainPreview(message: MessageRow): React.ReactNode {
  return (
    <p className="text" dir="auto">
      {message.text}
    </p>
  );
}

/** Provided by app/ around the window: the first message in the reader's language. */
export const RequestPreviewContext = createContext<RequestPreview>(plainPreview);

interface Props {
  /** Opens the conversation with a requester (the chat list selects it). */
  onOpen?: (memberId: string) => void;
  /** The member whose conversation is open, if any. */
  selected?: string | null;
}

/** One line of the list: a request to me, one of mine, the "Ignored (n)" fold, an ignored request. */
type Line =
  | { kind: 'incoming' | 'ignored'; key: string; entry: IncomingRequest }
  | { kind: 'outgoing'; key: string; request: ContactRequestRow }
  | { kind: 'fold'; key: string };

/** Estimated heights before a line is measured: a request with its first message, a one-line row. */
const ESTIMATE: Record<Line['kind'], number> = { incoming: 120, ignored: 120, outgoing: 28, fold: 28 };

/** The lines in order: pending requests, mine, then the ignored ones under their fold when open. */
export function requestLines(lists: RequestLists, ignoredOpen: boolean): Line[] {
  const lines: Line[] = [
    ...lists.incoming.map((entry) => ({
      kind: 'incoming' as const,
      key: `in:${entry.request.memberId}`,
      entry,
    })),
    ...lists.outgoing.map((request) => ({
      kind: 'outgoing' as const,
      key: `out:${request.memberId}`,
      request,
    })),
  ];
  if (lists.ignored.length > 0) {
    lines.push({ kind: 'fold', key: 'fold' });
    if (ignoredOpen)
      for (const entry of lists.ignored)
        lines.push({ kind: 'ignored', key: `ign:${entry.request.memberId}`, entry });
  }
  return lines;
}

/**
 * Incoming requests with Accept / Ignore / Block, my own as "Request sent"; nothing when there are
 * none. A seller may have hundreds of strangers writing (issue 10): the lines are one virtual list
 * (@tanstack/react-virtual, heights measured) in a box of its own, only those on screen in the DOM.
 */
export function RequestsList({ onOpen, selected = null }: Props): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const { db, me } = useSession();
  const lists = useRequests(db, me);
  const [ignoredOpen, setIgnoredOpen] = useState(false);
  const lines = useMemo(() => (lists ? requestLines(lists, ignoredOpen) : []), [lists, ignoredOpen]);
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions that read mutable state; the React Compiler lint flags
  // that, but nothing here is memoised by the compiler, so it is safe.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => ESTIMATE[lines[i]?.kind ?? 'incoming'],
    getItemKey: (i) => lines[i]?.key ?? i,
    gap: 6,
    overscan: 4,
  });
  if (!lists || lines.length === 0) return null;
  const { incoming, ignored } = lists;
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));

  return (
    <section className="requests" aria-labelledby="requests-title">
      <h2 id="requests-title">
        {t('requests.title')}
        {incoming.length > 0 && (
          <>
            {' · '}
            <span className="requests-count">{incoming.length.toLocaleString(i18n.language)}</span>
          </>
        )}
      </h2>
      <div className="requests-scroll" ref={scrollRef}>
        <ul>
          {padTop > 0 && <li className="spacer" aria-hidden="true" style={{ height: padTop }} />}
          {items.map((v) => {
            const line = lines[v.index];
            if (!line) return null;
            const measured = { index: v.index, measure: virtualizer.measureElement };
            switch (line.kind) {
              case 'incoming':
              case 'ignored':
                return (
                  <RequestItem
                    key={line.key}
                    {...measured}
                    entry={line.entry}
                    ignored={line.kind === 'ignored'}
                    active={selected === line.entry.request.memberId}
                    onOpen={onOpen}
                  />
                );
              case 'outgoing':
                return (
                  <li
                    key={line.key}
                    ref={virtualizer.measureElement}
                    data-index={v.index}
                    className="request outgoing"
                  >
                    {onOpen ? (
                      <button
                        type="button"
                        className="request-open link"
                        aria-label={t('requests.open', { name: line.request.user.displayName })}
                        onClick={() => onOpen(line.request.memberId)}
                      >
                        {line.request.user.displayName}
                      </button>
                    ) : (
                      <span>{line.request.user.displayName}</span>
                    )}
                    <span className="request-pending">{t('requests.pending')}</span>
                  </li>
                );
              case 'fold':
                return (
                  <li
                    key={line.key}
                    ref={virtualizer.measureElement}
                    data-index={v.index}
                    className="requests-ignored"
                  >
                    <button
                      type="button"
                      className="requests-fold"
                      aria-expanded={ignoredOpen}
                      onClick={() => setIgnoredOpen((o) => !o)}
                    >
                      <span className="chevron" aria-hidden="true">
                        {ignoredOpen ? '▾' : '▸'}
                      </span>{' '}
                      {t('requests.ignoredCount', { n: ignored.length.toLocaleString(i18n.language) })}
                    </button>
                  </li>
                );
            }
          })}
          {padBottom > 0 && <li className="spacer" aria-hidden="true" style={{ height: padBottom }} />}
        </ul>
      </div>
    </section>
  );
}

function RequestItem({
  entry,
  ignored,
  active,
  onOpen,
  index,
  measure,
}: {
  entry: IncomingRequest;
  /** Ignored already: Accept and Block only. */
  ignored: boolean;
  active: boolean;
  onOpen: ((memberId: string) => void) | undefined;
  index: number;
  measure: (el: Element | null) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const preview = useContext(RequestPreviewContext);
  const { request, first } = entry;
  const { user } = request;
  const name = user.displayName;
  const id = user.memberId;
  const p = user.profile;
  const time = useContactTime(p);
  // Role, country, their clock: one line under the name (a chip there would be cut off).
  const country = p.country ? (
    <>
      <Flag code={p.country} /> {regionName(p.country)}
    </>
  ) : null;
  const where = [
    t(`profile.${user.role}`),
    country,
    time ? clockPhrase(time, t as unknown as Translate) : null,
  ]
    .filter((x) => x !== null)
    .map((x, i) => (
      <Fragment key={i}>
        {i > 0 && ' · '}
        {x}
      </Fragment>
    ));
  const who = (
    <>
      <Avatar id={id} name={name} size="sm" />
      <span className="request-who">
        <span className="request-name">{name}</span>
        {p.company && <span className="company"> · {p.company}</span>}
      </span>
      {where.length > 0 && <span className="request-where">{where}</span>}
    </>
  );
  return (
    <li ref={measure} data-index={index} className={`request incoming${active ? ' active' : ''}`}>
      {onOpen && first ? (
        <button
          type="button"
          className="request-open"
          aria-current={active ? 'true' : undefined}
          aria-label={t('requests.open', { name })}
          onClick={() => onOpen(id)}
        >
          {who}
        </button>
      ) : (
        <div className="request-open">{who}</div>
      )}
      <div className="request-message">
        {first ? preview(first, id) : <p className="text">{t('requests.incoming', { name })}</p>}
      </div>
      <RequestActions memberId={id} name={name} canIgnore={!ignored} />
    </li>
  );
}
