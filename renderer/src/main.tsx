import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { en, interfaceLanguages, type Language, loadCatalogue } from './app/strings';
import { openDb } from './db/schema';
import { host, isElectron } from './host';
import { initI18n } from './i18n';
import './app/styles.css';

/**
 * Browser mode keeps its app shell in a service worker so the window opens, with its stored
 * conversations, even when the server is out of reach. The desktop app loads from disk anyway.
 */
function registerServiceWorker(): void {
  if (isElectron || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  navigator.serviceWorker
    .register('./sw.js')
    .catch((e: unknown) => console.warn('service worker not registered', e));
}

async function start(): Promise<void> {
  // Issue 10, cold start: the stored session is read and its database opened (Dexie's open and
  // schema check) while the catalogues load and the window renders, not after a first render of
  // a splash screen; the window then renders signed in from its first frame.
  const session = host.loadSession(undefined).then(
    (r) => (r.ok ? r.value : null),
    () => null,
  );
  void session.then((s) => {
    if (s)
      openDb(s.memberId, s.serverUrl)
        .open()
        .catch(() => undefined); // the first query reports it
  });
  const [, stored] = await Promise.all([
    initI18n(
      en,
      interfaceLanguages.map((l) => l.code),
      (lang) => loadCatalogue(lang as Language),
    ),
    session,
  ]);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  createRoot(root).render(
    <StrictMode>
      <App stored={stored} />
    </StrictMode>,
  );
  registerServiceWorker();
}

void start();
