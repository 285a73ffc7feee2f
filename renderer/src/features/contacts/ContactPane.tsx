import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MemberId } from '../../../../shared/protocol';
import type { ErrorCode } from '../../../../shared/result';
import { addContactOrRequest } from './requestActions';
import { RequestsList } from './RequestsList';
import { ContactTree } from './ContactTree';
import { useContactRequests, useTreeEntries } from './useTree';
import { PresenceMenu } from '../presence';
import { useSession } from '../../sync/session';
import { Icon } from '../../ui/icons';

interface Props {
  selected: string | null;
  onSelect: (memberId: string) => void;
  /** A press on a contact's row, before its click (ContactTree's `onPressing`). */
  onPressing?: (memberId: string) => void;
  /** The message search box, shown above the tree (composed by app/). */
  search?: React.ReactNode;
}

/** The contact list with presence dots and unread badges, and "Add contact". */
export function ContactPane({ selected, onSelect, onPressing, search }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { db, me } = useSession();
  // The tree's own list (one store, read once): only whether anyone is in it.
  const people = useTreeEntries(db, me)?.sorted.length;
  const [adding, setAdding] = useState(false);
  // "Request sent to …": shown while that request is pending, gone once it is answered.
  const [requested, setRequested] = useState<{ memberId: string; name: string } | null>(null);
  const requests = useContactRequests(db);
  const notice =
    requested &&
    requests?.some(
      (r) => r.memberId === requested.memberId && r.direction === 'outgoing' && r.state === 'pending',
    )
      ? t('requests.sent', { name: requested.name })
      : null;

  return (
    <section className="contacts" aria-labelledby="contacts-title">
      <header className="pane-header">
        <h1 id="contacts-title">{t('contacts.title')}</h1>
        <PresenceMenu />
        <button
          type="button"
          className="button-ghost"
          onClick={() => setAdding((a) => !a)}
          aria-expanded={adding}
          title={t('contacts.add')}
        >
          <Icon name="plus" size={14} /> <span className="add-label">{t('contacts.add')}</span>
        </button>
      </header>
      {search}
      {adding && (
        <AddContactForm
          onDone={(id) => {
            setAdding(false);
            if (id) onSelect(id);
          }}
          onRequested={(memberId, name) => {
            setAdding(false);
            setRequested({ memberId, name });
            // Issue 11: they ask first, but I may write meanwhile; my messages wait for their yes.
            onSelect(memberId);
          }}
        />
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <RequestsList onOpen={onSelect} selected={selected} />
      {people === 0 && !adding && <p className="empty">{t('contacts.empty')}</p>}
      <ContactTree selected={selected} onSelect={onSelect} onPressing={onPressing} />
    </section>
  );
}

/** "Add contact": a member ID, then `contact:add` (or a request, for "ask me first"). */
export function AddContactForm({
  onDone,
  onRequested,
}: {
  onDone: (memberId: string | null) => void;
  onRequested: (memberId: string, name: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { engine, db, me } = useSession();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    const parsed = MemberId.safeParse(value);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? t('errors.bad_request'));
      return;
    }
    if (parsed.data === me) {
      setError(t('contacts.self'));
      return;
    }
    setBusy(true);
    const r = await addContactOrRequest(engine, db, parsed.data);
    setBusy(false);
    if (!r.ok) {
      setError(t(`errors.${r.code satisfies ErrorCode}`));
      return;
    }
    // "Ask me first": not a contact until they accept.
    if (r.kind === 'requested') onRequested(parsed.data, r.name);
    else onDone(parsed.data);
  };

  return (
    <form className="add-contact" onSubmit={(e) => void submit(e)} aria-label={t('contacts.addTitle')}>
      <label htmlFor="add-contact-id">{t('contacts.addTitle')}</label>
      <div className="row">
        <input
          id="add-contact-id"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          placeholder={t('contacts.addPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          // The form opens because the user asked for it: focus where they will type.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          aria-invalid={error !== null}
          aria-describedby={error ? 'add-contact-error' : undefined}
        />
        <button type="submit" className="button-primary" disabled={busy || value.trim() === ''}>
          {t('contacts.addSubmit')}
        </button>
        <button type="button" className="button-ghost" onClick={() => onDone(null)}>
          {t('contacts.cancel')}
        </button>
      </div>
      {error && (
        <p id="add-contact-error" role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
