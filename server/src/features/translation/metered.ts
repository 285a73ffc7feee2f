/** DeepL calls counted for /metrics: requests and failures by kind, characters sent for translation. */
import type { Metrics } from '../../platform/metrics';
import type { TranslationEngine } from './engine';

export function meteredEngine(engine: TranslationEngine, metrics: Metrics): TranslationEngine {
  const count = async <T>(kind: string, call: () => Promise<T>): Promise<T> => {
    metrics.deeplRequests.inc({ kind });
    try {
      return await call();
    } catch (err) {
      metrics.deeplErrors.inc({ kind });
      throw err;
    }
  };
  return {
    translate(texts, source, target, glossaryId) {
      // What DeepL bills: the characters of the texts, counted per attempt (a retry is billed again).
      metrics.deeplCharacters.inc(texts.reduce((n, t) => n + t.length, 0));
      return count('translate', () => engine.translate(texts, source, target, glossaryId));
    },
    usage: () => count('usage', () => engine.usage()),
    languages: () => count('languages', () => engine.languages()),
    createGlossary: (name, source, target, entries) =>
      count('glossary', () => engine.createGlossary(name, source, target, entries)),
    deleteGlossary: (id) => count('glossary', () => engine.deleteGlossary(id)),
  };
}
