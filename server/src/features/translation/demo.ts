/**
 * Translations stored with the demo data (issue 12, "translation out of the box"): the demo
 * seed writes them into the shared cache under a glossary id of their own, which no DeepL
 * glossary has, so a real lookup never finds them. Only a server without a DeepL key answers
 * from them, marked `demo: true`; with a key, DeepL translates as always.
 */
import { deeplTargetCode } from '../../../../shared/domain/language';
import type { Queryable } from '../../platform/db';
import { cacheKey, DEMO_GLOSSARY } from './service';
import { textHash } from './store';

export interface DemoTranslation {
  text: string;
  /** The text's language (a base code or pt-BR). */
  sourceLang: string;
  /** The reader's language, as a client asks for it ("pl", "en", "pt-BR"). */
  targetLang: string;
  translated: string;
}

/** The demo cache key of a text, as `translateTexts` looks it up. */
export const demoKey = (source: string, target: string, text: string): string =>
  cacheKey(source, deeplTargetCode(target), DEMO_GLOSSARY, text);

/** Stores demo translations; idempotent (a second seed changes nothing). */
export async function storeDemoTranslations(db: Queryable, items: readonly DemoTranslation[]): Promise<void> {
  for (const t of items) {
    const source = t.sourceLang.split('-')[0]!.toLowerCase();
    await db.query(
      `INSERT INTO translation_cache
         (cache_key, text_hash, source_lang, target_lang, glossary_id, translated, detected_lang, billed_chars)
       VALUES ($1, $2, $3, $4, $5, $6, $3, 0)
       ON CONFLICT (cache_key) DO NOTHING`,
      [
        demoKey(source, t.targetLang, t.text),
        textHash(t.text),
        source,
        deeplTargetCode(t.targetLang),
        DEMO_GLOSSARY,
        t.translated,
      ],
    );
  }
}
