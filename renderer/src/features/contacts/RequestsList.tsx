/**
 * The Requests list (issue 11; UI.md § Requests): one list for contact requests and message
 * requests. Each incoming request shows who — name, company, country, their local time — and the
 * first message (translated, through the preview app/ provides), with Accept / Ignore / Block;
 * the row opens the conversation. My own requests read "Request sent". Ignored requests fold away
 * under "Ignored (n)", where they can still be accepted or blocked.
 */
import { createContext, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/result';
import type { MessageRow } from '../../db/schema';
import { useSession } from '../../sync/session';
import { Avatar } from '../../ui/Avatar';
import { regionName } from '../../ui/format';
import { clockPhrase, useContactTime, type Translate } from '../clock';
import { acceptRequest, ignoreRequest, setBlocked, type ActionResult } from './requestActions';
import { useRequests, type IncomingRequest } from './useRequests';

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

/** 🇵🇱 from "PL": the two regional indicator symbols. */
export function flagOf(country: string): string {
  if (!/^[A-Z]{2}$/.test(country)) return '';
  return String.fromCodePoint(...[...country].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
}

interface Props {
  /** Opens the conversation with a requester (the chat list selects it). */
  onOpen?: (memberId: string) => void;
  /** The member whose conversation is open, if any. */
  selected?: string | null;
}

/** Incoming requests with Accept / Ignore / Block, my own as "Request sent"; nothing when there are none. */
export function RequestsList({ onOpen, selected = null }: Props): React.JSX.Element | null {
  const { t, i18n } = useTranslation();
  const { db, engine, me } = useSession();
  const lists = useRequests(db, me);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (!lists) return null;
  const { incoming, ignored, outgoing } = lists;
  if (incoming.length + ignored.length + outgoing.length === 0) return null;

  const run = async (memberId: string, action: () => Promise<ActionResult>): Promise<void> => {
    setBusy(memberId);
    setError(null);
    const r = await action();
    setBusy(null);
    if (!r.ok) setError(t(`errors.${r.code satisfies ErrorCode}`));
  };
  const actions = {
    accept: (id: string) => void run(id, () => acceptRequest(engine, db, id)),
    ignore: (id: string) => void run(id, () => ignoreRequest(engine, db, id)),
    block: (id: string) => void run(id, () => setBlocked(engine, db, id, true)),
  };

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
      <ul>
        {incoming.map((e) => (
          <RequestItem
            key={e.request.memberId}
            entry={e}
            busy={busy === e.request.memberId}
            active={selected === e.request.memberId}
            onOpen={onOpen}
            actions={actions}
          />
        ))}
        {outgoing.map((r) => (
          <li key={r.memberId} className="request outgoing">
            {onOpen ? (
              <button
                type="button"
                className="request-open link"
                aria-label={t('requests.open', { name: r.user.displayName })}
                onClick={() => onOpen(r.memberId)}
              >
                {r.user.displayName}
              </button>
            ) : (
              <span>{r.user.displayName}</span>
            )}
            <span className="request-pending">{t('requests.pending')}</span>
          </li>
        ))}
      </ul>
      {ignored.length > 0 && (
        <details className="requests-ignored">
          <summary>{t('requests.ignoredCount', { n: ignored.length.toLocaleString(i18n.language) })}</summary>
          <ul>
            {ignored.map((e) => (
              <RequestItem
                key={e.request.memberId}
                entry={e}
                busy={busy === e.request.memberId}
                active={selected === e.request.memberId}
                onOpen={onOpen}
                actions={{ accept: actions.accept, block: actions.block }}
              />
            ))}
          </ul>
        </details>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

function RequestItem({
  entry,
  busy,
  active,
  onOpen,
  actions,
}: {
  entry: IncomingRequest;
  busy: boolean;
  active: boolean;
  onOpen: ((memberId: string) => void) | undefined;
  actions: { accept: (id: string) => void; ignore?: (id: string) => void; block: (id: string) => void };
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
  const where = [
    t(`profile.${user.role}`),
    p.country ? `${flagOf(p.country)} ${regionName(p.country)}` : null,
    time ? clockPhrase(time, t as unknown as Translate) : null,
  ]
    .filter((x) => x !== null)
    .join(' · ');
  const who = (
    <>
      <Avatar id={id} name={name} size="sm" />
      <span className="request-who">
        <span className="request-name">{name}</span>
        {p.company && <span className="company"> · {p.company}</span>}
      </span>
      {where && <span className="request-where">{where}</span>}
    </>
  );
  return (
    <li className={`request incoming${active ? ' active' : ''}`}>
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
      <div className="request-actions">
        <button
          type="button"
          className="button-primary"
          disabled={busy}
          aria-label={t('requests.acceptNamed', { name })}
          onClick={() => actions.accept(id)}
        >
          {t('requests.accept')}
        </button>
        {actions.ignore && (
          <button
            type="button"
            className="button-ghost"
            disabled={busy}
            aria-label={t('requests.ignoreNamed', { name })}
            onClick={() => actions.ignore?.(id)}
          >
            {t('requests.ignore')}
          </button>
        )}
        <button
          type="button"
          className="button-ghost danger"
          disabled={busy}
          aria-label={t('requests.blockNamed', { name })}
          onClick={() => actions.block(id)}
        >
          {t('requests.block')}
        </button>
      </div>
    </li>
  );
}
