import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContactPolicy, PresenceSetting } from '../../../../shared/protocol';
import { useMe } from '../../db/hooks';
import { saveMe } from '../../db/repo';
import type { TradewindDb } from '../../db/schema';
import { host } from '../../host';
import { useSession } from '../../sync/session';
import { DEFAULT_AWAY_AFTER_MINUTES, IDLE_CHECK_MS, effectiveSetting } from './autoAway';
import { ProfileEditor } from './ProfileEditor';
import { useTrayStatus } from './useTrayStatus';

const SETTINGS: readonly PresenceSetting[] = ['online', 'away', 'busy', 'invisible'];

function usePrefs(db: TradewindDb): { chosen: PresenceSetting; awayAfter: number } | undefined {
  return useLiveQuery(async () => {
    const [s, a] = await Promise.all([db.prefs.get('presenceSetting'), db.prefs.get('awayAfterMinutes')]);
    return {
      chosen: s?.key === 'presenceSetting' ? s.value : 'online',
      awayAfter: a?.key === 'awayAfterMinutes' ? a.value : DEFAULT_AWAY_AFTER_MINUTES,
    };
  }, [db]);
}

/**
 * Reports this device's presence: the chosen status, turned into "away" after the configured
 * idle time (host `idleSeconds()`: powerMonitor on the desktop, page input in the browser),
 * checked every 30 s and at once when the choice changes. Returns what is reported.
 */
function usePresenceController(chosen: PresenceSetting | undefined, awayAfter: number): PresenceSetting {
  const { engine } = useSession();
  const [effective, setEffective] = useState<PresenceSetting>(chosen ?? 'online');
  useEffect(() => {
    if (chosen === undefined) return;
    let disposed = false;
    const check = async (): Promise<void> => {
      const idle = chosen === 'online' && awayAfter > 0 ? await host.idleSeconds(undefined) : null;
      if (disposed) return;
      const next = effectiveSetting(chosen, idle?.ok ? idle.value : 0, awayAfter);
      setEffective(next);
      engine.setPresence(next);
    };
    void check();
    const timer = setInterval(() => void check(), IDLE_CHECK_MS);
    // Back from idle: say "online" at the first input instead of up to 30 s later.
    const onInput = (): void => {
      if (engine.presenceSetting === 'away' && chosen === 'online') void check();
    };
    window.addEventListener('pointerdown', onInput, true);
    window.addEventListener('keydown', onInput, true);
    return () => {
      disposed = true;
      clearInterval(timer);
      window.removeEventListener('pointerdown', onInput, true);
      window.removeEventListener('keydown', onInput, true);
    };
  }, [engine, chosen, awayAfter]);
  return effective;
}

/**
 * My status: online / away / busy (do not disturb) / appear offline, the idle time for away, who
 * may add me, and "My profile…" (the profile editor).
 */
export function PresenceMenu(): React.JSX.Element {
  const { t } = useTranslation();
  const { db } = useSession();
  const me = useMe(db);
  const [editing, setEditing] = useState(false);
  const prefs = usePrefs(db);
  const awayAfter = prefs?.awayAfter ?? DEFAULT_AWAY_AFTER_MINUTES;
  const effective = usePresenceController(prefs?.chosen, awayAfter);
  useTrayStatus(prefs?.chosen);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (e: PointerEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    // Escape closes it wherever the focus is (the button keeps it after a click), and the
    // focus returns to the button.
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape') return;
      setOpen(false);
      root.current?.querySelector<HTMLButtonElement>('.status-button')?.focus();
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const choose = async (s: PresenceSetting): Promise<void> => {
    setOpen(false);
    await db.prefs.put({ key: 'presenceSetting', value: s });
  };
  const label = t(`presenceMenu.${effective}`);
  return (
    <div className="status-menu" ref={root}>
      <button
        type="button"
        className="status-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`${t('presenceMenu.label')}: ${label}`}
        title={effective === 'busy' ? t('presenceMenu.muted') : undefined}
        onClick={() => setOpen((o) => !o)}
      >
        <span className={`status-dot ${effective}`} aria-hidden="true" />
        <span className="status-label">{label}</span>
      </button>
      {open && (
        <div className="menu" role="menu" tabIndex={-1} aria-label={t('presenceMenu.label')}>
          {SETTINGS.map((s) => (
            <button
              key={s}
              type="button"
              role="menuitemradio"
              aria-checked={prefs?.chosen === s}
              onClick={() => void choose(s)}
            >
              <span className={`status-dot ${s}`} aria-hidden="true" />
              {t(`presenceMenu.${s}`)}
            </button>
          ))}
          <label title={t('presenceMenu.awayAfterHint')}>
            {t('presenceMenu.awayAfter')}
            <input
              type="number"
              min={0}
              max={240}
              value={awayAfter}
              onChange={(e) => {
                const v = Math.max(0, Math.min(240, Math.round(Number(e.target.value) || 0)));
                void db.prefs.put({ key: 'awayAfterMinutes', value: v });
              }}
            />
          </label>
          <ContactPolicyChoice />
          <button
            type="button"
            role="menuitem"
            disabled={!me}
            onClick={() => {
              setOpen(false);
              setEditing(true);
            }}
          >
            {t('myProfile.open')}
          </button>
        </div>
      )}
      {editing && me && <ProfileEditor me={me} onClose={() => setEditing(false)} />}
    </div>
  );
}

/** "Who may add me": anyone, or ask me first (TradeManager offers both); kept in the profile. */
function ContactPolicyChoice(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const me = useMe(db);
  const [error, setError] = useState<string | null>(null);
  if (!me) return null;
  const change = async (contactPolicy: ContactPolicy): Promise<void> => {
    const r = await engine.request('profile:update', { contactPolicy });
    if (r.ok) {
      setError(null);
      await saveMe(db, r.value);
    } else setError(t(`errors.${r.code}`));
  };
  return (
    <label>
      {t('requests.policy')}
      <select value={me.contactPolicy} onChange={(e) => void change(e.target.value as ContactPolicy)}>
        <option value="anyone">{t('requests.anyone')}</option>
        <option value="ask">{t('requests.ask')}</option>
      </select>
      {error && <span role="alert">{error}</span>}
    </label>
  );
}
