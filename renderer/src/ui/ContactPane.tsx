import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MemberId } from '../../../shared/protocol';
import type { ErrorCode } from '../../../shared/result';
import { useContactList, type ContactListItem } from '../db/hooks';
import { upsertContact } from '../db/repo';
import { useSession } from '../state/context';
import { Avatar } from './Avatar';
import { formatListTime } from './format';
import { Icon } from './icons';

interface Props {
  selected: string | null;
  onSelect: (memberId: string) => void;
}

/** The contact list with presence dots and unread badges, and "Add contact". */
export function ContactPane({ selected, onSelect }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { db, me } = useSession();
  const items = useContactList(db, me);
  const [adding, setAdding] = useState(false);

  return (
    <section className="contacts" aria-labelledby="contacts-title">
      <header className="pane-header">
        <h1 id="contacts-title">{t('contacts.title')}</h1>
        <button type="button" className="button-ghost" onClick={() => setAdding((a) => !a)} aria-expanded={adding}>
          <Icon name="plus" size={14} /> {t('contacts.add')}
        </button>
      </header>
      {adding && (
        <AddContactForm
          onDone={(id) => {
            setAdding(false);
            if (id) onSelect(id);
          }}
        />
      )}
      {items && items.length === 0 && !adding && <p className="empty">{t('contacts.empty')}</p>}
      <ul className="contact-list" aria-label={t('contacts.list')}>
        {items?.map((item) => (
          <ContactItem key={item.memberId} item={item} active={item.memberId === selected} onSelect={onSelect} />
        ))}
      </ul>
    </section>
  );
}

function ContactItem({
  item,
  active,
  onSelect,
}: {
  item: ContactListItem;
  active: boolean;
  onSelect: (id: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { contact, memberId, displayName, unread, lastText, lastActivityAt } = item;
  return (
    <li>
      <button
        type="button"
        className={`contact${active ? ' active' : ''}`}
        aria-current={active ? 'true' : undefined}
        onClick={() => onSelect(memberId)}
      >
        <Avatar id={memberId} name={displayName} presence={contact?.presence.state ?? 'offline'} />
        <span className="contact-main">
          <span className="contact-top">
            <span className="contact-name">{displayName}</span>
            {lastActivityAt && <span className="contact-time">{formatListTime(lastActivityAt)}</span>}
          </span>
          <span className="contact-bottom">
            <span className="contact-sub">{lastText ?? (contact?.user.profile.company || `@${memberId}`)}</span>
            {unread > 0 && (
              <span className="badge" aria-label={t('contacts.unread', { count: unread })}>
                {unread > 99 ? '99+' : unread}
              </span>
            )}
          </span>
        </span>
      </button>
    </li>
  );
}

function AddContactForm({ onDone }: { onDone: (memberId: string | null) => void }): React.JSX.Element {
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
    const r = await engine.request('contact:add', { memberId: parsed.data });
    setBusy(false);
    if (!r.ok) {
      setError(t(`errors.${r.code satisfies ErrorCode}`));
      return;
    }
    await upsertContact(db, r.value);
    onDone(r.value.user.memberId);
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
