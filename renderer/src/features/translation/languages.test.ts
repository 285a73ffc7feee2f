import { describe, expect, it } from 'vitest';
import type { TranslationLanguage } from '../../../../shared/protocol/translation';
import { findLanguage, targetLanguages } from './languages';

const lang = (code: string, over: Partial<TranslationLanguage> = {}): TranslationLanguage => ({
  code,
  name: code,
  source: true,
  target: true,
  formality: false,
  glossary: true,
  ...over,
});

describe('language list from the server', () => {
  const list = [
    lang('en', { target: false }),
    lang('en-US', { source: false }),
    lang('fa', { glossary: false }),
    lang('pl'),
    lang('zh'),
  ];
  it('offers only DeepL targets as reading languages', () => {
    expect(targetLanguages(list).map((l) => l.code)).toEqual(['en-US', 'fa', 'pl', 'zh']);
  });
  it('finds a language by exact code, else by base, and tells what it lacks', () => {
    expect(findLanguage(list, 'EN-us')?.code).toBe('en-US');
    expect(findLanguage(list, 'pl-PL')?.code).toBe('pl');
    expect(findLanguage(list, 'fa')?.glossary).toBe(false);
    expect(findLanguage(list, 'xx')).toBeUndefined();
  });
});
