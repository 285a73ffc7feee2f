import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/result';
import { upsertContact } from '../../db/repo';
import type { SyncEngine } from '../../sync/engine';
import type { TradewindDb } from '../../db/schema';
import { useSession } from '../../sync/session';
import { applyContactRequest, replaceContactRequests } from './groupRepo';
import { useContactRequests } from './useTree';

/**
 * `contact:add` for someone whose policy is "ask me first" answers with their card but does not
 * make them a contact: it creates a pending request. Tell the two apart by the request list.
 */
export async function addContactOrRequest(
  engine: SyncEngine,
  db: TradewindDb,
  memberId: string,
): Promise<{ ok: true; kind: 'added' | 'requested'; name: string } | { ok: false; code: ErrorCode }> {
  const r = await engine.request('contact:add', { memberId });
  if (!r.ok) return { ok: false, code: r.code };
  const requests = await engine.request('contactRequest:list', {});
  const pending =
    requests.ok &&
    requests.value.some(
      (q) => q.direction === 'outgoing' && q.state === 'pending' && q.user.memberId === r.value.user.memberId,
    );
  if (requests.ok) await replaceContactRequests(db, requests.value);
  if (pending) return { ok: true, kind: 'requested', name: r.value.user.displayName };
  await upsertContact(db, r.value);
  return { ok: true, kind: 'added', name: r.value.user.displayName };
}

/** Pending requests: incoming ones with Accept / Decline, my own as "Request sent". */
export function ContactRequests(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const all = useContactRequests(db);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = (all ?? []).filter(
    (r) => r.state === 'pending' || (r.direction === 'incoming' && r.state !== 'declined'),
  );
  if (list.length === 0) return null;

  const answer = async (memberId: string, accept: boolean): Promise<void> => {
    setBusy(memberId);
    setError(null);
    let failed: ErrorCode | null = null;
    if (accept) {
      const r = await engine.request('contactRequest:accept', { memberId });
      if (r.ok) await upsertContact(db, r.value);
      else failed = r.code;
    } else {
      const r = await engine.request('contactRequest:decline', { memberId });
      if (!r.ok) failed = r.code;
    }
    setBusy(null);
    if (failed) {
      setError(t(`errors.${failed}`));
      return;
    }
    const row = await db.contactRequests.get(memberId);
    if (row) await applyContactRequest(db, { ...row, state: accept ? 'accepted' : 'declined' });
  };

  return (
    <section className="requests" aria-labelledby="requests-title">
      <h2 id="requests-title">{t('requests.title')}</h2>
      <ul>
        {list.map((r) => (
          <li key={r.memberId}>
            {r.direction === 'incoming' ? (
              <>
                <span>{t('requests.incoming', { name: r.user.displayName })}</span>
                <button
                  type="button"
                  className="button-primary"
                  disabled={busy === r.memberId}
                  aria-label={t('requests.acceptNamed', { name: r.user.displayName })}
                  onClick={() => void answer(r.memberId, true)}
                >
                  {t('requests.accept')}
                </button>
                <button
                  type="button"
                  className="button-ghost"
                  disabled={busy === r.memberId}
                  aria-label={t('requests.declineNamed', { name: r.user.displayName })}
                  onClick={() => void answer(r.memberId, false)}
                >
                  {t('requests.decline')}
                </button>
              </>
            ) : (
              <>
                <span>{r.user.displayName}</span>
                <span className="request-pending">{t('requests.pending')}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}
