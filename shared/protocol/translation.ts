/**
 * Translation and glossary payloads (issue 4). Translation runs on the server with the operator's
 * DeepL key; clients ask for it with these requests and cache the answers in IndexedDB. A
 * request never fails as a whole because one text could not be translated: each item carries its
 * own state, so a message is always shown — translated, in the original, or in the original with
 * a visible "not translated, retrying" state.
 */
import { z } from 'zod';
import { LIMITS } from './limits';
import { LanguageCode, MemberId } from './schemas';
import { text } from './text';

export const TRANSLATION_LIMITS = {
  /** Items in one `translate:texts` request. */
  itemsPerRequest: 100,
  /** Characters of one text to translate (a message's text). */
  textChars: LIMITS.textChars,
  /** Entries in one glossary. */
  glossaryEntries: 1000,
  /** Characters of one glossary term. */
  glossaryTermChars: 200,
} as const;

/** A text to translate: what a message's text may be. */
const TextToTranslate = text({
  field: 'text to translate',
  max: TRANSLATION_LIMITS.textChars,
  multiline: true,
});

/** The partner's group in the caller's contact tree (a group id as the tree names it). */
const GroupIdField = text({ field: 'group id', max: 100 });

export const TranslateItem = z.object({
  /** The caller's id for the item (e.g. a message's clientId); echoed in the answer. */
  id: text({ field: 'item id', min: 1, max: 200 }),
  text: TextToTranslate,
  /** The text's language if known (a message's `lang`); otherwise detected. */
  sourceLang: LanguageCode.optional(),
});
export type TranslateItem = z.input<typeof TranslateItem>;

export const TranslateTextsRequest = z.object({
  items: z.array(TranslateItem).min(1).max(TRANSLATION_LIMITS.itemsPerRequest),
  /** The reader's language. */
  targetLang: LanguageCode,
  /** The other party of the conversation; selects the caller's glossary for them. */
  partner: MemberId.optional(),
  /** The partner's group in the caller's contact tree; a group glossary applies when no contact glossary does. */
  groupId: GroupIdField.optional(),
});
export type TranslateTextsRequest = z.input<typeof TranslateTextsRequest>;

/** Codes an item can fail with. */
export const TranslationFailureCode = z.enum(['quota_exceeded', 'translation_unavailable', 'unsupported']);
export type TranslationFailureCode = z.infer<typeof TranslationFailureCode>;

export const TranslationItemResult = z.discriminatedUnion('state', [
  /** Machine-translated by DeepL (label it so). */
  z.object({
    id: z.string(),
    state: z.literal('translated'),
    text: z.string(),
    /** Lower-case base code, e.g. "pl". */
    detectedSourceLang: z.string(),
    /** true when the server answered from its cache (no DeepL request for this caller). */
    cached: z.boolean(),
    /** Whether one of the caller's glossaries was applied. */
    glossary: z.boolean(),
    /**
     * A translation stored with the demo data, not DeepL's (a demo server without a key): label
     * it as such. Absent otherwise.
     */
    demo: z.boolean().optional(),
  }),
  /** Nothing to translate: already in the target language, or empty. Show the original as is. */
  z.object({
    id: z.string(),
    state: z.literal('original'),
    reason: z.enum(['same_language', 'empty']),
    detectedSourceLang: z.string().nullable(),
  }),
  /** Not translated now. Show the original with a visible state; retry after `retryAfterMs` if `retryable`. */
  z.object({
    id: z.string(),
    state: z.literal('failed'),
    code: TranslationFailureCode,
    message: z.string(),
    retryable: z.boolean(),
    retryAfterMs: z.number().int().nonnegative().nullable(),
    /** For `unsupported`: the language DeepL does not offer (the code asked for), so the UI can name it. */
    lang: z.string().max(35).optional(),
  }),
]);
export type TranslationItemResult = z.infer<typeof TranslationItemResult>;

export const TranslateTextsResponse = z.object({
  items: z.array(TranslationItemResult),
  /** Who translated, for the "machine translation by DeepL" label. */
  provider: z.literal('deepl'),
});
export type TranslateTextsResponse = z.infer<typeof TranslateTextsResponse>;

