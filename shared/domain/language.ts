/**
 * Cheap, isomorphic language facts for translation decisions. The detector looks only at the
 * script (and a few letters unique to one language); it answers when it is sure and returns
 * `null` otherwise — plain ASCII could be English, Polish without diacritics or a product code,
 * so it is never guessed. The server uses it to avoid sending DeepL text that is already in the
 * target language (DeepL bills that too); the renderer can use it to label a draft.
 */

/** The base of a language code, lower case: `en-US` → `en`, `ZH-HANT` → `zh`. */
export function baseLanguage(code: string): string {
  return (code.split('-')[0] ?? code).toLowerCase();
}

/** True when two codes name the same base language (`en` and `en-GB`, `pt-BR` and `pt`). */
export function sameLanguage(a: string, b: string): boolean {
  return baseLanguage(a) === baseLanguage(b);
}

/**
 * The code to send DeepL as `target_lang`. DeepL (and deepl-node) refuse the bare `en` and `pt`
 * as targets; we pick the regional variant most of our users trade in.
 */
export function deeplTargetCode(code: string): string {
  const [base = '', region] = code.split('-');
  const b = base.toLowerCase();
  if (region) return `${b}-${region.toUpperCase()}`;
  if (b === 'en') return 'en-US';
  if (b === 'pt') return 'pt-BR';
  return b;
}

const KANA = /[\u3040-\u30ff]/u;
const HANGUL = /[\uac00-\ud7af\u1100-\u11ff]/u;
const HAN = /\p{Script=Han}/u;
const ARABIC = /\p{Script=Arabic}/u;
/** Letters used in Persian but not in Arabic. */
const PERSIAN_ONLY = /[پچژگ]/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const UKRAINIAN_ONLY = /[іїєґ]/iu;
const GREEK = /\p{Script=Greek}/u;
const HEBREW = /\p{Script=Hebrew}/u;
const THAI = /\p{Script=Thai}/u;
const LATIN = /\p{Script=Latin}/u;
// Letters no other DeepL language uses (ą/ę are Lithuanian too, ş is Romanian too).
const POLISH_ONLY = /[łńśźż]/iu;
const TURKISH_ONLY = /[ğı]/u;

/**
 * The language of `text` when its script says so with confidence, else `null`.
 * CJK (zh / ja / ko), Arabic vs Persian, Cyrillic (ru, or uk by its own letters), Greek, Hebrew,
 * Thai, and Latin text only when letters unique to Polish or Turkish appear.
 */
export function detectLanguage(text: string): string | null {
  // Ignore digits, punctuation, URLs and Latin product codes mixed into non-Latin text.
  const letters = text.replace(/https?:\/\/\S+/gu, '').replace(/[^\p{L}]/gu, '');
  if (letters.length === 0) return null;
  if (KANA.test(letters)) return 'ja';
  if (HANGUL.test(letters)) return 'ko';
  const nonLatin = letters.replace(/\p{Script=Latin}/gu, '');
  // Mostly Latin with a stray symbol: not a script decision.
  if (nonLatin.length * 2 >= letters.length) {
    if (HAN.test(nonLatin)) return 'zh';
    if (ARABIC.test(nonLatin)) return PERSIAN_ONLY.test(nonLatin) ? 'fa' : 'ar';
    if (CYRILLIC.test(nonLatin)) return UKRAINIAN_ONLY.test(nonLatin) ? 'uk' : 'ru';
    if (GREEK.test(nonLatin)) return 'el';
    if (HEBREW.test(nonLatin)) return 'he';
    if (THAI.test(nonLatin)) return 'th';
  }
  if (LATIN.test(letters)) {
    if (POLISH_ONLY.test(letters)) return 'pl';
    if (TURKISH_ONLY.test(letters)) return 'tr';
  }
  return null;
}

/**
 * Whether `text` is known to be in `target` already: its declared language (a message's `lang`)
 * wins, then the script detector. `null` = unknown (send it; DeepL will tell us).
 */
export function isAlreadyIn(text: string, target: string, declared?: string | null): boolean | null {
  const lang = declared ?? detectLanguage(text);
  if (lang === null) return null;
  return sameLanguage(lang, target);
}
