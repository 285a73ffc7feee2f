/**
 * Settings (issue 12; UI.md § Settings): sections in a left column, each a short form that saves
 * as it changes. Account settings go to the server and reach the user's other devices: reading
 * language, who may add me, who sees my presence, profile and hours with `profile:update`
 * (`profile:changed`); automatic translation and muted contacts with `settings:update`
 * (`settings:changed`, accountSync.ts); blocked contacts with `contact:block`. The interface
 * language, calendar, theme, desktop notifications and sound are this device's. Each section
 * says which (`Scope`).
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactPolicy, Me, PresenceVisibility, SessionInfo } from '../../../../shared/protocol';
import { DESKTOP_APP } from '../../../../shared/domain/device';
import type { HostInfo, LaunchAtLogin } from '../../../../shared/hostApi';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMe } from '../../db/hooks';
import type { TradewindDb } from '../../db/schema';
import { saveMe, upsertContact } from '../../db/repo';
import { host, isElectron } from '../../host';
import {
  CALENDARS,
  chosenCalendar,
  chosenLanguage,
  setCalendar,
  setLanguage,
  type Calendar,
} from '../../i18n';
import { useSession } from '../../sync/session';
import { formatDateTime, languageName } from '../../ui/format';
import { ProfileEditor } from '../presence';
import { AutoReplySettings, QuickRepliesSettings } from '../desk';
import { DeepLKeyNotice, targetLanguages, useTranslationLanguages } from '../translation';
import { changeAccountSettings } from './accountSync';
import { applyTheme, storedTheme, THEMES, useAlertPrefs, useAutoTranslate, type Theme } from './prefs';
import './settings.css';

const SECTIONS = [
  'language',
  'translation',
  'appearance',
  'notifications',
  'privacy',
  'profile',
  'quickReplies',
  'autoReply',
  'blocked',
  'devices',
  'server',
  'about',
] as const;
type Section = (typeof SECTIONS)[number];

const CALENDAR_LABEL = {
  gregory: 'settings.calendarGregory',
  persian: 'settings.calendarPersian',
  'islamic-umalqura': 'settings.calendarIslamic',
} as const satisfies Record<Calendar, string>;

const PRESENCE_VISIBILITIES = [
  'everyone',
  'contacts',
  'nobody',
] as const satisfies readonly PresenceVisibility[];
const PRESENCE_LABEL = {
  everyone: 'settings.presenceEveryone',
  contacts: 'settings.presenceContacts',
  nobody: 'settings.presenceNobody',
} as const satisfies Record<PresenceVisibility, string>;
const PRESENCE_HINT = {
  everyone: 'settings.presenceEveryoneHint',
  contacts: 'settings.presenceContactsHint',
  nobody: 'settings.presenceNobodyHint',
} as const satisfies Record<PresenceVisibility, string>;

export interface InterfaceLanguage {
  code: string;
  name: string;
}

export function SettingsView({
  languages,
  onSignOut,
}: {
  /** The interface languages, each named in itself (app/strings.ts has the catalogues). */
  languages: readonly InterfaceLanguage[];
  onSignOut: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const [section, setSection] = useState<Section>('language');
  const id = useId();
  // Quick replies and the auto-reply live in their own rooms, with their own strings.
  const label = (s: Section): string =>
    s === 'quickReplies'
      ? t('quickReplies.title')
      : s === 'autoReply'
        ? t('autoReply.title')
        : t(`settings.${s}`);
  return (
    <div className="settings">
      <nav className="settings-nav" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="pane-title">
          {t('settings.title')}
        </h2>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <button
                type="button"
                aria-current={s === section ? 'true' : undefined}
                onClick={() => setSection(s)}
              >
                {label(s)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <section className="settings-body" aria-labelledby={`${id}-section`}>
        <h3 id={`${id}-section`}>{label(section)}</h3>
        {section === 'language' && <LanguageSection languages={languages} />}
        {section === 'translation' && <TranslationSection />}
        {section === 'appearance' && <AppearanceSection />}
        {section === 'notifications' && <NotificationsSection />}
        {section === 'privacy' && <PrivacySection />}
        {section === 'profile' && <ProfileSection />}
        {section === 'quickReplies' && <QuickRepliesSettings />}
        {section === 'autoReply' && <AutoReplySettings />}
        {section === 'blocked' && <BlockedSection />}
        {section === 'devices' && <DevicesSection onSignOut={onSignOut} />}
        {section === 'server' && <ServerSection />}
        {section === 'about' && <AboutSection />}
      </section>
    </div>
  );
}

function Scope({ account }: { account: boolean }): React.JSX.Element {
  const { t } = useTranslation();
  return <p className="settings-scope">{t(account ? 'settings.accountWide' : 'settings.deviceOnly')}</p>;
}