export const TranslatePreviewRequest = z.object({
  text: TextToTranslate,
  /** The partner's language. */
  targetLang: LanguageCode,
  /** The writer's language; the back-translation goes into it. Detected when omitted. */
  sourceLang: LanguageCode.optional(),
  partner: MemberId.optional(),
  groupId: GroupIdField.optional(),
});
export type TranslatePreviewRequest = z.input<typeof TranslatePreviewRequest>;

export const TranslatePreviewResponse = z.object({
  /** The draft in the partner's language (id "preview"). */
  translation: TranslationItemResult,
  /** That translation translated back into the writer's language (id "back"); null when there is none. */
  backTranslation: TranslationItemResult.nullable(),
  provider: z.literal('deepl'),
});
export type TranslatePreviewResponse = z.infer<typeof TranslatePreviewResponse>;

export const TranslationLanguage = z.object({
  /** DeepL's code, lower-case base plus upper-case region: "pl", "en-US", "zh-HANT". */
  code: z.string(),
  name: z.string(),
  /** Can be translated from. */
  source: z.boolean(),
  /** Can be translated into. */
  target: z.boolean(),
  /** DeepL offers formal/informal tone for it. */
  formality: z.boolean(),
  /** Glossaries work with it (Persian, for one, has none). */
  glossary: z.boolean(),
});
export type TranslationLanguage = z.infer<typeof TranslationLanguage>;

export const TranslateLanguagesResponse = z.object({
  /** false when the server has no DeepL key: messages flow untranslated. */
  available: z.boolean(),
  /**
   * A demo server without a key: its demo history has translations stored with the demo data
   * (items answered with `demo: true`); everything else stays untranslated. `languages` then
   * lists the languages those stored translations are in, as targets. Absent otherwise.
   */
  demo: z.boolean().optional(),
  languages: z.array(TranslationLanguage),
  /** Glossary language pairs, lower-case base codes. */
  glossaryPairs: z.array(z.object({ source: z.string(), target: z.string() })),
});
export type TranslateLanguagesResponse = z.infer<typeof TranslateLanguagesResponse>;

// ---------------------------------------------------------------------------------------------
// Glossaries

export const GlossaryScope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('contact'), memberId: MemberId }),
  z.object({ kind: z.literal('group'), groupId: text({ field: 'group id', min: 1, max: 100 }) }),
]);
export type GlossaryScope = z.infer<typeof GlossaryScope>;

/** One term: a single line (DeepL's glossary format has no tabs or line breaks inside a term). */
const Term = text({ field: 'glossary term', min: 1, max: TRANSLATION_LIMITS.glossaryTermChars, trim: true });

export const GlossaryEntry = z.object({ source: Term, target: Term });
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

export const Glossary = z.object({
  id: z.string(),
  scope: GlossaryScope,
  /** Lower-case base codes: glossaries ignore regional variants. */
  sourceLang: z.string(),
  targetLang: z.string(),
  name: z.string(),
  entries: z.array(GlossaryEntry),
  /**
   * The entries also apply the other way, targetLang → sourceLang, to what the partner writes to
   * the owner (DeepL supports the reversed pair and the reversed glossary was uploaded).
   */
  reverse: z.boolean(),
  updatedAt: z.string(),
});
export type Glossary = z.infer<typeof Glossary>;

export const GlossaryListRequest = z.object({ scope: GlossaryScope.optional() });
export const GlossaryListResponse = z.array(Glossary);

/**
 * Creates or replaces the caller's glossary for (scope, sourceLang, targetLang). The server also
 * uploads the entries reversed (targetLang → sourceLang) where DeepL supports that pair, so one
 * glossary fixes the terms in both directions of a conversation.
 */
export const GlossaryPutRequest = z.object({
  scope: GlossaryScope,
  sourceLang: LanguageCode,
  targetLang: LanguageCode,
  name: text({ field: 'glossary name', min: 1, max: 100, trim: true }).optional(),
  entries: z
    .array(GlossaryEntry)
    .min(1)
    .max(TRANSLATION_LIMITS.glossaryEntries)
    .refine((es) => new Set(es.map((e) => e.source)).size === es.length, 'Each source term may appear once.'),
});
export type GlossaryPutRequest = z.input<typeof GlossaryPutRequest>;

export const GlossaryDeleteRequest = z.object({ id: text({ field: 'glossary id', min: 1, max: 100 }) });
