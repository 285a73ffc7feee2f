/**
 * The languages the DeepL peer offers, shaped like DeepL's `/v2/languages` and
 * `/v2/glossary-language-pairs` answers. Persian is offered for translation but, as on DeepL,
 * appears in no glossary language pair.
 */
export interface PeerLanguage {
  language: string;
  name: string;
  supports_formality?: boolean;
}

const BASE: [string, string][] = [
  ['AR', 'Arabic'],
  ['BG', 'Bulgarian'],
  ['CS', 'Czech'],
  ['DA', 'Danish'],
  ['DE', 'German'],
  ['EL', 'Greek'],
  ['EN', 'English'],
  ['ES', 'Spanish'],
  ['ET', 'Estonian'],
  ['FA', 'Persian'],
  ['FI', 'Finnish'],
  ['FR', 'French'],
  ['HE', 'Hebrew'],
  ['HU', 'Hungarian'],
  ['ID', 'Indonesian'],
  ['IT', 'Italian'],
  ['JA', 'Japanese'],
  ['KO', 'Korean'],
  ['LT', 'Lithuanian'],
  ['LV', 'Latvian'],
  ['NB', 'Norwegian Bokmål'],
  ['NL', 'Dutch'],
  ['PL', 'Polish'],
  ['PT', 'Portuguese'],
  ['RO', 'Romanian'],
  ['RU', 'Russian'],
  ['SK', 'Slovak'],
  ['SL', 'Slovenian'],
  ['SV', 'Swedish'],
  ['TH', 'Thai'],
  ['TR', 'Turkish'],
  ['UK', 'Ukrainian'],
  ['VI', 'Vietnamese'],
  ['ZH', 'Chinese'],
];

const FORMALITY = new Set(['DE', 'FR', 'IT', 'ES', 'NL', 'PL', 'PT-BR', 'PT-PT', 'JA', 'RU']);

export const SOURCE_LANGUAGES: PeerLanguage[] = BASE.map(([language, name]) => ({ language, name }));

export const TARGET_LANGUAGES: PeerLanguage[] = BASE.flatMap(([code, name]): [string, string][] => {
  if (code === 'EN')
    return [
      ['EN-GB', 'English (British)'],
      ['EN-US', 'English (American)'],
    ];
  if (code === 'PT')
    return [
      ['PT-BR', 'Portuguese (Brazilian)'],
      ['PT-PT', 'Portuguese (European)'],
    ];
  if (code === 'ZH')
    return [
      ['ZH', 'Chinese (simplified)'],
      ['ZH-HANS', 'Chinese (simplified)'],
      ['ZH-HANT', 'Chinese (traditional)'],
    ];
  return [[code, name]];
}).map(([language, name]) => ({ language, name, supports_formality: FORMALITY.has(language) }));

/** Lower-case base codes that glossaries support (every ordered pair among them). */
export const GLOSSARY_LANGUAGES = BASE.map(([c]) => c.toLowerCase()).filter((c) => c !== 'fa');

export function glossaryPairs(): { source_lang: string; target_lang: string }[] {
  const out: { source_lang: string; target_lang: string }[] = [];
  for (const s of GLOSSARY_LANGUAGES)
    for (const t of GLOSSARY_LANGUAGES) if (s !== t) out.push({ source_lang: s, target_lang: t });
  return out;
}

export const isSourceLanguage = (code: string): boolean =>
  SOURCE_LANGUAGES.some((l) => l.language === code.toUpperCase());
export const isTargetLanguage = (code: string): boolean =>
  TARGET_LANGUAGES.some((l) => l.language === code.toUpperCase());
