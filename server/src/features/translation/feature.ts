/**
 * The translation feature: `translate:texts`, `translate:preview`, `translate:languages` and
 * `glossary:list|put|delete` (docs/protocol.md § Translation).
 *
 * Configuration (environment, or options for tests):
 * - `DEEPL_AUTH_KEY`: the operator's DeepL key. Without it translation is "unavailable": every
 *   item answers `failed / translation_unavailable`, languages answer `available: false`, and
 *   messages flow untranslated.
 * - `DEEPL_SERVER_URL`: a DeepL-compatible endpoint (tests use test/peers/deepl).
 * - `DEEPL_TIMEOUT_MS`: per-attempt timeout (default 5000).
 * - `TRANSLATION_MONTHLY_BUDGET`: default characters per member per month (default
 *   DEFAULT_MONTHLY_BUDGET, `unlimited` for none); per-member overrides with `translation budget`
 *   (cli.ts).
 *
 * The service is built once per server from the context's store, clock and logger, and kept in
 * this module's closure, so the ServerContext needs no translation slot.
 */
import type { FeatureModule } from '../../platform/socket/registry';
import type { ServerContext } from '../../platform/context';
import { createDeeplEngine, type TranslationEngine } from './engine';
import { meteredEngine } from './metered';
import { createTranslationService, type TranslationService, type TranslationServiceDeps } from './service';
import { createSqlTranslationStore } from './store';

export interface TranslationFeatureOptions {
  /** Default: `DEEPL_AUTH_KEY`; null or '' = no key. */
  authKey?: string | null;
  /** Default: `DEEPL_SERVER_URL`. */
  serverUrl?: string | null;
  /** Default: `DEEPL_TIMEOUT_MS` or 5000. */
  timeoutMs?: number;
  /** Default: `TRANSLATION_MONTHLY_BUDGET`, else DEFAULT_MONTHLY_BUDGET; null = unlimited. */
  monthlyBudgetChars?: number | null;
  /** Replaces deepl-node (unit tests). */
  engine?: TranslationEngine | null;
  /** Further service settings (batch window, retry policy, sleep, random). */
  service?: Partial<Omit<TranslationServiceDeps, 'engine' | 'store'>>;
}

export type TranslationFeature = FeatureModule & {
  /** The service once built (after start or the first request); null before. */
  service(): TranslationService | null;
};

/**
 * Characters a member may have translated per month unless the operator says otherwise: about
 * 10,000 messages of a typical length. The key is the operator's and the `translate:*` requests
 * take any text, so one account must not be able to exhaust it by default.
 */
export const DEFAULT_MONTHLY_BUDGET = 1_000_000;

/** The default monthly budget per member, from `TRANSLATION_MONTHLY_BUDGET` (null = unlimited). */
export function monthlyBudgetFromEnv(): number | null {
  if (process.env.TRANSLATION_MONTHLY_BUDGET?.trim().toLowerCase() === 'unlimited') return null;
  return envNumber('TRANSLATION_MONTHLY_BUDGET') ?? DEFAULT_MONTHLY_BUDGET;
}

function envNumber(name: string): number | null {
  const v = process.env[name];
  if (v === undefined || v.trim() === '') return null;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, not "${v}".`);
  return n;
}

/** Builds the engine from options and environment; null when there is no key. */
export function engineFromConfig(options: TranslationFeatureOptions = {}): TranslationEngine | null {
  if (options.engine !== undefined) return options.engine;
  const authKey = options.authKey !== undefined ? options.authKey : (process.env.DEEPL_AUTH_KEY ?? null);
  if (!authKey) return null;
  const serverUrl =
    options.serverUrl !== undefined ? options.serverUrl : (process.env.DEEPL_SERVER_URL ?? null);
  return createDeeplEngine({
    authKey,
    ...(serverUrl ? { serverUrl } : {}),
    timeoutMs: options.timeoutMs ?? envNumber('DEEPL_TIMEOUT_MS') ?? 5000,
  });
}

export function translationFeature(options: TranslationFeatureOptions = {}): TranslationFeature {
  let service: TranslationService | null = null;

  const get = (ctx: ServerContext): TranslationService => {
    if (service) return service;
    const engine = engineFromConfig(options);
    service = createTranslationService({
      engine: engine && meteredEngine(engine, ctx.metrics),
      store: createSqlTranslationStore(ctx.db),
      monthlyBudgetChars:
        options.monthlyBudgetChars !== undefined ? options.monthlyBudgetChars : monthlyBudgetFromEnv(),
      now: ctx.now,
      log: (event, detail) => ctx.logger.warn(event, detail),
      ...options.service,
    });
    if (!engine)
      ctx.logger.warn('translation unavailable: DEEPL_AUTH_KEY is not set; messages flow untranslated');
    return service;
  };

  return {
    name: 'translation',
    service: () => service,
    handlers: {
      'translate:texts': (p, caller, ctx) => get(ctx).translateTexts(caller.memberId, p),
      'translate:preview': (p, caller, ctx) => get(ctx).preview(caller.memberId, p),
      'translate:languages': async (_p, _caller, ctx) => {
        const languages = await get(ctx).languages();
        // A demo server without a key answers its demo history from translations stored with it,
        // and offers as reading languages exactly the ones stored (issue 12).
        if (languages.available || !ctx.config.demo) return languages;
        return { ...languages, demo: true, languages: await get(ctx).demoLanguages() };
      },
      'glossary:list': (p, caller, ctx) => get(ctx).listGlossaries(caller.memberId, p.scope),
      'glossary:put': (p, caller, ctx) => get(ctx).putGlossary(caller.memberId, p),
      'glossary:delete': async (p, caller, ctx) => {
        await get(ctx).deleteGlossary(caller.memberId, p.id);
        return {};
      },
    },
    start: (ctx) => {
      const s = get(ctx);
      return () => s.close();
    },
  };
}
