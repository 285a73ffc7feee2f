import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * `precache.json`: every file of the build the service worker must keep for offline browser mode
 * (issue 10: languages, dialogs and workers are chunks loaded on demand, which index.html does not
 * reference), read from the bundle itself rather than listed by hand. Source maps and the worker's
 * own sw.js are left out.
 */
function precacheList(): Plugin {
  return {
    name: 'tradewind-precache-list',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle)
        .filter((f) => f !== 'sw.js' && !f.endsWith('.map'))
        .sort();
      this.emitFile({ type: 'asset', fileName: 'precache.json', source: JSON.stringify(files) });
    },
  };
}

/**
 * The renderer build. `base: './'` makes every asset URL relative, so the same bundle loads from
 * the server (browser mode), from file:// and from Electron's app:// protocol. The service worker
 * of browser mode is a second entry, emitted as `sw.js` next to index.html so its scope is the app.
 */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react(), precacheList()],
  resolve: {
    // zod without its `new Function` probe, which the CSP refuses (src/zod/jitless.ts): set where
    // zod is imported, so it precedes every schema whatever chunk the bundler puts them in.
    alias: [
      { find: /^zod$/, replacement: here('./renderer/src/zod/classic.ts') },
      { find: /^zod\/mini$/, replacement: here('./renderer/src/zod/mini.ts') },
    ],
  },
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The window's entry chunk (~0.9 MB; each language's strings and the workers load on demand)
    // is fine for a desktop app loaded from disk or a LAN server.
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      input: { index: here('./renderer/index.html'), sw: here('./renderer/src/sw.ts') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: { port: 5173, strictPort: false },
});
