import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../../shared/protocol';
import type { ErrorCode } from '../../../shared/result';
import { defaultServerUrl, host, isElectron } from '../host';
import { localTimeZone } from '../domain/days';
import { authenticate } from '../sync/transport';
import { deviceMarkerOf } from '../db/repo';
import { describeDevice } from '../../../shared/domain/device';

/** The country of the browser's locale (pl-PL → PL), as a starting guess for the profile. */
function localeCountry(): string {
  try {
    const region = new Intl.Locale(navigator.language).maximize().region ?? '';
    return /^[A-Z]{2}$/.test(region) ? region : '';
  } catch {
    return '';
  }
}

/** How this device is named in Settings › Devices (shared/domain/device.ts). */
function thisDevice(): { deviceName?: string; platform?: string } {
  const d = describeDevice(navigator.userAgent);
  return { ...(d.name ? { deviceName: d.name } : {}), ...(d.platform ? { platform: d.platform } : {}) };
}

interface Props {
  onSignedIn: (serverUrl: string, session: Session) => void;
}

/** Sign up or sign in; the server address is editable in browser mode and follows the settings on the desktop. */

export function SignIn({ onSignedIn }: Props): React.JSX.Element {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<'signIn' | 'signUp'>('signIn');
  const [serverUrl, setServerUrl] = useState(defaultServerUrl);
  const [memberId, setMemberId] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [company, setCompany] = useState('');
  const [role, setRole] = useState<'buyer' | 'seller'>('buyer');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const urlEdited = useRef(false);

  // The host knows the configured server (desktop settings, TRADEWIND_SERVER_URL); in browser mode the user can override it.
  useEffect(() => {
    void host.info(undefined).then((r) => {
      if (r.ok && !urlEdited.current) setServerUrl(r.value.defaultServerUrl);
    });
  }, []);

  const submit = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    const url = serverUrl.trim().replace(/\/+$/, '');
    const lang = i18n.language;
    const r =
      mode === 'signUp'
        ? await authenticate(url, 'signUp', {
            memberId,
            password,
            displayName,
            role,
            profile: { company, country: localeCountry(), timeZone: localTimeZone(), languages: [lang] },
            readLanguage: lang,
            ...thisDevice(),
          })
        : await authenticate(url, 'signIn', {
            memberId,
            password,
            ...thisDevice(),
            // A device this account used before is not throttled by other people's failures.
            deviceMarker: await deviceMarkerOf(memberId, url),
          });
    setBusy(false);
    if (!r.ok) {
      setError(t(`errors.${r.code satisfies ErrorCode}`));
      return;
    }
    onSignedIn(url, r.value);
  };

  const signUp = mode === 'signUp';
  return (
    <main className="auth">
      <form className="auth-card" onSubmit={(e) => void submit(e)} aria-labelledby="auth-title">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">TW</span> Tradewind
        </div>
        <h1 id="auth-title">{signUp ? t('auth.signUpTitle') : t('auth.signInTitle')}</h1>
        <p className="tagline">{t('auth.tagline')}</p>
        <label>
          {t('auth.memberId')}
          <input
            value={memberId}
            onChange={(e) => setMemberId(e.target.value)}
            autoComplete="username"
            spellCheck={false}
            required
            aria-describedby={signUp ? 'member-id-hint' : undefined}
          />
        </label>
        {signUp && (
          <p id="member-id-hint" className="hint">
            {t('auth.memberIdHint')}
          </p>
        )}
        {signUp && (
          <label>
            {t('auth.displayName')}
            <input
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              autoComplete="name"
              required
            />
          </label>
        )}
        {signUp && (
          <label>
            {t('auth.company')}
            <input value={company} onChange={(e) => setCompany(e.target.value)} autoComplete="organization" />
          </label>
        )}
        {signUp && (
          <fieldset className="role-choice">
            <legend>{t('auth.role')}</legend>
            <label>
              <input type="radio" name="role" checked={role === 'buyer'} onChange={() => setRole('buyer')} />
              {t('auth.buyer')}
            </label>
            <label>
              <input
                type="radio"
                name="role"
                checked={role === 'seller'}
                onChange={() => setRole('seller')}
              />
              {t('auth.seller')}
            </label>
          </fieldset>
        )}
        <label>
          {t('auth.password')}
          <input
            type="password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete={signUp ? 'new-password' : 'current-password'}
            required
          />
        </label>
        <label>
          {t('auth.serverUrl')}
          {/* The desktop window's CSP allows only the configured server, so the field follows the
              settings there instead of offering an address the window could not reach. */}
          <input
            type="url"
            value={serverUrl}
            readOnly={isElectron}
            aria-describedby={isElectron ? 'server-url-hint' : undefined}
            onChange={(e) => {
              urlEdited.current = true;
              setServerUrl(e.target.value);
            }}
            spellCheck={false}
            required
          />
          {isElectron && (
            <small id="server-url-hint" className="hint">
              {t('auth.serverUrlDesktop')}
            </small>
          )}
        </label>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" className="button-primary wide" disabled={busy}>
          {busy ? t('auth.working') : signUp ? t('auth.submitSignUp') : t('auth.submitSignIn')}
        </button>
        <button
          type="button"
          className="button-link"
          onClick={() => {
            setMode(signUp ? 'signIn' : 'signUp');
            setError(null);
          }}
        >
          {signUp ? t('auth.toSignIn') : t('auth.toSignUp')}
        </button>
      </form>
    </main>
  );
}
