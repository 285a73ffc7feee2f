import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StoredSession } from '../../../shared/hostApi';
import type { Message, Session } from '../../../shared/protocol';
import { saveDeviceMarker, saveMe } from '../db/repo';
import { openDb } from '../db/schema';
import { heldConversation } from '../db/held';
import { host, isElectron } from '../host';
import { SessionContext, type SessionContextValue } from '../sync/session';
import { SyncEngine } from '../sync/engine';
import { installAttachmentSync } from '../features/attachments';
import { installGroupSync } from '../features/contacts';
import { notificationsMuted } from '../features/presence';
import { installQuickReplySync } from '../features/desk';
import { alertPrefs, applyTheme, installAccountSettingsSync, playChime } from '../features/settings';
import { SignIn } from './SignIn';
import { Workspace } from './Workspace';

type Phase = { kind: 'loading' } | { kind: 'signedOut' } | { kind: 'signedIn'; session: StoredSession };

/**
 * `npm start`: the demo buyer's session, when the server this app talks to runs in demo mode
 * (`GET /api/demo-session` answers only then, and only on loopback). Browser mode asks the page's
 * own server; the desktop app asks the server its host was configured with (`TRADEWIND_SERVER_URL`,
 * which `npm start` sets). Any other server answers 204 (no body) and the sign-in screen shows.
 */
async function demoSession(): Promise<StoredSession | null> {
  let base: string;
  if (isElectron) {
    const info = await host.info(undefined);
    if (!info.ok) return null;
    base = info.value.defaultServerUrl;
  } else if (/^https?:$/.test(location.protocol)) {
    base = location.origin;
  } else return null;
  try {
    const res = await fetch(new URL('/api/demo-session', base), { cache: 'no-store' });
    if (res.status !== 200) return null; // 204: no demo session on this server
    const parsed = DemoSessionBody.safeParse(await res.json());
    if (!parsed.success) return null;
    const { token, memberId, serverUrl } = parsed.data;
    return { token, memberId, serverUrl: serverUrl ?? base };
  } catch {
    return null;
  }
}

/** What `GET /api/demo-session` answers (parsed, like every payload that crosses a boundary). */
const DemoSessionBody = StoredSession.extend({ serverUrl: StoredSession.shape.serverUrl.optional() });

/**
 * `stored`: the session this device kept, when main.tsx read it before the first render (a
 * signed-in window then renders from its first frame); null when there is none; absent: read here.
 */
export function App({ stored }: { stored?: StoredSession | null }): React.JSX.Element {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(() =>
    stored ? { kind: 'signedIn', session: stored } : { kind: 'loading' },
  );
  // The theme pinned in Settings › Appearance, from the first screen on (sign-in included).
  useEffect(() => applyTheme(), []);

  useEffect(() => {
    if (stored) return;
    let cancelled = false;
    void (async () => {
      let session: StoredSession | null = null;
      if (stored === undefined) {
        const kept = await host.loadSession(undefined);
        session = kept.ok ? kept.value : null;
      }
      if (!session) {
        session = await demoSession();
        if (session) await host.saveSession(session);
      }
      if (!cancelled) setPhase(session ? { kind: 'signedIn', session } : { kind: 'signedOut' });
    })();
    return () => {
      cancelled = true;
    };
  }, [stored]);

  const onSignedIn = useCallback((serverUrl: string, s: Session) => {
    void (async () => {
      const session: StoredSession = { serverUrl, token: s.token, memberId: s.user.memberId };
      const db = openDb(session.memberId, serverUrl);
      await saveMe(db, s.user);
      await saveDeviceMarker(db, s.token);
      await host.saveSession(session);
      setPhase({ kind: 'signedIn', session });
    })();
  }, []);

  const onSignedOut = useCallback(() => {
    void host.saveSession(null).then(() => setPhase({ kind: 'signedOut' }));
  }, []);

  if (phase.kind === 'loading') {
    return (
      <div className="splash" role="status">
        {t('app.loading')}
      </div>
    );
  }
  if (phase.kind === 'signedOut') return <SignIn onSignedIn={onSignedIn} />;
  return <SignedIn session={phase.session} onSignedOut={onSignedOut} />;
}

/** Opens this account's database and starts its sync engine; the window renders from the database at once. */
function SignedIn({
  session,
  onSignedOut,
}: {
  session: StoredSession;
  onSignedOut: () => void;
}): React.JSX.Element {
  const db = useMemo(
    () => openDb(session.memberId, session.serverUrl),
    [session.memberId, session.serverUrl],
  );
  // Constructing an engine has no side effects (the socket does not connect until start()).
  const engine = useMemo(() => {
    // Settings › Notifications: desktop notification and sound, each off for a muted contact.
    const notify = async (m: Message): Promise<void> => {
      // An edit or a retraction changes a message already notified: no second alert.
      if (m.change) return;
      const prefs = await alertPrefs(db);
      if (prefs.muted.includes(m.sender)) return;
      // Issue 11: an ignored request (or a blocked requester's) stays silent; a new one may ring.
      const held = await heldConversation(db, session.memberId, m.conversationId);
      if (held === 'ignored' || held === 'blocked') return;
      if (prefs.sound) playChime();
      if (document.hasFocus() || !prefs.desktop) return;
      const sender = await db.contacts.get(m.sender);
      await host.notify({
        title: sender?.displayName ?? m.sender,
        body: m.text.slice(0, 200),
        conversationId: m.conversationId,
      });
    };
    const created: SyncEngine = new SyncEngine(db, session, {
      onSignedOut,
      // Busy (do not disturb) mutes notifications.
      onIncoming: (m) => {
        if (!notificationsMuted(created.presenceSetting)) void notify(m);
      },
    });
    // The features the engine drives, plugged in before it starts (sync/ imports no feature).
    installGroupSync(created);
    installAttachmentSync(created);
    installQuickReplySync(created);
    installAccountSettingsSync(created);
    return created;
  }, [db, session, onSignedOut]);

  useEffect(() => {
    engine.start();
    return () => engine.stop();
  }, [engine]);

  const value = useMemo<SessionContextValue>(
    () => ({
      db,
      engine,
      me: session.memberId,
      signOut: () => {
        void engine.request('auth:signOut', {}, 3000).finally(onSignedOut);
      },
    }),
    [db, engine, session.memberId, onSignedOut],
  );

  return (
    <SessionContext.Provider value={value}>
      <Workspace />
    </SessionContext.Provider>
  );
}
