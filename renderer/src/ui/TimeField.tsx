/**
 * A time of day in the app's language (issue 12), for business hours: Chromium's
 * `<input type="time">` follows the browser's locale ("09:00 AM" in an English browser, Latin
 * digits in Persian) as its date field does (see DateField). 24-hour "HH:MM" in the locale's
 * digits, typed with Latin or local digits; ↑/↓ step a quarter of an hour. Its value is "HH:MM"
 * or '', as `<input type="time">` gives.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { locale } from '../i18n';
import { clockPlaceholder, formatClock, parseClock } from './dateField';

interface Props {
  value: string;
  onChange: (value: string) => void;
  'aria-label'?: string;
}

const QUARTER = 15;

export function TimeField({ value, onChange, 'aria-label': label }: Props): React.JSX.Element {
  useTranslation(); // re-render on a change of language
  const loc = locale();
  const [draft, setDraft] = useState<{ text: string; value: string; loc: string } | null>(null);
  const read = (text: string): string | null => (text.trim() === '' ? '' : parseClock(text));
  const own = formatClock(value, loc);
  const text = draft && draft.value === value && draft.loc === loc ? draft.text : own;
  const placeholder = clockPlaceholder(loc);
  return (
    <input
      type="text"
      className="time-field"
      value={text}
      placeholder={placeholder}
      size={Math.max(placeholder.length, 5) + 1}
      autoComplete="off"
      spellCheck={false}
      aria-label={label}
      aria-invalid={read(text) === null || undefined}
      onChange={(e) => {
        const typed = e.target.value;
        const hhmm = read(typed);
        setDraft({ text: typed, value: hhmm ?? value, loc });
        if (hhmm !== null && hhmm !== value) onChange(hhmm);
      }}
      onBlur={() => setDraft(null)}
      onKeyDown={(e) => {
        if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
        e.preventDefault();
        const [h, m] = (parseClock(value) ?? '09:00').split(':').map(Number);
        const now = (h ?? 9) * 60 + (m ?? 0);
        const step = e.key === 'ArrowUp' ? QUARTER : -QUARTER;
        const next = Math.min(24 * 60, Math.max(0, Math.round((now + step) / QUARTER) * QUARTER));
        const hhmm = `${String(Math.floor(next / 60)).padStart(2, '0')}:${String(next % 60).padStart(2, '0')}`;
        setDraft(null);
        if (hhmm !== value) onChange(hhmm);
      }}
    />
  );
}
