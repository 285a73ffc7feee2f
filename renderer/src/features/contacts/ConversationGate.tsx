/**
 * What stands between a conversation and its composer (issue 11): a message request not yet
 * accepted (Accept / Ignore / Block instead of the composer), a block of mine (Unblock), my own
 * messages waiting for the other side's acceptance, and the daily limit of new people holding a
 * message in the outbox. And the Block / Unblock button of the chat header and the contact menu.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { conversationIdFor } from '../../../../shared/protocol';
import { useContact } from '../../db/hooks';
import type { TradewindDb } from '../../db/schema';
import { useSession } from '../../sync/session';
import { formatDate, formatTime, useNow } from '../../ui/format';
import { setBlocked } from './requestActions';
import { RequestActions, useAction } from './RequestActions';
import { useRequestWith } from './useRequests';

/**
 * A `rate_limited` wait longer than this can only be the daily limit of new people: the
 * per-account send rate asks for a second or less (docs/protocol.md § Messages).
 */
const LONG_WAIT_MS = 60_000;

/** The time the outbox will send a message held by the daily limit of new people, if one is. */
function useDailyLimitUntil(db: TradewindDb, conversationId: string): number | null {
  const now = useNow(60_000).getTime();
  const at = useLiveQuery(async () => {
    const rows = await db.outbox.where('conversationId').equals(conversationId).toArray();
    const held = rows.find((r) => r.state === 'queued' && r.lastError === 'rate_limited');
    return held?.nextAttemptAt ?? null;
  }, [db, conversationId]);
  return at !== undefined && at !== null && at - now > LONG_WAIT_MS ? at : null;
}

export function ConversationGate({
  partnerId,
  partnerName,
  children,
}: {
  partnerId: string;
  partnerName: string;
  /** The composer, shown when nothing holds the conversation. */
  children: React.ReactNode;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const { db, engine, me } = useSession();
  const conversationId = conversationIdFor(me, partnerId);
  const state = useRequestWith(db, partnerId);
  const limitedUntil = useDailyLimitUntil(db, conversationId);
  const [busy, error, run] = useAction();
  if (!state) return null;
  const name = partnerName;
  const alert = error && (
    <p role="alert" className="error">
      {error}
    </p>
  );

  if (state.incoming === 'request' || state.incoming === 'ignored') {
    return (
      <div className="request-bar" role="region" aria-label={t('requests.barLabel', { name })}>
        <p>
          {state.incoming === 'request' ? t('requests.held', { name }) : t('requests.heldIgnored', { name })}
        </p>
        <RequestActions memberId={partnerId} name={name} canIgnore={state.incoming === 'request'} />
      </div>
    );
  }
  if (state.blocked) {
    return (
      <div
        className="request-bar blocked-bar"
        role="region"
        aria-label={t('requests.blockedLabel', { name })}
      >
        <p>{t('requests.blockedBar', { name })}</p>
        <div className="request-actions">
          <button
            type="button"
            className="button-ghost"
            disabled={busy}
            aria-label={t('requests.unblockNamed', { name })}
            onClick={() => run(() => setBlocked(engine, db, partnerId, false))}
          >
            {t('requests.unblock')}
          </button>
        </div>
        {alert}
      </div>
    );
  }
  const until = limitedUntil === null ? null : new Date(limitedUntil).toISOString();
  const sameDay = until !== null && new Date(until).toDateString() === new Date().toDateString();
  return (
    <>
      {state.outgoingPending && (
        <p className="notice request-waiting" role="status">
          {t('requests.waiting', { name })}
        </p>
      )}
      {until && (
        <p className="notice daily-limit" role="status">
          {t('requests.dailyLimit', {
            time: sameDay ? formatTime(until) : `${formatDate(until)} ${formatTime(until)}`,
          })}
        </p>
      )}
      {children}
    </>
  );
}

/** Block / Unblock someone (the chat header, the contact menu). */
export function BlockButton({ memberId, name }: { memberId: string; name: string }): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const contact = useContact(db, memberId);
  const [busy, error, run] = useAction();
  const blocked = contact?.blocked ?? false;
  return (
    <>
      <button
        type="button"
        className={`button-ghost${blocked ? '' : ' danger'}`}
        disabled={busy}
        aria-label={blocked ? t('requests.unblockNamed', { name }) : t('requests.blockNamed', { name })}
        title={blocked ? t('requests.unblockNamed', { name }) : t('requests.blockNamed', { name })}
        onClick={() => run(() => setBlocked(engine, db, memberId, !blocked))}
      >
        {blocked ? t('requests.unblock') : t('requests.block')}
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </>
  );
}
