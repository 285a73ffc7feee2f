import './jitless'; // first: before any zod schema exists
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { catalogues } from './app/strings';
import { isElectron } from './host';
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
  await initI18n(catalogues);
  const root = document.getElementById('root');
  if (!root) throw new Error('#root missing');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
  registerServiceWorker();
}

void start();