function LanguageSection({ languages }: { languages: readonly InterfaceLanguage[] }): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState(() => chosenLanguage() ?? '');
  const [calendar, setCal] = useState<Calendar>(() => chosenCalendar());
  const codes = languages.map((l) => l.code);
  const system = languages.find((l) => l.code === i18n.language && !chosen)?.name ?? '';
  return (
    <>
      <label className="settings-field">
        {t('settings.interfaceLanguage')}
        <select
          value={chosen}
          onChange={(e) => {
            const v = e.target.value;
            setChosen(v);
            void setLanguage(v || null, codes);
          }}
        >
          <option value="">{t('settings.systemLanguage', { lang: system || '…' })}</option>
          {languages.map((l) => (
            <option key={l.code} value={l.code} lang={l.code}>
              {l.name}
            </option>
          ))}
        </select>
      </label>
      <label className="settings-field">
        {t('settings.calendar')}
        <select
          value={calendar}
          onChange={(e) => {
            const v = e.target.value as Calendar;
            setCal(v);
            void setCalendar(v);
          }}
        >
          {CALENDARS.map((c) => (
            <option key={c} value={c}>
              {t(CALENDAR_LABEL[c])}
            </option>
          ))}
        </select>
      </label>
      <Scope account={false} />
    </>
  );
}

function TranslationSection(): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const me = useMe(db);
  const langs = useTranslationLanguages(engine);
  const auto = useAutoTranslate(db);
  const [error, setError] = useState<string | null>(null);
  const [autoError, setAutoError] = useState<string | null>(null);
  const available = langs.status === 'ready' && langs.value.available;
  const targets = langs.status === 'ready' ? targetLanguages(langs.value.languages) : [];
  const mine = me?.readLanguage ?? '';
  return (
    <>
      {langs.status === 'ready' && !available && <DeepLKeyNotice demo={langs.value.demo === true} />}
      {available && <p className="settings-ok">{t('settings.liveOn')}</p>}
      <label className="settings-field">
        {t('translation.myReadLanguage')}
        <select
          value={mine}
          disabled={!me}
          onChange={(e) => {
            void engine.request('profile:update', { readLanguage: e.target.value }).then(async (r) => {
              if (r.ok) {
                setError(null);
                await saveMe(db, r.value);
              } else setError(t(`errors.${r.code}`));
            });
          }}
        >
          {mine && !targets.some((l) => l.code === mine) && (
            <option value={mine}>{languageName(mine)}</option>
          )}
          {targets.map((l) => (
            <option key={l.code} value={l.code}>
              {languageName(l.code)}
            </option>
          ))}
        </select>
      </label>
      <p className="settings-hint">{t('translation.myReadLanguageHint')}</p>
      {langs.status === 'ready' && !available && langs.value.demo === true && (
        <p className="settings-hint">{t('settings.demoReadLanguages')}</p>
      )}
      <Scope account />
      {error && <p role="alert">{error}</p>}
      <label className="settings-check">
        <input
          type="checkbox"
          checked={auto ?? true}
          onChange={(e) =>
            void changeAccountSettings(db, engine, { autoTranslate: e.target.checked }).then((r) =>
              setAutoError(r.ok ? null : t(`errors.${r.code}`)),
            )
          }
        />
        {t('settings.autoTranslate')}
      </label>
      <p className="settings-hint">{t('settings.autoTranslateHint')}</p>
      {autoError && <p role="alert">{autoError}</p>}
      <Scope account />
    </>
  );
}

function AppearanceSection(): React.JSX.Element {
  const { t } = useTranslation();
  const [theme, setTheme] = useState<Theme>(() => storedTheme());
  const label = {
    system: 'settings.themeSystem',
    light: 'settings.themeLight',
    dark: 'settings.themeDark',
  } as const;
  return (
    <>
      <fieldset className="settings-radios">
        <legend>{t('settings.theme')}</legend>
        {THEMES.map((th) => (
          <label key={th}>
            <input
              type="radio"
              name="theme"
              value={th}
              checked={theme === th}
              onChange={() => {
                setTheme(th);
                applyTheme(th);
              }}
            />
            {t(label[th])}
          </label>
        ))}
      </fieldset>
      <Scope account={false} />
    </>
  );
}

