/**
 * Settings › Quick replies: my saved answers, each with a name; add, edit, delete. A change is
 * written here at once (so it works offline) and sent to the server, which gives it to my other
 * devices.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cleanTypedText, QUICK_REPLY_LIMITS } from '../../../../shared/protocol';
import type { QuickReplyRow } from '../../db/rows/quickReplies';
import { locale } from '../../i18n';
import { useSession } from '../../sync/session';
import { deleteQuickReplyLocally, saveQuickReply, useQuickReplies } from './repo';
import { syncQuickRepliesNow } from './sync';
import './quickReplies.css';

type FieldError = 'nameRequired' | 'nameTooLong' | 'textRequired' | 'textTooLong';

/** A number in the interface language's digits, for a sentence. */
const num = (n: number): string => new Intl.NumberFormat(locale()).format(n);

/** The form's fields checked as the server checks them (trimmed lengths), as translated sentence keys. */
export function checkReply(name: string, text: string): { name?: FieldError; text?: FieldError } {
  const errors: { name?: FieldError; text?: FieldError } = {};
  const n = name.trim();
  const x = text.trim();
  if (n === '') errors.name = 'nameRequired';
  else if (n.length > QUICK_REPLY_LIMITS.name) errors.name = 'nameTooLong';
  if (x === '') errors.text = 'textRequired';
  else if (x.length > QUICK_REPLY_LIMITS.text) errors.text = 'textTooLong';
  return errors;
}

export function QuickRepliesSettings(): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const { db, engine } = useSession();
  const replies = useQuickReplies(db, i18n.language);
  const [editing, setEditing] = useState<QuickReplyRow | null>(null);
  const id = useId();
  const count = replies?.length ?? 0;
  const full = count >= QUICK_REPLY_LIMITS.replies;

  const remove = async (reply: QuickReplyRow): Promise<void> => {
    if (editing?.id === reply.id) setEditing(null);
    await deleteQuickReplyLocally(db, reply.id);
    syncQuickRepliesNow(engine);
  };

  return (
    <>
      <p className="settings-hint">{t('quickReplies.intro')}</p>
      <p className="settings-hint">{t('quickReplies.placeholders')}</p>
      <ReplyForm
        key={editing?.id ?? 'new'}
        editing={editing}
        disabled={!editing && full}
        onDone={() => setEditing(null)}
      />
      {full && !editing && (
        <p className="settings-hint" role="status">
          {t('quickReplies.full', { max: num(QUICK_REPLY_LIMITS.replies) })}
        </p>
      )}
      <h4 id={`${id}-list`} className="quick-replies-heading">
        {t('quickReplies.list')}{' '}
        <span className="quick-replies-count">
          {t('quickReplies.count', { n: num(count), max: num(QUICK_REPLY_LIMITS.replies) })}
        </span>
      </h4>
      {replies && replies.length === 0 && <p className="settings-hint">{t('quickReplies.none')}</p>}
      <ul className="quick-replies-rows" aria-labelledby={`${id}-list`}>
        {replies?.map((r) => (
          <li key={r.id}>
            <div className="quick-reply-body">
              <bdi className="quick-reply-name" dir="auto">
                {r.name}
              </bdi>
              <span className="quick-reply-text" dir="auto">
                {r.text}
              </span>
              {r.pending && <span className="settings-hint">{t('quickReplies.pending')}</span>}
              {r.refused && (
                <span className="field-error" role="alert">
                  {r.refused === 'too_large'
                    ? t('quickReplies.refusedFull', { max: num(QUICK_REPLY_LIMITS.replies) })
                    : t('quickReplies.refused')}
                </span>
              )}
            </div>
            <div className="quick-reply-actions">
              <button
                type="button"
                className="button-ghost"
                aria-label={t('quickReplies.editNamed', { name: r.name })}
                aria-pressed={editing?.id === r.id}
                onClick={() => setEditing(r)}
              >
                {t('quickReplies.edit')}
              </button>
              <button
                type="button"
                className="button-ghost"
                aria-label={t('quickReplies.deleteNamed', { name: r.name })}
                onClick={() => void remove(r)}
              >
                {t('quickReplies.delete')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <p className="settings-scope">{t('quickReplies.scope')}</p>
    </>
  );
}

/** Adds a reply, or edits `editing`; keyed by the reply so switching starts a fresh form. */
function ReplyForm({
  editing,
  disabled,
  onDone,
}: {
  editing: QuickReplyRow | null;
  disabled: boolean;
  onDone: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const [name, setName] = useState(editing?.name ?? '');
  const [text, setText] = useState(editing?.text ?? '');
  const [tried, setTried] = useState(false);
  const id = useId();
  const errors = checkReply(name, text);
  const shown = tried ? errors : {};

  const submit = async (): Promise<void> => {
    setTried(true);
    if (errors.name || errors.text) return;
    await saveQuickReply(db, {
      id: editing?.id ?? crypto.randomUUID(),
      name: name.trim(),
      text: cleanTypedText(text).trim(),
    });
    syncQuickRepliesNow(engine);
    setName('');
    setText('');
    setTried(false);
    onDone();
  };

  return (
    <form
      className="quick-reply-form"
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h4 id={`${id}-title`} className="quick-replies-heading">
        {editing ? t('quickReplies.editing', { name: editing.name }) : t('quickReplies.add')}
      </h4>
      <label className="settings-field">
        {t('quickReplies.name')}
        <input
          value={name}
          disabled={disabled}
          onChange={(e) => setName(e.target.value)}
          placeholder={t('quickReplies.namePlaceholder')}
          aria-invalid={shown.name !== undefined}
          aria-describedby={shown.name ? `${id}-name-error` : undefined}
          dir="auto"
        />
      </label>
      {shown.name && (
        <p id={`${id}-name-error`} className="field-error">
          {t(`quickReplies.${shown.name}`, { max: num(QUICK_REPLY_LIMITS.name) })}
        </p>
      )}
      <label className="settings-field quick-reply-text-field">
        {t('quickReplies.text')}
        <textarea
          value={text}
          disabled={disabled}
          rows={4}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('quickReplies.textPlaceholder')}
          aria-invalid={shown.text !== undefined}
          aria-describedby={shown.text ? `${id}-text-error` : undefined}
          dir="auto"
        />
      </label>
      {shown.text && (
        <p id={`${id}-text-error`} className="field-error">
          {t(`quickReplies.${shown.text}`, { max: num(QUICK_REPLY_LIMITS.text) })}
        </p>
      )}
      <div className="settings-actions">
        <button type="submit" className="button-primary" disabled={disabled}>
          {editing ? t('quickReplies.save') : t('quickReplies.addButton')}
        </button>
        {editing && (
          <button type="button" className="button-ghost" onClick={onDone}>
            {t('quickReplies.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
