/**
 * Pure rules of quick replies in the composer: which reply a typed `/query` offers, where the
 * `/query` is, and filling a reply's placeholders — `{name}` (the partner's display name),
 * `{order}` (the conversation's current order number), `{me}` (my display name).
 */

/** The placeholders a reply may hold, as written in it (case does not matter: `{Name}` too). */
export const PLACEHOLDERS = ['name', 'order', 'me'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** What each placeholder stands for here; null = not known (e.g. no order in this conversation). */
export type PlaceholderValues = Record<Placeholder, string | null>;

export interface Filled {
  text: string;
  /**
   * The first placeholder left as written because its value is not known, as [start, end) in
   * `text`: the composer selects it so the user types over it. null when every one was filled.
   */
  unfilled: [number, number] | null;
}

const PLACEHOLDER = /\{(name|order|me)\}/gi;

/** Fills the known placeholders of `text`; unknown words in braces are left alone. */
export function fillPlaceholders(text: string, values: PlaceholderValues): Filled {
  let out = '';
  let last = 0;
  let unfilled: [number, number] | null = null;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const key = (m[1] ?? '').toLowerCase() as Placeholder;
    const value = values[key];
    out += text.slice(last, m.index);
    if (value === null || value === '') {
      unfilled ??= [out.length, out.length + m[0].length];
      out += m[0];
    } else out += value;
    last = m.index + m[0].length;
  }
  return { text: out + text.slice(last), unfilled };
}

/** Lower case without accents, so "envio" finds "Envío" and "ZAMÓWIENIE" finds "zamówienie". */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

export interface Named {
  name: string;
  text: string;
}

/**
 * The replies a query offers, best first: a name that starts with it, then a word of the name
 * that starts with it, then a name that contains it, then a text that contains it; by name within
 * each. An empty query offers every reply by name.
 */
export function matchReplies<R extends Named>(replies: readonly R[], query: string, locale?: string): R[] {
  const q = fold(query.trim());
  const scored: { r: R; score: number }[] = [];
  for (const r of replies) {
    const name = fold(r.name);
    let score: number;
    if (q === '' || name.startsWith(q)) score = 0;
    else if (name.split(/[\s\-_/.,]+/u).some((w) => w.startsWith(q))) score = 1;
    else if (name.includes(q)) score = 2;
    else if (fold(r.text).includes(q)) score = 3;
    else continue;
    scored.push({ r, score });
  }
  return scored.sort((a, b) => a.score - b.score || a.r.name.localeCompare(b.r.name, locale)).map((s) => s.r);
}

/** The `/query` being typed: where its slash is and what follows it up to the caret. */
export interface SlashQuery {
  /** Index of the `/` in the text. */
  start: number;
  /** The text between the `/` and the caret. */
  query: string;
}

/** Longest query still looked up (a reply name is at most 40 characters; then it is a message). */
const MAX_QUERY = 40;

/**
 * A `/` at the start of the caret's line (the start of the message, or after a line break) with
 * the caret after it on the same line opens the quick replies. Returns null otherwise.
 */
export function slashQueryAt(text: string, caret: number): SlashQuery | null {
  if (caret < 1 || caret > text.length) return null;
  const start = text.lastIndexOf('\n', caret - 1) + 1;
  if (text[start] !== '/') return null;
  const query = text.slice(start + 1, caret);
  if (query.length > MAX_QUERY || query.startsWith(' ') || query.startsWith('/')) return null;
  return { start, query };
}

/** `text` with [from, to) replaced by `insert`, and where the caret or selection goes after it. */
export function insertAt(
  text: string,
  from: number,
  to: number,
  filled: Filled,
): { text: string; selection: [number, number] } {
  const next = text.slice(0, from) + filled.text + text.slice(to);
  const selection: [number, number] = filled.unfilled
    ? [from + filled.unfilled[0], from + filled.unfilled[1]]
    : [from + filled.text.length, from + filled.text.length];
  return { text: next, selection };
}
