/**
 * A date field in the app's language (issue 12). Chromium's `<input type="date">` writes
 * "mm/dd/yyyy" and opens a picker in the *browser's* locale whatever language the app speaks: the
 * desktop shell could start Chromium with `--lang`, but only at start (a change in Settings would
 * need a restart) and browser mode has no such switch. So this is a text field: the day as Intl
 * writes it in the user's locale (order, digits, calendar), a placeholder naming the parts in that
 * language ("zi.lună.an", "سال/ماه/روز"), typed in that order with Latin or local digits; ↑/↓ step
 * a day. Its value is an ISO day or '', as `<input type="date">` gives, so callers keep theirs.
 * Named by the `<label>` around it, as the native field was.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { locale } from '../i18n';
import { addDays, dayPlaceholder, formatIsoDay, parseDay, todayIso } from './dateField';

interface Props {
  /** "YYYY-MM-DD", or '' for none. */
  value: string;
  /** Called with a whole valid day within min/max, or '' when the field is emptied. */
  onChange: (value: string) => void;
  min?: string | undefined;
  max?: string | undefined;
  className?: string;
}

/**
 * Builds the locale's day formatter and field names ahead (issue 10): the first DateField of a
 * session paid for ICU's display names (Intl.DisplayNames) on the first conversation opened,
 * `fieldName` 32 ms of that open's profile under load. Call it when the window is idle.
 */
export function warmDateField(): void {
  dayPlaceholder(locale());
}

export function DateField({ value, onChange, min, max, className }: Props): React.JSX.Element {
  useTranslation(); // re-render on a change of language or calendar
  const loc = locale();
  // What is being typed, while it differs from the value's own text; dropped on blur.
  const [draft, setDraft] = useState<{ text: string; value: string; loc: string } | null>(null);
  const inRange = (iso: string): boolean => (!min || iso >= min) && (!max || iso <= max);
  const read = (text: string): string | null => {
    if (text.trim() === '') return '';
    const iso = parseDay(text, loc);
    return iso !== null && inRange(iso) ? iso : null;
  };
  const own = formatIsoDay(value, loc);
  const text = draft && draft.value === value && draft.loc === loc ? draft.text : own;
  const invalid = read(text) === null;
  const placeholder = dayPlaceholder(loc);
  const commit = (iso: string): void => {
    if (iso !== value) onChange(iso);
  };
  return (
    <input
      type="text"
      className={className ? `date-field ${className}` : 'date-field'}
      value={text}
      placeholder={placeholder}
      size={Math.max(placeholder.length, own.length, 10) + 1}
      autoComplete="off"
      spellCheck={false}
      aria-invalid={invalid || undefined}
      onChange={(e) => {
        const typed = e.target.value;
        const iso = read(typed);
        setDraft({ text: typed, value: iso ?? value, loc });
        if (iso !== null) commit(iso);
      }}
      onBlur={() => setDraft(null)}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        e.preventDefault();
        const next = addDays(value || todayIso(), value ? (e.key === 'ArrowUp' ? 1 : -1) : 0);
        if (!inRange(next)) return;
        setDraft(null);
        commit(next);
      }}
    />
  );
}
