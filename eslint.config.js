// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import globals from 'globals';

/**
 * Layer zones (ARCHITECTURE.md § Layers): each folder may import only what its row allows.
 * A wrong import fails `npm run lint`.
 */
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'child_process',
  'url',
  'stream',
  'buffer',
  'util',
  'events',
  'worker_threads',
];
/**
 * Bare names (no slash, no glob) are matched exactly as module names; the rest as path patterns.
 * `rooms` adds regular expressions on the import string (the rooms inside an environment).
 */
const zone = (
  /** @type {string[]} */ banned,
  /** @type {string} */ why,
  /** @type {{ regex: string, message: string }[]} */ rooms = [],
) => {
  const exact = banned.filter((b) => !b.includes('/') && !b.includes('*'));
  const patterns = banned.filter((b) => !exact.includes(b));
  return {
    'no-restricted-imports': [
      'error',
      {
        paths: exact.map((name) => ({ name, message: why })),
        patterns: [{ group: patterns, message: why }, ...rooms],
      },
    ],
  };
};

/** server/ (ARCHITECTURE.md § Layers). */
const serverBanned = ['electron', 'react', 'react-dom', 'dexie', '**/renderer/**', '**/electron/**'];
const serverWhy = 'server/ may import shared/ and Node only.';
/**
 * Rooms inside server/src (ARCHITECTURE.md § Inside each environment): platform/ is the lower
 * floor and never imports a feature (nor app.ts, main.ts, demo/); a feature imports another
 * feature only through that feature's index.ts (`../contacts`, never `../contacts/service`), and
 * never the list of all features (features/index.ts) or the composers above it.
 */
const platformRooms = [
  {
    regex: '(^|/)features(/|$)|^(\\.\\./)+(app|main|demo)(/|$)',
    message: 'platform/ is the lower floor: it never imports a feature, app.ts, main.ts or demo/.',
  },
];
const featureRooms = [
  {
    regex: '^\\.\\./(?!\\.)[^/]+/(?!index$)',
    message: "Another feature is imported only through its index.ts ('../<feature>'), never its internals.",
  },
  {
    regex: '^\\.\\.(/index)?$|^\\.\\./\\.\\./(app|main|demo|features)(/|$)',
    message: 'A feature never imports the feature list, app.ts, main.ts or demo/ (that would be a circle).',
  },
];
/** From `prefix` (the path to features/): `<prefix><feature>` only, not its internals. */
const composerRooms = (/** @type {string} */ prefix) => [
  {
    regex: `^${prefix.replaceAll('.', '\\.')}features/[^/]+/(?!index$)`,
    message: "A feature is imported only through its index.ts ('features/<feature>'), never its internals.",
  },
];

const rendererBans = [
  ...nodeBuiltins,
  'electron',
  'socket.io',
  'pg',
  '@electric-sql/*',
  'deepl-node',
  '**/server/**',
  '**/electron/**',
];
const rendererWhy = 'renderer/ may import shared/, DOM, React, dexie and socket.io-client only.';
/**
 * Rooms inside renderer/src (ARCHITECTURE.md § "Inside each environment"): the lower floors never
 * import a feature or app/; a feature never imports app/, and another feature only through that
 * feature's index.ts; app/ takes a feature's index.ts, or its catalogues (strings.ts and
 * locales/<lang>.ts, leaf files).
 */
const rendererRooms = {
  lower: {
    regex: '^(\\.\\./)+(features|app)(/|$)',
    message:
      'db/, sync/, host/, domain/, i18n/ and ui/ never import a feature or app/: invert (inject it from app/).',
  },
  noApp: {
    regex: '^(\\.\\./)+app(/|$)',
    message: 'A feature never imports app/: app/ composes the features.',
  },
  otherFeature: {
    regex: '^(\\.\\./[^./][^/]*|(\\.\\./)+features/[^/]+)/(?!index$).+',
    message: 'Use another feature only through its index.ts (`../<feature>`), never its files.',
  },
  appToFeature: {
    regex: '^(\\.\\./)+features/[^/]+/(?!index$|strings$|locales/[^/]+$).+',
    message:
      'app/ uses a feature through its index.ts (or its strings.ts and locales/ catalogues), never its other files.',
  },
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      '.tradewind/**',
      'scripts/verify.bundle.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.es2022 },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: zone(
      [
        ...nodeBuiltins,
        'electron',
        'react',
        'react-dom',
        'dexie',
        'socket.io',
        'socket.io-client',
        '**/server/**',
        '**/renderer/**',
        '**/electron/**',
      ],
      'shared/ is isomorphic: pure TypeScript and pure libraries only.',
    ),
  },
  {
    files: ['server/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: zone(serverBanned, serverWhy),
  },
  { files: ['server/src/platform/**/*.ts'], rules: zone(serverBanned, serverWhy, platformRooms) },
  { files: ['server/src/features/*/**/*.ts'], rules: zone(serverBanned, serverWhy, featureRooms) },
  { files: ['server/src/demo/**/*.ts'], rules: zone(serverBanned, serverWhy, composerRooms('../')) },
  { files: ['server/src/*.ts'], rules: zone(serverBanned, serverWhy, composerRooms('./')) },
  {
    files: ['electron/main/**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: zone(
      ['react', 'react-dom', 'dexie', 'socket.io', '**/renderer/**', '**/server/**', '**/preload/**'],
      'electron/main may import shared/, Node and electron only.',
    ),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: zone(
      [
        ...nodeBuiltins,
        'react',
        'react-dom',
        'dexie',
        'socket.io',
        'socket.io-client',
        '**/renderer/**',
        '**/server/**',
        '**/main/**',
      ],
      'preload may import the shared contract and electron only.',
    ),
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.configs.recommended.rules,
      ...zone(rendererBans, rendererWhy),
    },
  },
  {
    files: ['renderer/src/{db,sync,host,domain,i18n,ui}/**'],
    rules: zone(rendererBans, rendererWhy, [rendererRooms.lower]),
  },
  {
    files: ['renderer/src/features/**'],
    rules: zone(rendererBans, rendererWhy, [rendererRooms.noApp, rendererRooms.otherFeature]),
  },
  {
    files: ['renderer/src/app/**'],
    rules: zone(rendererBans, rendererWhy, [rendererRooms.appToFeature]),
  },
  {
    files: [
      'test/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.ts',
      '**/*.test.ts',
      '**/*.test.tsx',
      '*.config.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
);
