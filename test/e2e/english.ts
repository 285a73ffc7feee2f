/**
 * "No English left" (issue 12): what on the page is still English when the window speaks another
 * language. Two nets, both derived from the catalogues rather than written by hand:
 *
 * 1. every English string (or sentence pattern, placeholders as wildcards) whose translation in
 *    the language differs and that is not also a string of that language: seen verbatim on the
 *    page, it is a string the page did not translate;
 * 2. a text of two or more words that are all English words of the catalogue and none a word of
 *    the language's catalogue: English assembled elsewhere (a hard-coded label, a fallback).
 *
 * Two more, for English that no catalogue holds (issue 12, what the first two missed):
 *
 * 3. an IANA zone id ("Asia/Shanghai") or the English city in one ("Shanghai", "Sao Paulo") that
 *    the language does not spell the same way: the clocks and the profile card named zones so;
 * 4. a native date or time field: Chromium draws "mm/dd/yyyy" and its picker in the browser's
 *    locale, whatever the app's language, inside the field where no text node shows it.
 *
 * A country's name in the language ("Singapore", "Andorra" in Romanian, from Intl in the page) is
 * not an English city. Visible text nodes and the accessible names, titles, placeholders and option labels of visible
 * elements are read. User content (names, companies, messages the spec typed) is passed in and
 * left out. `englishLeft` on a page still in English must find plenty: the specs check it can fail.
 */
import type { Page } from '@playwright/test';
import { catalogues } from '../../renderer/src/app/catalogues';

type Lang = keyof typeof catalogues;

function flatten(node: object, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v as object, key, out);
  }
  return out;
}

const normal = (s: string): string => s.replace(/\s+/g, ' ').trim();
const words = (s: string): string[] => s.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Nets {
  literals: string[];
  patterns: string[];
  vocabulary: string[];
  /** IANA zone ids, and the English cities in them that the language spells otherwise. */
  zoneIds: string[];
  cities: string[];
}

/** The two nets for `lang`, built from the English and that language's catalogues. */
export function englishNets(lang: Lang): Nets {
  const en = flatten(catalogues.en);
  const other = flatten(catalogues[lang]);
  const theirs = new Set([...other.values()].map(normal));
  const theirWords = new Set([...other.values()].flatMap((v) => words(v.replace(/\{\{[^}]*\}\}/g, ''))));
  const literals = new Set<string>();
  const patterns = new Set<string>();
  for (const [key, value] of en) {
    const v = normal(value);
    if (other.get(key) !== undefined && normal(other.get(key) ?? '') === v) continue; // the same word there
    if (theirs.has(v)) continue; // also a string of that language ("Online" in Romanian)
    if (!v.includes('{{')) {
      if (/\p{L}{3,}/u.test(v)) literals.add(v);
      continue;
    }
    // A sentence with placeholders: only with enough fixed English to tell it apart.
    const fixed = v.replace(/\{\{[^}]*\}\}/g, '');
    if ((fixed.match(/\p{L}/gu) ?? []).length < 6) continue;
    patterns.add(
      `^${v
        .split(/\{\{[^}]*\}\}/)
        .map(escape)
        .join('.+?')}$`,
    );
  }
  const vocabulary = new Set(
    [...en.values()].flatMap((v) => words(v.replace(/\{\{[^}]*\}\}/g, ''))).filter((w) => !theirWords.has(w)),
  );
  // Etc/GMT+8 and the like: no city, and their tail is the offset every language writes.
  const zoneIds = Intl.supportedValuesOf('timeZone').filter((z) => z.includes('/') && !z.startsWith('Etc/'));
  const theirText = [...other.values()].join('\n');
  const cities = [...new Set(zoneIds.map((z) => (z.split('/').pop() ?? z).replace(/_/g, ' ')))].filter(
    (c) => c.length >= 4 && !theirText.includes(c),
  );
  return {
    literals: [...literals],
    patterns: [...patterns],
    vocabulary: [...vocabulary],
    zoneIds,
    cities,
  };
}

/** What on the page is English in a window that speaks `lang`, each with where it was read. */
export async function englishLeft(page: Page, lang: Lang, userContent: readonly string[]): Promise<string[]> {
  const nets = englishNets(lang);
  return page.evaluate(
    ({ lang, literals, patterns, vocabulary, zoneIds, cities, userContent }) => {
      const norm = (s: string): string => s.replace(/\s+/g, ' ').trim();
      const literal = new Set(literals);
      const regexes = patterns.map((p) => new RegExp(p, 'u'));
      const vocab = new Set(vocabulary);
      const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const city = new RegExp(`(?<!\\p{L})(?:${cities.map(esc).join('|')})(?!\\p{L})`, 'u');
      const user = userContent.map(norm).filter((u) => u !== '');
      const regions = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
      const countries = new Set<string>();
      for (let a = 65; a <= 90; a++)
        for (let b = 65; b <= 90; b++) {
          const name = regions.of(String.fromCharCode(a, b));
          if (name) countries.add(norm(name));
        }
      const seen: [string, string][] = [];
      const visible = (el: Element): boolean => el.checkVisibility({ visibilityProperty: true });
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const parent = n.parentElement;
        if (!parent || ['SCRIPT', 'STYLE', 'OPTION'].includes(parent.tagName) || !visible(parent)) continue;
        seen.push(['text', n.textContent ?? '']);
      }
      for (const el of document.body.querySelectorAll('*')) {
        if (!visible(el)) continue;
        for (const attr of [
          'aria-label',
          'title',
          'placeholder',
          'alt',
          'aria-valuetext',
          'aria-description',
        ])
          if (el.hasAttribute(attr)) seen.push([attr, el.getAttribute(attr) ?? '']);
        if (el instanceof HTMLSelectElement)
          for (const o of el.options) seen.push(['option', o.label || o.text]);
      }
      const found = new Set<string>();
      for (const input of document.body.querySelectorAll('input'))
        if (['date', 'datetime-local', 'month', 'week', 'time'].includes(input.type) && visible(input))
          found.add(
            `a native ${input.type} field, in the browser's locale: “${norm(input.labels?.[0]?.textContent ?? input.name)}”`,
          );
      for (const [where, raw] of seen) {
        const s = norm(raw);
        if (s === '' || user.some((u) => s.includes(u) || u.includes(s))) continue;
        const ws = s.toLowerCase().match(/\p{L}{2,}/gu) ?? [];
        if (literal.has(s) || regexes.some((r) => r.test(s))) found.add(`${where}: “${s}”`);
        else if (zoneIds.some((z) => s.includes(z))) found.add(`${where} (a zone id): “${s}”`);
        else if (cities.length > 0 && !countries.has(s) && city.test(s))
          found.add(`${where} (an English city): “${s}”`);
        else if (ws.length >= 2 && ws.every((w) => vocab.has(w)))
          found.add(`${where} (English words): “${s}”`);
      }
      return [...found];
    },
    { ...nets, lang, userContent: [...userContent] },
  );
}
