/**
 * The DeepL side of translation behind a small interface, so the service's batching, caching and
 * retry logic can be unit-tested with a fake engine and run for real with deepl-node.
 */
import * as deepl from 'deepl-node';

export interface EngineTextResult {
  text: string;
  /** Lower-case base code. */
  detectedSourceLang: string;
  billedCharacters: number;
  /**
   * Set by the service, not by DeepL: the request named a glossary DeepL no longer had, so this
   * text was translated without it (the glossary is being re-uploaded).
   */
  glossaryDropped?: true;
}

export interface EngineLanguages {
  source: { code: string; name: string }[];
  target: { code: string; name: string; supportsFormality: boolean }[];
  glossaryPairs: { source: string; target: string }[];
}

export interface TranslationEngine {
  /** One DeepL request. `source` null = auto-detect. Throws deepl-node errors. */
  translate(
    texts: string[],
    source: string | null,
    target: string,
    glossaryId: string | null,
  ): Promise<EngineTextResult[]>;
  usage(): Promise<{ characterCount: number; characterLimit: number } | null>;
  languages(): Promise<EngineLanguages>;
  /** Uploads a glossary; returns DeepL's glossary id. */
  createGlossary(name: string, source: string, target: string, entries: [string, string][]): Promise<string>;
  deleteGlossary(id: string): Promise<void>;
}

export interface DeeplEngineOptions {
  authKey: string;
  /** A DeepL-compatible endpoint (tests); omitted = DeepL's own, chosen by the key type. */
  serverUrl?: string;
  /**
   * Per-attempt timeout. deepl-node uses max(minTimeout, time left in its first backoff window
   * ≈ 1 s), so anything below ~1 s behaves as ~1 s.
   */
  timeoutMs?: number;
}

export function createDeeplEngine(options: DeeplEngineOptions): TranslationEngine {
  const translator = new deepl.Translator(options.authKey, {
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
    // deepl-node's maxRetries counts attempts, not retries: 1 = exactly one attempt. The service
    // owns retries (with its own policy and jitter), so deepl-node must not retry underneath it.
    maxRetries: 1,
    minTimeout: options.timeoutMs ?? 5000,
    sendPlatformInfo: false,
    appInfo: { appName: 'tradewind', appVersion: '0.1.0' },
  });

  return {
    async translate(texts, source, target, glossaryId) {
      const results = await translator.translateText(
        texts,
        source as deepl.SourceLanguageCode | null,
        target as deepl.TargetLanguageCode,
        glossaryId ? { glossary: glossaryId } : undefined,
      );
      return results.map((r, i) => ({
        text: r.text,
        detectedSourceLang: r.detectedSourceLang.split('-')[0]?.toLowerCase() ?? r.detectedSourceLang,
        // DeepL bills the source text; only if it does not say how much, count the source's characters.
        billedCharacters: r.billedCharacters ?? [...(texts[i] ?? '')].length,
      }));
    },
    async usage() {
      const u = await translator.getUsage();
      return u.character ? { characterCount: u.character.count, characterLimit: u.character.limit } : null;
    },
    async languages() {
      const [source, target, pairs] = await Promise.all([
        translator.getSourceLanguages(),
        translator.getTargetLanguages(),
        translator.getGlossaryLanguagePairs(),
      ]);
      return {
        source: source.map((l) => ({ code: l.code, name: l.name })),
        target: target.map((l) => ({
          code: l.code,
          name: l.name,
          supportsFormality: l.supportsFormality ?? false,
        })),
        glossaryPairs: pairs.map((p) => ({
          source: p.sourceLang.toLowerCase(),
          target: p.targetLang.toLowerCase(),
        })),
      };
    },
    async createGlossary(name, source, target, entries) {
      const info = await translator.createGlossary(
        name,
        source as deepl.SourceGlossaryLanguageCode,
        target as deepl.TargetGlossaryLanguageCode,
        new deepl.GlossaryEntries({ entries: Object.fromEntries(entries) }),
      );
      return info.glossaryId;
    },
    async deleteGlossary(id) {
      await translator.deleteGlossary(id);
    },
  };
}
