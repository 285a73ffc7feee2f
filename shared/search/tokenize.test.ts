import { describe, expect, it } from 'vitest';
import { fold, highlightRanges, indexTokens, parseQuery, wordSpans } from './tokenize';

/** Does the query find the text, the way the index answers (every term prefixes some token)? */
function finds(query: string, text: string): boolean {
  const tokens = indexTokens(text);
  const { terms } = parseQuery(query);
  return terms.length > 0 && terms.every((t) => tokens.some((w) => w.startsWith(t)));
}

const marked = (text: string, query: string): string[] =>
  highlightRanges(text, parseQuery(query)).map(([a, b]) => text.slice(a, b));

describe('fold', () => {
  it.each([
    // Polish
    ['Próbki', 'probki'],
    ['ŁÓDŹ żółć', 'lodz zolc'],
    // Romanian: comma below and the cedilla forms people type on older keyboards
    ['Ștefan ţară țară Şi', 'stefan tara tara si'],
    // Turkish dotted and dotless i
    ['İSTANBUL ılık Işık', 'istanbul ilik isik'],
    // German
    ['Straße Größe', 'strasse grosse'],
    // Portuguese and French
    ['Não, preço à vista', 'nao, preco a vista'],
    // Cyrillic: case and ё/й lose their marks
    ['Ёлка ЙОГУРТ Образец', 'елка иогурт образец'],
    // fullwidth letters and digits (Chinese input methods)
    ['ＩＰ６５', 'ip65'],
  ])('%s → %s', (input, out) => {
    expect(fold(input)).toBe(out);
  });

  it('Arabic: tashkeel, tatweel and alef forms go; hamza carriers fold to their letter', () => {
    expect(fold('مُحَمَّد')).toBe('محمد');
    expect(fold('عـــينة')).toBe(fold('عينة'));
    expect(fold('أحمد إلى آخر ٱلكتاب')).toBe('احمد الي اخر الكتاب');
    expect(fold('مسؤول')).toBe('مسوول');
    expect(fold('مدينة')).toBe('مدينه');
  });

  it('Persian and Arabic letter variants and digits unify', () => {
    // Persian yeh and kaf vs Arabic yeh and kaf
    expect(fold('کیفیت')).toBe(fold('كيفيت'));
    expect(fold('ی')).toBe(fold('ى'));
    // zero-width non-joiner inside a Persian word
    expect(fold('می‌توانید')).toBe(fold('میتوانید'));
    // Persian and Arabic-Indic digits
    expect(fold('۱۲۳۴۵۶۷۸۹۰')).toBe('1234567890');
    expect(fold('٠١٢٣٤٥٦٧٨٩')).toBe('0123456789');
  });

  it('keeps what distinguishes words: kana voicing, Hangul syllables, Han', () => {
    expect(fold('バッグ')).toBe('バッグ');
    expect(fold('バッグ')).not.toBe(fold('ハック'));
    expect(fold('샘플')).toBe('샘플');
    expect(fold('样品')).toBe('样品');
  });
});

