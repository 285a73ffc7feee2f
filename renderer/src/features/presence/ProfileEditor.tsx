/**
 * "My profile": what contacts see on my card and in their clock of me — display name, company,
 * country, time zone, languages, weekly business hours (or none: "Publish my business hours"
 * unticked) — and who may add me. Opened from the status menu; saved with `profile:update` (the
 * server tells my other devices and my contacts).
 */
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../shared/protocol';
import { saveMe } from '../../db/repo';
import { locale } from '../../i18n';
import { useSession } from '../../sync/session';
import { zoneChoices, zoneLabel, zoneName } from '../../ui/format';
import { TimeField } from '../../ui/TimeField';
import {
  MAX_LANGUAGES,
  PROFILE_LANGUAGES,
  countryList,
  formFromMe,
  updateFromForm,
  zoneOptions,
  type DayForm,
  type ProfileForm,
} from './profileForm';

/** Weekday names, index 0 = Monday (2024-01-01 was a Monday). */
function weekdays(loc: string): string[] {
  const f = new Intl.DateTimeFormat(loc, { weekday: 'long', timeZone: 'UTC' });
  return [0, 1, 2, 3, 4, 5, 6].map((i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

const hasLanguage = (list: readonly string[], code: string): boolean =>
  list.some((l) => l === code || l.startsWith(`${code}-`));

export function ProfileEditor({ me, onClose }: { me: Me; onClose: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const id = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<ProfileForm>(() => formFromMe(me));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const loc = locale();
  const days = useMemo(() => weekdays(loc), [loc]);
  // ~400 localized zone labels cost a second or more to build (issue 12): the picker holds only
  // the current zone until it is focused or pressed, then the locale's cached list.
  const [zonesWanted, setZonesWanted] = useState(false);
  const zones = useMemo(() => {
    const label = zoneLabel(form.timeZone, undefined, loc);
    return zonesWanted
      ? zoneOptions(zoneChoices(loc), form.timeZone, label)
      : [{ value: form.timeZone, label }];
  }, [zonesWanted, form.timeZone, loc]);
  const wantZones = (): void => setZonesWanted(true);
  const countries = useMemo(() => countryList(loc), [loc]);
  const languageNames = useMemo(
    () => new Intl.DisplayNames([loc], { type: 'language', fallback: 'code' }),
    [loc],
  );

  useEffect(() => {
    ref.current?.showModal();
  }, []);

  const setDay = (i: number, patch: Partial<DayForm>): void =>
    setForm((f) => ({
      ...f,
      days: f.days.map((d, j) => (j === i ? { ...d, ...patch } : d)),
    }));
  const toggleLanguage = (code: string, on: boolean): void =>
    setForm((f) => ({
      ...f,
      languages: on
        ? [...f.languages, code]
        : f.languages.filter((l) => l !== code && !l.startsWith(`${code}-`)),
    }));

  const save = async (): Promise<void> => {
    const built = updateFromForm(form);
    if (!built.ok) {
      setError(
        built.problem.kind === 'name'
          ? t('myProfile.nameRequired')
          : t('myProfile.badHours', { day: days[built.problem.day] ?? '' }),
      );
      return;
    }
    setBusy(true);
    const r = await engine.request('profile:update', built.update);
    setBusy(false);
    if (!r.ok) {
      setError(t(`errors.${r.code}`));
      return;
    }
    await saveMe(db, r.value);
    ref.current?.close();
  };

  return (
    <dialog
      ref={ref}
      className="export-dialog profile-editor"
      aria-labelledby={`${id}-title`}
      onClose={onClose}
    >
      <h2 id={`${id}-title`}>{t('myProfile.title')}</h2>
      <p className="muted">{t('myProfile.intro')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset disabled={busy}>
          <legend>{t('myProfile.card')}</legend>
          <div className="card-fields">
            <label className="field">
              {t('myProfile.displayName')}
              <input
                value={form.displayName}
                maxLength={80}
                onChange={(e) => setForm({ ...form, displayName: e.target.value })}
              />
            </label>
            <label className="field">
              {t('myProfile.company')}
              <input
                value={form.company}
                maxLength={120}
                onChange={(e) => setForm({ ...form, company: e.target.value })}
              />
            </label>
            <label className="field">
              {t('myProfile.country')}
              <select value={form.country} onChange={(e) => setForm({ ...form, country: e.target.value })}>
                <option value="">{t('myProfile.noCountry')}</option>
                {countries.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="field zone-field">
              {t('myProfile.timeZone')}
              <select
                value={form.timeZone}
                onFocus={wantZones}
                onPointerDown={wantZones}
                onChange={(e) => setForm({ ...form, timeZone: e.target.value })}
              >
                {zones.map((z) => (
                  <option key={z.value} value={z.value}>
                    {z.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
        </fieldset>
        <fieldset disabled={busy} className="profile-languages">
          <legend>{t('myProfile.languages')}</legend>
          <div className="language-grid">
            {PROFILE_LANGUAGES.map((code) => {
              const on = hasLanguage(form.languages, code);
              return (
                <label key={code} className="check">
                  <input
                    type="checkbox"
                    checked={on}
                    disabled={!on && form.languages.length >= MAX_LANGUAGES}
                    onChange={(e) => toggleLanguage(code, e.target.checked)}
                  />
                  {languageNames.of(code) ?? code}
                </label>
              );
            })}
          </div>
        </fieldset>
        <fieldset disabled={busy} className="profile-hours">
          <legend>{t('myProfile.hours')}</legend>
          <label className="check">
            <input
              type="checkbox"
              checked={form.publishHours}
              onChange={(e) => setForm({ ...form, publishHours: e.target.checked })}
            />
            {t('myProfile.publishHours')}
          </label>
          <p className="muted">
            {form.publishHours
              ? t('myProfile.hoursHint', { zone: zoneName(form.timeZone) })
              : t('myProfile.hoursNotPublished')}
          </p>
          {/* Unticked keeps the week in the form, so ticking again brings it back unchanged. */}
          {form.publishHours &&
            form.days.map((d, i) => (
              <div key={i} className="hours-row">
                <label className="check">
                  <input
                    type="checkbox"
                    checked={d.open}
                    onChange={(e) => setDay(i, { open: e.target.checked })}
                  />
                  {days[i]}
                </label>
                {d.open ? (
                  <>
                    <TimeField
                      aria-label={t('myProfile.opens', { day: days[i] ?? '' })}
                      value={d.start}
                      onChange={(v) => setDay(i, { start: v })}
                    />
                    <span aria-hidden="true">–</span>
                    <TimeField
                      aria-label={t('myProfile.closes', { day: days[i] ?? '' })}
                      value={d.end}
                      onChange={(v) => setDay(i, { end: v })}
                    />
                  </>
                ) : (
                  <span className="muted">{t('myProfile.closed')}</span>
                )}
              </div>
            ))}
        </fieldset>
        <fieldset disabled={busy}>
          <legend>{t('requests.policy')}</legend>
          <div className="policy-choice">
            {(['anyone', 'ask'] as const).map((p) => (
              <label key={p} className="radio">
                <input
                  type="radio"
                  name={`${id}-policy`}
                  checked={form.contactPolicy === p}
                  onChange={() => setForm({ ...form, contactPolicy: p })}
                />
                {t(p === 'anyone' ? 'requests.anyone' : 'requests.ask')}
              </label>
            ))}
          </div>
        </fieldset>
        {error && (
          <p role="alert" className="form-error">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="button-ghost" onClick={() => ref.current?.close()}>
            {t('myProfile.cancel')}
          </button>
          <button type="submit" className="button-primary" disabled={busy}>
            {t('myProfile.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
