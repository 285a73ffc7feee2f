/**
 * The "My profile" form as plain data: from the signed-in user (`Me`) to form state and back to a
 * `profile:update` payload. Pure, so profileForm.test.ts checks the business-hours rules without
 * a DOM: one opening period per weekday is edited, further periods of that day (a lunch break)
 * are kept. "Publish my business hours" unticked means not published: hours the user had are
 * withdrawn with `businessHours: null`, and a user who never published sends nothing about hours
 * (so a stale form cannot wipe hours another device published meanwhile).
 */
import { formatMinuteOfDay } from '../../../../shared/domain/timeZones';
import type { BusinessHours, Me, ProfileUpdate } from '../../../../shared/protocol';
import type { ZoneChoice } from '../../ui/format';

export interface DayForm {
  open: boolean;
  /** "HH:MM" as an `<input type="time">` gives it. */
  start: string;
  end: string;
  /** Further periods of the day, kept as they were. */
  more: BusinessHours[number];
}

export interface ProfileForm {
  displayName: string;
  company: string;
  country: string;
  timeZone: string;
  languages: string[];
  /** Index 0 = Monday … 6 = Sunday, as in the protocol. */
  days: DayForm[];
  /** "Publish my business hours": send the week below; unticked = not published. */
  publishHours: boolean;
  /** Whether hours were published when the form opened: unticking then sends `null`. */
  hadHours: boolean;
  contactPolicy: Me['contactPolicy'];
}

const DEFAULT_DAY = (i: number): DayForm => ({ open: i < 5, start: '09:00', end: '17:00', more: [] });

export function formFromMe(me: Me): ProfileForm {
  const hours = me.profile.businessHours;
  return {
    displayName: me.displayName,
    company: me.profile.company,
    country: me.profile.country,
    timeZone: me.profile.timeZone,
    languages: [...me.profile.languages],
    days: [0, 1, 2, 3, 4, 5, 6].map((i) => {
      if (!hours) return DEFAULT_DAY(i);
      const [first, ...more] = hours[i] ?? [];
      return first
        ? {
            open: true,
            start: formatMinuteOfDay(first.start),
            end: formatMinuteOfDay(first.end % 1440),
            more,
          }
        : { open: false, start: '09:00', end: '17:00', more: [] };
    }),
    publishHours: hours !== undefined,
    hadHours: hours !== undefined,
    contactPolicy: me.contactPolicy,
  };
}

/** "09:30" → 570; "24:00" → 1440; null for anything else. */
export function parseClock(s: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59 || h > 24 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export type FormProblem = { kind: 'name' } | { kind: 'hours'; day: number };

/** The payload for `profile:update`, or the first problem to show. */
export function updateFromForm(
  f: ProfileForm,
): { ok: true; update: ProfileUpdate } | { ok: false; problem: FormProblem } {
  if (f.displayName.trim() === '') return { ok: false, problem: { kind: 'name' } };
  // undefined = say nothing about hours; null = withdraw them.
  let businessHours: BusinessHours | null | undefined = f.hadHours ? null : undefined;
  if (f.publishHours) {
    const week: BusinessHours = [];
    for (let i = 0; i < 7; i++) {
      const d = f.days[i] ?? DEFAULT_DAY(i);
      if (!d.open) {
        week.push([]);
        continue;
      }
      const start = parseClock(d.start);
      // "00:00" as a closing time means midnight at the end of the day.
      const rawEnd = parseClock(d.end);
      const end = rawEnd === 0 ? 1440 : rawEnd;
      if (start === null || end === null || end <= start)
        return { ok: false, problem: { kind: 'hours', day: i } };
      week.push([{ start, end }, ...d.more.filter((p) => p.start >= end || p.end <= start)]);
    }
    businessHours = week;
  }
  return {
    ok: true,
    update: {
      displayName: f.displayName.trim(),
      contactPolicy: f.contactPolicy,
      profile: {
        company: f.company.trim(),
        country: f.country,
        timeZone: f.timeZone,
        languages: f.languages,
        ...(businessHours !== undefined ? { businessHours } : {}),
      },
    },
  };
}

/**
 * The time-zone picker's options from the locale's choices (ui/format zoneChoices): a choice that
 * includes the current zone stands for it, so opening the picker never changes the value; a
 * current zone no choice has (an old alias, "UTC" in some runtimes) comes first with its label.
 */
export function zoneOptions(
  choices: readonly ZoneChoice[],
  current: string,
  currentLabel: string,
): { value: string; label: string }[] {
  let found = false;
  const out = choices.map((c) => {
    const mine = c.zones.includes(current);
    found ||= mine;
    return { value: mine ? current : (c.zones[0] ?? current), label: c.label };
  });
  return found ? out : [{ value: current, label: currentLabel }, ...out];
}

/** ISO 3166 two-letter codes the runtime can name, sorted by their name in `locale`. */
export function countryList(locale: string): { code: string; name: string }[] {
  const names = new Intl.DisplayNames([locale], { type: 'region', fallback: 'none' });
  const out: { code: string; name: string }[] = [];
  for (let a = 65; a <= 90; a++) {
    for (let b = 65; b <= 90; b++) {
      const code = String.fromCharCode(a, b);
      // Skip the private-use and grouping codes some runtimes name (EU, UN, QO, XA …).
      if (/^(EU|EZ|UN|Q[M-Z]|X[A-Z]|ZZ|AA|OO)$/.test(code)) continue;
      const name = names.of(code);
      if (name && name !== code) out.push({ code, name });
    }
  }
  return out.sort((x, y) => x.name.localeCompare(y.name, locale));
}

/** Languages offered as checkboxes: the ones DeepL translates (base codes). */
export const PROFILE_LANGUAGES = [
  'ar',
  'bg',
  'cs',
  'da',
  'de',
  'el',
  'en',
  'es',
  'et',
  'fi',
  'fr',
  'he',
  'hu',
  'id',
  'it',
  'ja',
  'ko',
  'lt',
  'lv',
  'nb',
  'nl',
  'pl',
  'pt',
  'ro',
  'ru',
  'sk',
  'sl',
  'sv',
  'th',
  'tr',
  'uk',
  'vi',
  'zh',
] as const;

/** At most this many languages (the protocol's limit). */
export const MAX_LANGUAGES = 10;
