/**
 * The DeepL peer's "translation engine": deterministic, so tests can assert exact output.
 *
 * - A small phrase book of realistic trade phrases translates exactly between its languages.
 * - Anything else becomes `[TARGET] original`, with glossary terms replaced by their target
 *   terms. Translating a marked text into the language of its inner text strips the marker, so a
 *   back-translation of `[ZH] Hello` into English is `Hello` again.
 * - Text already in the target language comes back unchanged — and is billed, as on DeepL.
 */

type Phrase = Partial<Record<string, string>>;

/** Concept → language → phrase. English first: it wins ambiguous detections ("OK"). */
export const PHRASES: Phrase[] = [
  {
    en: 'Hello',
    pl: 'Dzień dobry',
    zh: '你好',
    pt: 'Olá',
    tr: 'Merhaba',
    ar: 'مرحبا',
    ru: 'Здравствуйте',
    fa: 'سلام',
    de: 'Guten Tag',
  },
  {
    en: 'Thank you',
    pl: 'Dziękuję',
    zh: '谢谢',
    pt: 'Obrigado',
    tr: 'Teşekkür ederim',
    ar: 'شكرا لك',
    ru: 'Спасибо',
    fa: 'متشکرم',
    de: 'Danke',
  },
  {
    en: 'Thanks',
    pl: 'Dzięki',
    zh: '谢谢',
    pt: 'Obrigado',
    tr: 'Teşekkürler',
    ar: 'شكرا',
    ru: 'Спасибо',
    fa: 'ممنون',
    de: 'Danke',
  },
  { en: 'OK', zh: '好的', ru: 'Хорошо', ar: 'حسنا', fa: 'باشه', tr: 'Tamam', pt: 'Certo', pl: 'Dobrze' },
  {
    en: 'What is the price?',
    pl: 'Jaka jest cena?',
    zh: '价格是多少？',
    pt: 'Qual é o preço?',
    tr: 'Fiyatı nedir?',
    ar: 'ما هو السعر؟',
    ru: 'Какая цена?',
    fa: 'قیمت چقدر است؟',
  },
  {
    en: 'What is the MOQ?',
    pl: 'Jakie jest minimalne zamówienie?',
    zh: '最小起订量是多少？',
    pt: 'Qual é o pedido mínimo?',
    tr: 'Minimum sipariş miktarı nedir?',
    ar: 'ما هو الحد الأدنى للطلب؟',
    ru: 'Какой минимальный заказ?',
    fa: 'حداقل سفارش چقدر است؟',
  },
  {
    en: 'Can you send a sample?',
    pl: 'Czy możecie wysłać próbkę?',
    zh: '可以寄样品吗？',
    pt: 'Pode enviar uma amostra?',
    tr: 'Numune gönderebilir misiniz?',
    ar: 'هل يمكنك إرسال عينة؟',
    ru: 'Можете отправить образец?',
    fa: 'می‌توانید نمونه بفرستید؟',
  },
  {
    en: 'Are the samples ready?',
    pl: 'Czy próbki są gotowe?',
    zh: '样品准备好了吗？',
    pt: 'As amostras estão prontas?',
    tr: 'Numuneler hazır mı?',
    ar: 'هل العينات جاهزة؟',
    ru: 'Образцы готовы?',
    fa: 'آیا نمونه‌ها آماده‌اند؟',
  },
  {
    en: 'When can you ship?',
    pl: 'Kiedy możecie wysłać towar?',
    zh: '什么时候可以发货？',
    pt: 'Quando pode enviar?',
    tr: 'Ne zaman gönderebilirsiniz?',
    ar: 'متى يمكنك الشحن؟',
    ru: 'Когда вы можете отправить?',
    fa: 'کی می‌توانید ارسال کنید؟',
  },
  {
    en: 'Payment received.',
    pl: 'Płatność otrzymana.',
    zh: '已收到付款。',
    pt: 'Pagamento recebido.',
    tr: 'Ödeme alındı.',
    ar: 'تم استلام الدفعة.',
    ru: 'Оплата получена.',
    fa: 'پرداخت دریافت شد.',
  },
  {
    en: 'Please send the invoice.',
    pl: 'Proszę przesłać fakturę.',
    zh: '请发送发票。',
    pt: 'Por favor, envie a fatura.',
    tr: 'Lütfen faturayı gönderin.',
    ar: 'يرجى إرسال الفاتورة.',
    ru: 'Пожалуйста, пришлите счёт.',
    fa: 'لطفاً فاکتور را ارسال کنید.',
  },
  {
    en: 'Good morning',
    pl: 'Dzień dobry rano',
    zh: '早上好',
    pt: 'Bom dia',
    tr: 'Günaydın',
    ar: 'صباح الخير',
    ru: 'Доброе утро',
    fa: 'صبح بخیر',
  },
];

