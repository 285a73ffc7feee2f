export {
  translationFeature,
  engineFromConfig,
  type TranslationFeature,
  type TranslationFeatureOptions,
} from './feature';
export {
  createTranslationService,
  cacheKey,
  type TranslationService,
  type TranslationServiceDeps,
  type TranslationStats,
  type UsageReport,
} from './service';
export {
  createDeeplEngine,
  type TranslationEngine,
  type EngineTextResult,
  type EngineLanguages,
} from './engine';
export {
  createSqlTranslationStore,
  createMemoryTranslationStore,
  cachedTranslations,
  type TranslationStore,
  type CachedTranslation,
} from './store';
export {
  classifyDeeplError,
  backoffDelay,
  DEFAULT_BACKOFF,
  type BackoffPolicy,
  type Classified,
} from './retry';
export { DEEPL_LIMITS } from './batcher';
export { translationCommand } from './cli';
export { storeDemoTranslations, type DemoTranslation } from './demo';
