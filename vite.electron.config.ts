import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type EnvironmentOptions, type Plugin } from 'vite';

/**
 * Builds Electron main and preload as two separate Node (SSR) environments:
 *   dist/electron/main.cjs    (+ icon.png, copied from resources/ for the window and tray)
 *   dist/electron/preload.cjs
 * Separate builds, not two inputs of one build: with two inputs the bundler would move code they
 * share (zod, shared/hostApi) into a common chunk that preload would have to `require`, and a
 * sandboxed preload can require nothing but Electron's own modules. Each output is one
 * self-contained CommonJS file; only `electron` and Node's builtins stay external, so the
 * packaged app needs no node_modules at all.
 */
const r = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const outDir = r('./dist/electron');
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function nodeBundle(name: 'main' | 'preload', entry: string, emptyOutDir: boolean): EnvironmentOptions {
  return {
    consumer: 'server',
    resolve: { noExternal: true, external, conditions: ['node', 'import', 'default'] },
    build: {
      outDir,
      emptyOutDir,
      target: 'node24', // Electron 45 ships Node 24
      sourcemap: true,
      minify: false,
      rollupOptions: {
        input: { [name]: r(entry) },
        external,
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  };
}

/** Emits resources/icon.png next to main.cjs (window, tray and notification icon). */
const icon: Plugin = {
  name: 'tradewind-icon',
  applyToEnvironment: (env) => env.name === 'main',
  generateBundle() {
    this.emitFile({ type: 'asset', fileName: 'icon.png', source: readFileSync(r('./resources/icon.png')) });
  },
};

export default defineConfig({
  publicDir: false,
  plugins: [icon],
  environments: {
    main: nodeBundle('main', './electron/main/index.ts', true),
    preload: nodeBundle('preload', './electron/preload/index.ts', false),
  },
  builder: {
    // Main first: it empties dist/electron; preload is added next to it.
    async buildApp(builder) {
      await builder.build(builder.environments.main!);
      await builder.build(builder.environments.preload!);
    },
  },
});