function NotificationsSection(): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const prefs = useAlertPrefs(db);
  const contacts = useContacts(db);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={prefs?.desktop ?? true}
          onChange={(e) => void db.prefs.put({ key: 'desktopNotifications', value: e.target.checked })}
        />
        {t('settings.desktopNotifications')}
      </label>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={prefs?.sound ?? false}
          onChange={(e) => void db.prefs.put({ key: 'notificationSound', value: e.target.checked })}
        />
        {t('settings.sound')}
      </label>
      <Scope account={false} />
      <fieldset className="settings-list">
        <legend>{t('settings.mutedContacts')}</legend>
        <p className="settings-hint">{t('settings.mutedHint')}</p>
        {contacts && contacts.length === 0 && <p className="settings-hint">{t('settings.noContacts')}</p>}
        {contacts?.map((c) => (
          <label key={c.memberId} className="settings-check">
            <input
              type="checkbox"
              aria-label={t('settings.mute', { name: c.displayName })}
              checked={prefs?.muted.includes(c.memberId) ?? false}
              onChange={(e) =>
                void changeAccountSettings(db, engine, {
                  mute: { memberId: c.memberId, muted: e.target.checked },
                }).then((r) => setError(r.ok ? null : t(`errors.${r.code}`)))
              }
            />
            {c.displayName}
          </label>
        ))}
      </fieldset>
      {error && <p role="alert">{error}</p>}
      <Scope account />
    </>
  );
}

function PrivacySection(): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const me = useMe(db);
  const [error, setError] = useState<string | null>(null);
  if (!me) return <></>;
  const change = async (patch: Pick<Partial<Me>, 'contactPolicy' | 'presenceVisibility'>): Promise<void> => {
    const r = await engine.request('profile:update', patch);
    if (r.ok) {
      setError(null);
      await saveMe(db, r.value);
    } else setError(t(`errors.${r.code}`));
  };
  return (
    <>
      <label className="settings-field">
        {t('requests.policy')}
        <select
          value={me.contactPolicy}
          onChange={(e) => void change({ contactPolicy: e.target.value as ContactPolicy })}
        >
          <option value="anyone">{t('requests.anyone')}</option>
          <option value="ask">{t('requests.ask')}</option>
        </select>
      </label>
      <label className="settings-field">
        {t('settings.presenceVisibility')}
        <select
          value={me.presenceVisibility}
          onChange={(e) => void change({ presenceVisibility: e.target.value as PresenceVisibility })}
        >
          {PRESENCE_VISIBILITIES.map((v) => (
            <option key={v} value={v}>
              {t(PRESENCE_LABEL[v])}
            </option>
          ))}
        </select>
      </label>
      <p className="settings-hint">{t(PRESENCE_HINT[me.presenceVisibility])}</p>
      <p className="settings-hint">
        {t(me.role === 'seller' ? 'settings.presenceDefaultSeller' : 'settings.presenceDefaultBuyer')}
      </p>
      {error && <p role="alert">{error}</p>}
      <Scope account />
    </>
  );
}

function ProfileSection(): React.JSX.Element {
  const { t } = useTranslation();
  const { db } = useSession();
  const me = useMe(db);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <p className="settings-hint">{t('settings.profileHint')}</p>
      <button type="button" className="button-primary" disabled={!me} onClick={() => setEditing(true)}>
        {t('settings.editProfile')}
      </button>
      <Scope account />
      {editing && me && <ProfileEditor me={me} onClose={() => setEditing(false)} />}
    </>
  );
}

function BlockedSection(): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const contacts = useContacts(db);
  const [error, setError] = useState<string | null>(null);
  const blocked = contacts?.filter((c) => c.blocked) ?? [];
  return (
    <>
      {contacts && blocked.length === 0 && <p className="settings-hint">{t('settings.noBlocked')}</p>}
      <ul className="settings-rows">
        {blocked.map((c) => (
          <li key={c.memberId}>
            <span>
              {c.displayName} <span className="mono">{c.memberId}</span>
            </span>
            <button
              type="button"
              className="button-ghost"
              aria-label={t('settings.unblockNamed', { name: c.displayName })}
              onClick={() =>
                void engine
                  .request('contact:block', { memberId: c.memberId, blocked: false })
                  .then(async (r) => {
                    if (r.ok) await upsertContact(db, r.value);
                    else setError(t(`errors.${r.code}`));
                  })
              }
            >
              {t('settings.unblock')}
            </button>
          </li>
        ))}
      </ul>
      {error && <p role="alert">{error}</p>}
      <Scope account />
    </>
  );
}

