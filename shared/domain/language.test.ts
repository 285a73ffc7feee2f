import { describe, expect, it } from 'vitest';
import { baseLanguage, deeplTargetCode, detectLanguage, isAlreadyIn, sameLanguage } from './language';

describe('detectLanguage', () => {
  it.each([
    ['价格是多少？', 'zh'],
    ['MOQ 是多少？', 'zh'],
    ['サンプルを送ってください', 'ja'],
    ['샘플을 보내주세요', 'ko'],
    ['ما هو السعر؟', 'ar'],
    ['قیمت چقدر است؟', 'fa'],
    ['Какая цена?', 'ru'],
    ['Яка ціна?', 'uk'],
    ['Płatność otrzymana, dziękujemy', 'pl'],
    ['Proszę o cenę za sztukę', null],
    ['Fiyatı nedir? Teşekkürler', 'tr'],
    ['Sunteţi bine? Aşa', null],
  ])('%s → %s', (text, lang) => {
    expect(detectLanguage(text)).toBe(lang);
  });

  it.each([
    'ok',
    'What is the price?',
    'Jaka jest cena',
    'SKU-2231 x 500',
    '12345',
    '',
    '   ',
    'https://example.com/x',
  ])('does not guess for %j', (text) => {
    expect(detectLanguage(text)).toBeNull();
  });

  it('a Latin sentence with one CJK character is not Chinese', () => {
    expect(detectLanguage('Please label the carton 中 on top, thank you')).toBeNull();
  });
});

describe('codes', () => {
  it('bases and compares', () => {
    expect(baseLanguage('ZH-HANT')).toBe('zh');
    expect(sameLanguage('en-GB', 'en')).toBe(true);
    expect(sameLanguage('pt-BR', 'pl')).toBe(false);
  });
  it('never hands DeepL a deprecated bare target', () => {
    expect(deeplTargetCode('en')).toBe('en-US');
    expect(deeplTargetCode('pt')).toBe('pt-BR');
    expect(deeplTargetCode('en-gb')).toBe('en-GB');
    expect(deeplTargetCode('ZH')).toBe('zh');
  });
  it('isAlreadyIn prefers the declared language', () => {
    expect(isAlreadyIn('hello', 'en-US', 'en')).toBe(true);
    expect(isAlreadyIn('价格', 'zh')).toBe(true);
    expect(isAlreadyIn('价格', 'pl')).toBe(false);
    expect(isAlreadyIn('hello', 'pl')).toBeNull();
  });
});
