import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/protocol';
import { formatMinuteOfDay } from '../../../../shared/domain/timeZones';
import type { ContactRow } from '../../db/schema';
import { useEditTree } from './useTree';

/** The private note about a contact (what was agreed): saved locally at once, synced with `contact:note`. */
export function ContactNote({ contact }: { contact: ContactRow }): React.JSX.Element {
  // The note I saved last, to say "Saved" until it changes again.
  const [savedNote, setSavedNote] = useState<string | null>(null);
  // A new contact, or the note changed on another device: start the editor from the stored note.
  return (
    <NoteEditor
      key={`${contact.memberId}:${contact.note}`}
      contact={contact}
      saved={savedNote === contact.note}
      onSaved={setSavedNote}
    />
  );
}

function NoteEditor({
  contact,
  saved,
  onSaved,
}: {
  contact: ContactRow;
  saved: boolean;
  onSaved: (note: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const edit = useEditTree();
  const [value, setValue] = useState(contact.note);
  const dirty = value !== contact.note;
  const save = async (): Promise<void> => {
    if (!dirty || value.length > LIMITS.note) return;
    onSaved(value);
    await edit({ kind: 'note', memberId: contact.memberId, note: value });
  };
  const id = `note-${contact.memberId}`;
  return (
    <div className="note">
      <label htmlFor={id}>{t('note.title')}</label>
      <textarea
        id={id}
        value={value}
        maxLength={LIMITS.note}
        placeholder={t('note.placeholder')}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => void save()}
        aria-describedby={`${id}-hint`}
      />
      <div className="note-actions">
        <button type="button" className="button-ghost" disabled={!dirty} onClick={() => void save()}>
          {t('note.save')}
        </button>
        <span id={`${id}-hint`} className="hint" role="status">
          {saved && !dirty ? t('note.saved') : t('note.hint')}
        </span>
      </div>
    </div>
  );
}

/** Weekly hours as "Mon 09:00–18:00", days with the same hours grouped ("Mon–Fri 09:00–18:00"). */
export function formatBusinessHours(hours: ContactRow['user']['profile']['businessHours'], locale: string, closed: string): string[] {
  if (!hours) return [];
  const weekday = (i: number): string =>
    // 2024-01-01 was a Monday; index 0 = Monday in the protocol.
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i)));
  const text = hours.map((day) =>
    day.length === 0 ? closed : day.map((p) => `${formatMinuteOfDay(p.start)}–${formatMinuteOfDay(p.end)}`).join(', '),
  );
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= 7; i++) {
    if (i < 7 && text[i] === text[start]) continue;
    const days = i - 1 === start ? weekday(start) : `${weekday(start)}–${weekday(i - 1)}`;
    out.push(`${days} ${text[start] ?? ''}`);
    start = i;
  }
  return out;
}
