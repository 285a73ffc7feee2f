import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The renderer build. `base: './'` makes every asset URL relative, so the same bundle loads from
 * the server (browser mode), from file:// and from Electron's app:// protocol. The service worker
 * of browser mode is a second entry, emitted as `sw.js` next to index.html so its scope is the app.
 */
export default defineConfig({
  root: here('./renderer'),
  base: './',
  plugins: [react()],
  build: {
    outDir: here('./dist/renderer'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // One chunk for the whole window is fine for a desktop app loaded from disk or a LAN server.
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
