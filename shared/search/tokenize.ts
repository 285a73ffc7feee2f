/**
 * The search tokenizer (issue 10): what a message is indexed under and what a query looks for.
 * Pure and isomorphic; the renderer's index, its query and its highlighting all use it, so a word
 * is folded the same way wherever it is met.
 *
 * - Word boundaries come from `Intl.Segmenter` (word granularity, word-like segments only).
 * - Each word is folded: compatibility-decomposed (NFKD: fullwidth `ＩＰ６５` is `ip65`),
 *   diacritics dropped (`próbki` → `probki`, Romanian `ș`/`ş` → `s`, Arabic tashkeel), lower-cased,
 *   then a few letters without a decomposition mapped by hand (`ł`, `ß`, dotless `ı`, Arabic and
 *   Persian letter variants and digits). Kana voicing marks are kept (`ガ` is not `カ`).
 * - Chinese and Japanese are written without spaces and the segmenter's dictionary splits them
 *   unpredictably (Node's ICU cuts `起订量` into `起|订|量`, a newer dictionary keeps it whole), so a
 *   query for part of a dictionary word would miss. Every run of Han/kana characters is indexed
 *   as overlapping character bigrams (plus its last character alone); a query's run becomes the
 *   same bigrams, all required. Measured in bench/README.md (tokens per row, query time).
 */

/** Longest word kept in the index; longer ones (links, hashes) are cut, still found by prefix. */
export const MAX_WORD = 48;

/** Combining marks that are diacritics: Latin/Greek/Cyrillic accents and Arabic vowel signs. */
const DIACRITICS =
  // eslint-disable-next-line no-misleading-character-class -- a class of lone combining marks, on purpose
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]/gu;
/** Invisible joiners and fillers: zero-width (non-)joiner (Persian), soft hyphen, Arabic tatweel. */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad\u0640]/gu;

/** Letters with no Unicode decomposition, folded by hand. */
const LETTERS: Readonly<Record<string, string>> = {
  ł: 'l',
  ß: 'ss',
  ı: 'i',
  đ: 'd',
  ð: 'd',
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ħ: 'h',
  // Arabic and Persian: one yeh (Persian ی U+06CC, alef maksura ى U+0649 → Arabic ي U+064A),
  // one kaf (Persian ک U+06A9 → ك U+0643), alef wasla → alef, teh marbuta and heh goal forms → heh.
  '\u06cc': '\u064a',
  '\u0649': '\u064a',
  '\u06a9': '\u0643',
  '\u0671': '\u0627',
  '\u0629': '\u0647',
  '\u06c0': '\u0647',
  '\u06d5': '\u0647',
  '\u06c1': '\u0647',
};
const LETTER_RE = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');
/** Arabic-Indic (U+0660…) and Persian (U+06F0…) digits → ASCII. */
const DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/gu;

/** Folds a piece of text for matching: see the file header. Never changes word boundaries. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(DIACRITICS, '')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(LETTER_RE, (c) => LETTERS[c] ?? c)
    .replace(DIGITS, (d) => String((d.codePointAt(0) ?? 0) & 0xf));
}

/** Characters written without spaces between words, indexed as bigrams. */
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005\u3006]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc\u3005\u3006]+/gu;

let segmenter: Intl.Segmenter | null = null;
function words(text: string): Intl.SegmentData[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' });
  const out: Intl.SegmentData[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s);
  return out;
}

/** A word of a text: where it is (UTF-16 offsets into the text as given) and its folded form. */
export interface WordSpan {
  start: number;
  end: number;
  word: string;
}

/** The word-like segments of a text, folded, with their places (for highlighting). */
export function wordSpans(text: string): WordSpan[] {
  return words(text).map((s) => ({
    start: s.index,
    end: s.index + s.segment.length,
    word: fold(s.segment),
  }));
}

function bigrams(run: string, out: Set<string>): void {
  const chars = [...run];
  for (let i = 0; i + 1 < chars.length; i++) out.add(`${chars[i]}${chars[i + 1]}`);
  const last = chars[chars.length - 1];
  if (last !== undefined) out.add(last);
}

/** Adds what a text is found by to `out`: its folded words and, for Chinese/Japanese, bigrams. */
export function addIndexTokens(text: string, out: Set<string>): void {
  if (text === '') return;
  for (const s of words(text)) {
    if (CJK.test(s.segment)) continue; // covered by the bigrams below
    const w = fold(s.segment);
    if (w !== '') out.add(w.length > MAX_WORD ? w.slice(0, MAX_WORD) : w);
  }
  for (const run of fold(text).match(CJK_RUN) ?? []) bigrams(run, out);
}

/** What a text is found by (deduplicated). */
export function indexTokens(text: string): string[] {
  const out = new Set<string>();
  addIndexTokens(text, out);
  return [...out];
}

/** A parsed query: what the index is asked for, and what to highlight in a hit. */
export interface SearchQuery {
  /** Every one must prefix some token of the message (they intersect). */
  terms: string[];
  /** Folded words: a word of a hit starting with one of these is highlighted. */
  words: string[];
  /** Chinese/Japanese runs (folded): highlighted where they occur. */
  runs: string[];
}

/** Parses what the user typed: words become prefix terms; a Chinese/Japanese run its bigrams. */
export function parseQuery(query: string): SearchQuery {
  const terms = new Set<string>();
  const wordsOut = new Set<string>();
  for (const s of words(query)) {
    if (CJK.test(s.segment)) continue;
    const w = fold(s.segment);
    if (w === '') continue;
    const cut = w.length > MAX_WORD ? w.slice(0, MAX_WORD) : w;
    terms.add(cut);
    wordsOut.add(cut);
  }
  const runs = fold(query).match(CJK_RUN) ?? [];
  for (const run of runs) {
    const chars = [...run];
    if (chars.length === 1) terms.add(run);
    for (let i = 0; i + 1 < chars.length; i++) terms.add(`${chars[i]}${chars[i + 1]}`);
  }
  return { terms: [...terms], words: [...wordsOut], runs: [...new Set(runs)] };
}

/**
 * The parts of `text` to highlight for a query, as sorted, non-overlapping [start, end) offsets:
 * whole words starting with a query word, and each occurrence of a Chinese/Japanese run.
 */
export function highlightRanges(text: string, query: SearchQuery): [number, number][] {
  const ranges: [number, number][] = [];
  if (query.words.length > 0) {
    for (const s of wordSpans(text)) {
      if (query.words.some((w) => s.word.startsWith(w))) ranges.push([s.start, s.end]);
    }
  }
  if (query.runs.length > 0) {
    // Han and kana fold to themselves (only half-width kana widen), so the run is looked up in
    // the text as written.
    for (const run of query.runs) {
      for (let at = text.indexOf(run); at >= 0; at = text.indexOf(run, at + run.length)) {
        ranges.push([at, at + run.length]);
      }
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const prev = merged[merged.length - 1];
    if (prev && r[0] <= prev[1]) prev[1] = Math.max(prev[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}
