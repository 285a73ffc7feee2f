/**
 * What every text field of a request accepts, in one place (docs/protocol.md § Text fields).
 *
 * - **No control characters**: C0 (U+0000–U+001F) is refused everywhere, except tab, line feed
 *   and carriage return in multi-line fields (message text, translations, notes). PostgreSQL
 *   cannot store U+0000 in `text` or `jsonb`, so before these rules a NUL reached the store and
 *   failed there as `internal` — which a client retries forever.
 * - **Well-formed Unicode**: no lone surrogate (an unpaired UTF-16 code unit, U+D800–U+DFFF).
 *   UTF-8 has no form for one; storing it would silently turn it into U+FFFD, and in a hashed
 *   field the stored message would no longer match its hash (docs/evidence.md § Primitives).
 * - **No leading U+FEFF** (byte order mark, zero-width no-break space): PGlite's reader drops it
 *   from the start of every text value, so on the embedded store a hashed field would come back
 *   different from what was hashed. Elsewhere in a text it is kept and allowed; fields that trim
 *   remove it with the white space.
 * - **A length** in UTF-16 code units ("characters"), after trimming where the field trims.
 *
 * Every refusal is `bad_request` (or `too_large` for a length) with a sentence naming the field.
 */
import { z } from 'zod';

/**
 * True when `s` has no lone surrogate: `String.prototype.isWellFormed()`, written so that it runs
 * in Node 20 and every browser and type-checks against ES2023.
 */
export function isWellFormed(s: string): boolean {
  return !/\p{Cs}/u.test(s);
}

/** The refusal sentence for a lone surrogate, naming the field. */
export const notWellFormed = (field: string): string =>
  `The ${field} contains a lone surrogate (an unpaired UTF-16 code unit, U+D800–U+DFFF); send well-formed Unicode text.`;

/** The refusal sentence for a control character, naming the field and the character. */
export const controlCharacter = (field: string, codePoint: number): string =>
  codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d
    ? `The ${field} cannot contain tabs or line breaks.`
    : `The ${field} contains a control character (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}), which is not allowed; remove it.`;

/** The refusal sentence for a text that begins with U+FEFF, naming the field. */
export const leadingByteOrderMark = (field: string): string =>
  `The ${field} begins with U+FEFF (a byte order mark, an invisible character), which is not allowed; remove it.`;

/** C0 controls; in multi-line text tab (U+0009), line feed (U+000A) and carriage return (U+000D) are allowed. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SINGLE_LINE_CONTROL = /[\u0000-\u001f]/;
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

/**
 * Typed or pasted text made acceptable to the multi-line rules, for a composer: vertical tab and
 * form feed (what some word processors paste for a line break) become line feeds, other C0
 * controls are dropped, a lone surrogate becomes U+FFFD, a leading U+FEFF (pasted from a file
 * saved with a byte order mark) is dropped. Tab, LF, CR and everything else stay.
 * So a message never enters the outbox only to be refused by the server.
 */
export function cleanTypedText(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex -- vertical tab and form feed are what this replaces
      .replace(/[\u000b\u000c]/g, '\n')
      .replace(new RegExp(MULTI_LINE_CONTROL.source, 'g'), '')
      .replace(/\p{Cs}/gu, '\ufffd')
      .replace(/^\ufeff+/, '')
  );
}

/** The first character a field of that kind refuses, as a code point, or null. */
export function firstControlCharacter(s: string, multiline: boolean): number | null {
  const m = (multiline ? MULTI_LINE_CONTROL : SINGLE_LINE_CONTROL).exec(s);
  return m ? m[0].charCodeAt(0) : null;
}

/** The problem with a text's content (not its length) as a sentence naming the field, or null if it is fine. */
export function textProblem(s: string, field: string, multiline = false): string | null {
  const control = firstControlCharacter(s, multiline);
  if (control !== null) return controlCharacter(field, control);
  if (!isWellFormed(s)) return notWellFormed(field);
  if (s.startsWith('\ufeff')) return leadingByteOrderMark(field);
  return null;
}

/**
 * The content rules as a zod refinement for any string schema (e.g. `z.url()`), naming the
 * field: `z.url().superRefine(textContent('product link'))`.
 */
export const textContent =
  (field: string, multiline = false) =>
  (s: string, ctx: z.RefinementCtx<string>): void => {
    const problem = textProblem(s, field, multiline);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };

export interface TextRule {
  /** The field as the refusal sentences name it: "message text", "display name". */
  field: string;
  /** Most characters (UTF-16 code units), after trimming if `trim`. */
  max: number;
  /** Fewest characters after trimming if `trim`; default 0. */
  min?: number;
  /** Tab, line feed and carriage return allowed (message text, translations, notes). */
  multiline?: boolean;
  /** Leading and trailing white space is removed before the length and content checks. */
  trim?: boolean;
  /** The sentence for a text over `max`; default "The <field> has at most <max> characters." */
  tooLong?: string;
  /** The sentence for a text under `min`; default "The <field> cannot be empty." */
  tooShort?: string;
}

/** A string schema that applies the text rules (module comment) to one field. */
export function text(rule: TextRule) {
  let s = z.string();
  if (rule.trim) s = s.trim();
  if (rule.min !== undefined && rule.min > 0)
    s = s.min(
      rule.min,
      rule.tooShort ??
        (rule.min === 1
          ? `The ${rule.field} cannot be empty.`
          : `The ${rule.field} has at least ${rule.min} characters.`),
    );
  s = s.max(rule.max, rule.tooLong ?? `The ${rule.field} has at most ${rule.max} characters.`);
  return s.superRefine(textContent(rule.field, rule.multiline));
}
