import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/protocol';
import { formatMinuteOfDay } from '../../../../shared/domain/timeZones';
import type { ContactRow } from '../../db/schema';
import { useEditTree } from './useTree';

/**
 * The private note about a contact (what was agreed): saved locally at once, synced with
 * `contact:note`. Keyed on the contact only: a change from another device does not remount the
 * editor. Without unsaved typing the editor takes the new text; with it, the typing stays and the
 * save carries the text it started from (`baseNote`), so the server merges both versions.
 */
export function ContactNote({ contact }: { contact: ContactRow }): React.JSX.Element {
  return <NoteEditor key={contact.memberId} contact={contact} />;
}

function NoteEditor({ contact }: { contact: ContactRow }): React.JSX.Element {
  const { t } = useTranslation();
  const edit = useEditTree();
  const stored = contact.note;
  // `base`: the stored text the draft started from; `value`: the draft.
  const [base, setBase] = useState(stored);
  const [value, setValue] = useState(stored);
  const [savedNote, setSavedNote] = useState<string | null>(null);
  const dirty = value !== base;
  // Reconcile with the stored note during render (React's "adjust state when a prop changes").
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    if (!dirty) {
      setBase(stored);
      setValue(stored);
    }
  }
  const changedElsewhere = dirty && stored !== base && stored !== value;
  const save = async (): Promise<void> => {
    if (!dirty || value.length > LIMITS.note) return;
    const note = value;
    setSavedNote(note);
    setBase(note);
    await edit({ kind: 'note', memberId: contact.memberId, note, baseNote: base });
  };
  const id = `note-${contact.memberId}`;
  const hint = changedElsewhere
    ? t('note.changedElsewhere')
    : savedNote === stored && !dirty
      ? t('note.saved')
      : t('note.hint');
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
          {hint}
        </span>
      </div>
    </div>
  );
}

/** Weekly hours as "Mon 09:00–18:00", days with the same hours grouped ("Mon–Fri 09:00–18:00"). */
export function formatBusinessHours(
  hours: ContactRow['user']['profile']['businessHours'],
  locale: string,
  closed: string,
): string[] {
  if (!hours) return [];
  const weekday = (i: number): string =>
    // 2024-01-01 was a Monday; index 0 = Monday in the protocol.
    new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2024, 0, 1 + i)),
    );
  const text = hours.map((day) =>
    day.length === 0
      ? closed
      : day.map((p) => `${formatMinuteOfDay(p.start)}–${formatMinuteOfDay(p.end)}`).join(', '),
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