function DevicesSection({ onSignOut }: { onSignOut: () => void }): React.JSX.Element {
  const { t } = useTranslation();
  const { engine, me } = useSession();
  const server = useServerUrl();
  const [sessions, setSessions] = useState<SessionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped after each sign-out from here, so the list is asked for again.
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    void engine.request('session:list', {}, 5000).then((r) => {
      if (!live) return;
      if (r.ok) setSessions(r.value);
      setError(r.ok ? null : t(`errors.${r.code}`));
    });
    return () => {
      live = false;
    };
  }, [engine, t, version]);
  const revoke = async (payload: { sessionId: string } | { others: true }): Promise<void> => {
    const r = await engine.request('session:revoke', payload, 5000);
    if (!r.ok && r.code !== 'not_found') setError(t(`errors.${r.code}`));
    setVersion((v) => v + 1);
  };
  const others = sessions?.filter((s) => !s.current) ?? [];
  return (
    <>
      <p>{t('settings.thisDevice', { id: me, server })}</p>
      <h4 className="settings-subtitle" id="settings-sessions">
        {t('settings.sessions')}
      </h4>
      {sessions === null && !error && <p className="settings-hint">{t('settings.sessionsLoading')}</p>}
      {sessions && (
        <ul className="settings-rows settings-sessions" aria-labelledby="settings-sessions">
          {sessions.map((s) => {
            const name = deviceLabel(s, t('settings.desktopApp'), t('settings.unknownDevice'));
            return (
              <li key={s.id} aria-current={s.current ? 'true' : undefined}>
                <span className="settings-session">
                  <span className="settings-session-name">
                    {name}
                    {s.current && <span className="settings-badge">{t('settings.thisDeviceBadge')}</span>}
                  </span>
                  <span className="settings-hint">
                    {s.connected
                      ? t('settings.activeNow')
                      : t('settings.lastActive', { when: formatWhen(s.lastActiveAt) })}
                    {' · '}
                    {t('settings.signedInAt', { when: formatWhen(s.createdAt) })}
                  </span>
                </span>
                {!s.current && (
                  <button
                    type="button"
                    className="button-ghost"
                    aria-label={t('settings.signOutDeviceNamed', { name })}
                    onClick={() => void revoke({ sessionId: s.id })}
                  >
                    {t('settings.signOutDevice')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && <p role="alert">{error}</p>}
      <div className="settings-actions">
        <button type="button" className="button-ghost" onClick={onSignOut}>
          {t('settings.signOutHere')}
        </button>
        <button
          type="button"
          className="button-ghost"
          disabled={others.length === 0}
          onClick={() => void revoke({ others: true })}
        >
          {t('settings.signOutOthers')}
        </button>
        <button
          type="button"
          className="button-danger"
          onClick={() => void engine.request('auth:signOut', { everywhere: true }, 3000).finally(onSignOut)}
        >
          {t('settings.signOutEverywhere')}
        </button>
      </div>
      <p className="settings-hint">{t('settings.signOutOthersHint')}</p>
      <p className="settings-hint">{t('settings.signOutEverywhereHint')}</p>
    </>
  );
}

/** A session's device as the list names it: "Chrome 140 · Linux", the desktop app in the reader's language. */
function deviceLabel(s: SessionInfo, desktopApp: string, unknown: string): string {
  const name = s.deviceName === DESKTOP_APP ? desktopApp : (s.deviceName ?? unknown);
  return s.platform ? `${name} · ${s.platform}` : name;
}

/** A date and time in the reader's locale and calendar. */
function formatWhen(iso: string): string {
  return formatDateTime(iso);
}

function useServerUrl(): string {
  const { engine } = useSession();
  return engine.session.serverUrl;
}

/** My contacts by name, for the mute and blocked lists. */
function useContacts(db: TradewindDb) {
  return useLiveQuery(() => db.contacts.orderBy('displayName').toArray(), [db]);
}

function ServerSection(): React.JSX.Element {
  const { t } = useTranslation();
  const server = useServerUrl();
  const [login, setLogin] = useState<LaunchAtLogin | null>(null);
  useEffect(() => {
    if (!isElectron) return;
    void host.getLaunchAtLogin(undefined).then((r) => r.ok && setLogin(r.value));
  }, []);
  return (
    <>
      <label className="settings-field">
        {t('settings.serverAddress')}
        <input readOnly value={server} className="mono" />
      </label>
      {isElectron && <p className="settings-hint">{t('auth.serverUrlDesktop')}</p>}
      {login?.supported && (
        <label className="settings-check">
          <input
            type="checkbox"
            checked={login.enabled}
            onChange={(e) =>
              void host.setLaunchAtLogin({ enabled: e.target.checked }).then((r) => r.ok && setLogin(r.value))
            }
          />
          {t('settings.launchAtLogin')}
        </label>
      )}
    </>
  );
}

function AboutSection(): React.JSX.Element {
  const { t } = useTranslation();
  const [info, setInfo] = useState<HostInfo | null>(null);
  useEffect(() => {
    void host.info(undefined).then((r) => r.ok && setInfo(r.value));
  }, []);
  return (
    <>
      {info && <p>{t('settings.version', { version: info.version, platform: info.platform })}</p>}
      <p className="settings-hint">{t('settings.aboutText')}</p>
    </>
  );
}