describe('indexTokens and parseQuery', () => {
  it('"probki" finds "próbki", and the other way round', () => {
    expect(finds('probki', 'Czy możecie wysłać 3 próbki do Warszawy?')).toBe(true);
    expect(finds('próbki', 'probki wyslane')).toBe(true);
    expect(finds('prob', 'Próbki dotarły')).toBe(true); // prefix
    expect(finds('probka', 'Próbki dotarły')).toBe(false);
  });

  it('product codes: "IP65" is one word, found by prefix and in any case', () => {
    const text = '5米24V IP65暖白灯带';
    expect(indexTokens(text)).toEqual(expect.arrayContaining(['ip65', '24v']));
    expect(finds('IP65', text)).toBe(true);
    expect(finds('ip6', 'LED strip 5 m, 24 V, IP65, warm white')).toBe(true);
    expect(finds('ＩＰ６５', 'IP65')).toBe(true);
    expect(finds('IP67', 'IP65')).toBe(false);
  });

  it('Chinese without spaces: whole words and parts of dictionary words', () => {
    const text = '您好！最小起订量是500卷，单价3.20美元（FOB深圳）。';
    expect(finds('起订量', text)).toBe(true);
    // part of a dictionary word, across the segmenter's cuts
    expect(finds('订量', text)).toBe(true);
    expect(finds('深圳', text)).toBe(true);
    expect(finds('圳', text)).toBe(true); // the last character of a run, alone
    expect(finds('起', text)).toBe(true); // a single character is a prefix of a bigram
    expect(finds('广州', text)).toBe(false);
    expect(finds('单价 FOB', text)).toBe(true);
    expect(finds('单价 CIF', text)).toBe(false);
    // a query of characters that all occur, but not next to each other
    expect(finds('好量', text)).toBe(false);
  });

  it('Japanese: kana and kanji runs', () => {
    const text = 'サンプルを送ってください。防水等級はIP65です';
    expect(finds('サンプル', text)).toBe(true);
    expect(finds('送って', text)).toBe(true);
    expect(finds('等級', text)).toBe(true);
    expect(finds('ip65', text)).toBe(true);
    expect(finds('カタログ', text)).toBe(false);
  });

  it('Arabic and Persian, with and without diacritics and variant letters', () => {
    expect(finds('عينة', 'هل يمكنك إرسال عَيِّنَة؟')).toBe(true);
    expect(finds('ارسال', 'هل يمكنك إرسال عينة؟')).toBe(true);
    // Persian typed with Arabic yeh/kaf finds Persian letters, and the reverse
    expect(finds('كيفيت', 'کیفیت نمونه خوب است')).toBe(true);
    expect(finds('میتوانید', 'می‌توانید نمونه بفرستید؟')).toBe(true);
    // Persian digits found by ASCII digits
    expect(finds('300', 'حداقل سفارش ۳۰۰ عدد')).toBe(true);
  });

  it('Cyrillic, Turkish, Romanian, Portuguese', () => {
    expect(finds('образец', 'Можете отправить ОБРАЗЕЦ?')).toBe(true);
    expect(finds('ёлка', 'елка')).toBe(true);
    expect(finds('numune', 'Numune gönderebilir misiniz?')).toBe(true);
    expect(finds('gonderebilir', 'Numune gönderebilir misiniz?')).toBe(true);
    expect(finds('ISIK', 'ışık')).toBe(true);
    expect(finds('mostre', 'Puteți trimite mostre? Ştim că e scump')).toBe(true);
    expect(finds('stim', 'Ştim că e scump')).toBe(true);
    expect(finds('preco', 'Qual é o preço?')).toBe(true);
  });

  it('several words intersect; punctuation alone is no query', () => {
    expect(finds('led warm', 'LED strip, warm white')).toBe(true);
    expect(finds('led cold', 'LED strip, warm white')).toBe(false);
    expect(parseQuery('  ?! … ').terms).toEqual([]);
  });

  it('long words are cut, still found by their start', () => {
    const link = `https://example.com/${'a'.repeat(200)}`;
    expect(indexTokens(link).every((w) => w.length <= 48)).toBe(true);
    expect(finds('aaaa', link)).toBe(true);
  });
});

describe('highlightRanges', () => {
  it('marks whole words in the text as written, folded or not', () => {
    expect(marked('Czy możecie wysłać 3 próbki do Warszawy?', 'probki')).toEqual(['próbki']);
    expect(marked('Próbki i PRÓBKI', 'prob')).toEqual(['Próbki', 'PRÓBKI']);
    expect(marked('LED strip, IP65', 'ip led')).toEqual(['LED', 'IP65']);
  });

  it('marks a Chinese run where it occurs, across dictionary words', () => {
    const text = '最小起订量是500卷';
    expect(marked(text, '订量')).toEqual(['订量']);
    expect(marked(text, '起订量 500')).toEqual(['起订量', '500']);
  });

  it('right-to-left text keeps its logical offsets', () => {
    const text = 'هل يمكنك إرسال عينة؟';
    expect(marked(text, 'ارسال')).toEqual(['إرسال']);
    const spans = wordSpans(text);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['هل', 'يمكنك', 'إرسال', 'عينة']);
  });
});
