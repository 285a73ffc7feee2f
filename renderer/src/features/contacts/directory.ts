/**
 * The contact directory (issue 11, the rail's Contacts): every contact, found by name, member id,
 * company or country — the country by its code ("CN") or its name in the reader's language
 * ("China", "Chiny", "الصين"). Pure: the caller passes the country names (directory.test.ts).
 */

/** What the directory needs to know about one contact. */
export interface DirectoryEntry {
  memberId: string;
  displayName: string;
  company: string;
  /** ISO 3166 two-letter code, or '' when not given. */
  country: string;
}

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * Whether every word of `query` is found in the entry's name, member id (with or without "@"),
 * company, country code or country name — accents and case aside.
 */
export function matchesDirectory(
  e: DirectoryEntry,
  query: string,
  countryName: (code: string) => string,
): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const fields = [e.displayName, e.memberId, `@${e.memberId}`, e.company];
  if (e.country) fields.push(e.country, countryName(e.country));
  const hay = fields.map(fold);
  return words.every((w) => hay.some((f) => f.includes(w)));
}

/** The directory's order: by name (then member id), in the reader's collation. */
export function directoryOrder(
  locale?: string,
): (
  a: Pick<DirectoryEntry, 'displayName' | 'memberId'>,
  b: Pick<DirectoryEntry, 'displayName' | 'memberId'>,
) => number {
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  return (a, b) => collator.compare(a.displayName, b.displayName) || a.memberId.localeCompare(b.memberId);
}

/** The matching entries in the directory's order. */
export function directoryList<E extends DirectoryEntry>(
  entries: readonly E[],
  query: string,
  countryName: (code: string) => string,
  locale?: string,
): E[] {
  return entries.filter((e) => matchesDirectory(e, query, countryName)).sort(directoryOrder(locale));
}