const normalize = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/[.!?。！？؟]+$/u, '')
    .trim();

const INDEX = new Map<string, { lang: string; phrase: Phrase }[]>();
for (const phrase of PHRASES)
  for (const [lang, text] of Object.entries(phrase)) {
    if (text === undefined) continue;
    const key = normalize(text);
    const list = INDEX.get(key) ?? [];
    list.push({ lang, phrase });
    INDEX.set(key, list);
  }

const MARKER = /^\[([A-Z]{2,3}(?:-[A-Z]{2,4})?)\] ([\s\S]*)$/;

export const baseOf = (code: string): string => (code.split('-')[0] ?? code).toLowerCase();

/** DeepL-style detection by marker, phrase book and script. Returns a lower-case base code. */
export function detect(text: string): string {
  const m = MARKER.exec(text);
  if (m?.[1]) return baseOf(m[1]);
  const hits = INDEX.get(normalize(text));
  if (hits?.[0]) return hits[0].lang;
  if (/[\u3040-\u30ff]/u.test(text)) return 'ja';
  if (/[\uac00-\ud7af]/u.test(text)) return 'ko';
  if (/\p{Script=Han}/u.test(text)) return 'zh';
  if (/\p{Script=Arabic}/u.test(text)) return /[پچژگکی]/u.test(text) ? 'fa' : 'ar';
  if (/\p{Script=Cyrillic}/u.test(text)) return /[іїєґ]/iu.test(text) ? 'uk' : 'ru';
  if (/\p{Script=Greek}/u.test(text)) return 'el';
  if (/\p{Script=Hebrew}/u.test(text)) return 'he';
  if (/\p{Script=Thai}/u.test(text)) return 'th';
  if (/[ąćęłńśźż]/iu.test(text)) return 'pl';
  if (/[ğış]/iu.test(text)) return 'tr';
  if (/[ãõ]/iu.test(text)) return 'pt';
  if (/[äöüß]/iu.test(text)) return 'de';
  return 'en';
}

export interface GlossaryTerms {
  entries: [string, string][];
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function applyGlossary(text: string, glossary: GlossaryTerms | undefined): string {
  if (!glossary) return text;
  let out = text;
  // Longest terms first, so "FOB Shenzhen" wins over "FOB".
  const sorted = [...glossary.entries].sort((a, b) => b[0].length - a[0].length);
  for (const [source, target] of sorted) {
    const latin = /^[\p{Script=Latin}\d\s-]+$/u.test(source);
    const re = latin
      ? new RegExp(`(?<![\\p{L}\\d])${escapeRe(source)}(?![\\p{L}\\d])`, 'giu')
      : new RegExp(escapeRe(source), 'gu');
    out = out.replace(re, target);
  }
  return out;
}

/** Translates one text. `source` is a lower-case base code or null (auto-detect). */
export function translateOne(
  text: string,
  source: string | null,
  target: string,
  glossary?: GlossaryTerms,
): { text: string; detected: string } {
  const detected = source ?? detect(text);
  const targetBase = baseOf(target);
  if (detected === targetBase) return { text, detected };
  const m = MARKER.exec(text);
  if (m?.[2] !== undefined && detect(m[2]) === targetBase) return { text: m[2], detected };
  const hits = INDEX.get(normalize(text));
  const hit = hits?.find((h) => h.lang === detected) ?? (source === null ? hits?.[0] : undefined);
  const phrase = hit?.phrase[targetBase];
  if (phrase !== undefined && !glossary) return { text: phrase, detected };
  return { text: `[${target.toUpperCase()}] ${applyGlossary(text, glossary)}`, detected };
}
