/**
 * Accept / Ignore / Block of an incoming request (issue 11): one row of buttons, the same in the
 * Requests list and in the conversation's request bar (ConversationGate), each button named with
 * the requester for screen readers; busy while the server answers, its error as a sentence.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../../shared/result';
import { useSession } from '../../sync/session';
import { acceptRequest, ignoreRequest, setBlocked, type ActionResult } from './requestActions';

/** A request to the server from a button: busy while it runs, its error as a sentence. */
export function useAction(): [boolean, string | null, (action: () => Promise<ActionResult>) => void] {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (action: () => Promise<ActionResult>): void => {
    setBusy(true);
    setError(null);
    // A local failure (IndexedDB) is shown like a server's, never leaving the buttons disabled.
    action()
      .then((r) => {
        if (!r.ok) setError(t(`errors.${r.code satisfies ErrorCode}`));
      })
      .catch((e: unknown) => {
        console.warn('request action failed', e);
        setError(t('errors.internal'));
      })
      .finally(() => setBusy(false));
  };
  return [busy, error, run];
}

export function RequestActions({
  memberId,
  name,
  canIgnore,
}: {
  memberId: string;
  /** The requester's name, in the buttons' accessible names. */
  name: string;
  /** False for a request already ignored: it can still be accepted or blocked. */
  canIgnore: boolean;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const [busy, error, run] = useAction();
  return (
    <>
      <div className="request-actions">
        <button
          type="button"
          className="button-primary"
          disabled={busy}
          aria-label={t('requests.acceptNamed', { name })}
          onClick={() => run(() => acceptRequest(engine, db, memberId))}
        >
          {t('requests.accept')}
        </button>
        {canIgnore && (
          <button
            type="button"
            className="button-ghost"
            disabled={busy}
            aria-label={t('requests.ignoreNamed', { name })}
            onClick={() => run(() => ignoreRequest(engine, db, memberId))}
          >
            {t('requests.ignore')}
          </button>
        )}
        <button
          type="button"
          className="button-ghost danger"
          disabled={busy}
          aria-label={t('requests.blockNamed', { name })}
          onClick={() => run(() => setBlocked(engine, db, memberId, true))}
        >
          {t('requests.block')}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </>
  );
}
