/**
 * DeepL requests and characters billed per 1,000 incoming messages of a realistic mix, through
 * the real translation service (deepl-node → the DeepL peer, cache in PGlite), against the naive
 * baseline of one DeepL request per message. Run: `npx tsx bench/translation.ts` (or `npm run bench`).
 *
 * The mix (seeded, so every run is the same): trade phrases that many buyers send (repeated),
 * short replies ("ok", "thanks", "好的"), messages already in the reader's language, order
 * details that are unique, and a few long product specifications. Messages arrive in waves of
 * 25 concurrent `translate:texts` calls, as live delivery and catch-up sync produce them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as deepl from 'deepl-node';
import { openStore } from '../server/src/platform/db';
import { createDeeplEngine } from '../server/src/features/translation/engine';
import { createTranslationService } from '../server/src/features/translation/service';
import { createSqlTranslationStore } from '../server/src/features/translation/store';
import { deeplTargetCode } from '../shared/domain/language';
import { startDeeplPeer } from '../test/peers/deepl';

interface Incoming {
  reader: string;
  readLang: string;
  text: string;
  /** The sender's declared language, when its client set one. */
  lang?: string;
}

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PHRASES: Record<string, string[]> = {
  zh: [
    '价格是多少？',
    '可以寄样品吗？',
    '什么时候可以发货？',
    '已收到付款。',
    '请发送发票。',
    '早上好',
    '最小起订量是多少？',
  ],
  pl: [
    'Jaka jest cena?',
    'Czy możecie wysłać próbkę?',
    'Kiedy możecie wysłać towar?',
    'Płatność otrzymana.',
    'Proszę przesłać fakturę.',
  ],
  en: [
    'What is the price?',
    'Can you send a sample?',
    'When can you ship?',
    'Payment received.',
    'Please send the invoice.',
    'What is the MOQ?',
  ],
  tr: ['Fiyatı nedir?', 'Numune gönderebilir misiniz?', 'Ne zaman gönderebilirsiniz?'],
  pt: ['Qual é o preço?', 'Pode enviar uma amostra?', 'Quando pode enviar?'],
};
const SHORT: Record<string, string[]> = {
  zh: ['好的', '谢谢', '收到', '没问题'],
  pl: ['Dzięki', 'Dobrze', 'Tak'],
  en: ['ok', 'OK', 'thanks', 'Thanks!', 'yes', 'great', 'noted'],
  tr: ['Tamam', 'Teşekkürler'],
  pt: ['Obrigado', 'Certo'],
};
const READERS: { id: string; lang: string }[] = [
  ...['b-pl-1', 'b-pl-2', 'b-pl-3'].map((id) => ({ id, lang: 'pl' })),
  ...['b-en-1', 'b-en-2'].map((id) => ({ id, lang: 'en' })),
  { id: 'b-pt-1', lang: 'pt' },
  { id: 'b-tr-1', lang: 'tr' },
  ...['s-zh-1', 's-zh-2', 's-zh-3'].map((id) => ({ id, lang: 'zh' })),
];

function makeMix(n: number, random: () => number): Incoming[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const out: Incoming[] = [];
  for (let i = 0; i < n; i++) {
    const reader = pick(READERS);
    // Buyers mostly hear from Chinese sellers; sellers from buyers in several languages.
    const from = reader.lang === 'zh' ? pick(['pl', 'en', 'en', 'tr', 'pt']) : pick(['zh', 'zh', 'zh', 'en']);
    const declared = random() < 0.7; // older clients do not send `lang`
    const r = random();
    let text: string;
    let lang = from;
    if (r < 0.35) text = pick(PHRASES[from] ?? PHRASES.en!);
    else if (r < 0.55) text = pick(SHORT[from] ?? SHORT.en!);
    else if (r < 0.72) {
      // Already in the reader's language (a colleague, or a seller who writes the buyer's language).
      lang = reader.lang;
      text = pick([...(PHRASES[reader.lang] ?? []), ...(SHORT[reader.lang] ?? [])]);
    } else if (r < 0.96) {
      const qty = 100 * (1 + Math.floor(random() * 50));
      const order = 10000 + Math.floor(random() * 90000);
      text =
        from === 'zh'
          ? `订单 ${order}：${qty} 件，单价 ${(random() * 10).toFixed(2)} 美元，预计 ${1 + Math.floor(random() * 28)} 号发货。`
          : `Order ${order}: ${qty} pcs at USD ${(random() * 10).toFixed(2)}, please confirm delivery by day ${1 + Math.floor(random() * 28)}.`;
    } else {
      const spec =
        from === 'zh'
          ? '产品规格：材质 304 不锈钢，厚度 0.8 毫米，表面拉丝处理，包装为单个彩盒，每箱 24 件，外箱尺寸 60×40×35 厘米。'
          : 'Specification: 304 stainless steel, 0.8 mm thickness, brushed finish, individual colour box, 24 pcs per carton, carton size 60x40x35 cm. ';
      text = `${spec.repeat(4 + Math.floor(random() * 20))}(rev ${Math.floor(random() * 1000)})`;
    }
    out.push({ reader: reader.id, readLang: reader.lang, text, ...(declared ? { lang } : {}) });
  }
  return out;
}

const fmt = (n: number): string => n.toLocaleString('en-US');

export async function run(): Promise<void> {
  const messages = makeMix(1000, rng(20260501));
  const totalChars = messages.reduce((n, m) => n + [...m.text].length, 0);

  // Naive baseline: one DeepL request per incoming message, measured against the same peer.
  const naivePeer = await startDeeplPeer();
  const naive = new deepl.Translator('bench-key', { serverUrl: naivePeer.url, maxRetries: 1 });
  for (const m of messages)
    await naive.translateText(m.text, null, deeplTargetCode(m.readLang) as deepl.TargetLanguageCode);
  const naiveStats = naivePeer.stats();
  await naivePeer.close();

  // Tradewind: the real service, PGlite cache, the same peer behaviour.
  const peer = await startDeeplPeer();
  const dir = await mkdtemp(join(tmpdir(), 'tradewind-bench-'));
  const store = await openStore({ dataDir: dir });
  const service = createTranslationService({
    engine: createDeeplEngine({ authKey: 'bench-key', serverUrl: peer.url }),
    store: createSqlTranslationStore(store),
  });
  const started = performance.now();
  let translated = 0;
  let original = 0;
  let failed = 0;
  for (let i = 0; i < messages.length; i += 25) {
    const wave = messages.slice(i, i + 25);
    const results = await Promise.all(
      wave.map((m, j) =>
        service.translateTexts(m.reader, {
          items: [{ id: String(i + j), text: m.text, ...(m.lang ? { sourceLang: m.lang } : {}) }],
          targetLang: m.readLang,
        }),
      ),
    );
    for (const r of results)
      for (const item of r.items) {
        if (item.state === 'translated') translated++;
        else if (item.state === 'original') original++;
        else failed++;
      }
  }
  const ms = performance.now() - started;
  const s = peer.stats();
  const st = service.stats();
  await service.close();
  await store.close();
  await peer.close();
  await rm(dir, { recursive: true, force: true });

  const pct = (a: number, b: number): string => `${(100 - (100 * a) / b).toFixed(1)} %`;
  console.log(`\nTranslation: 1,000 incoming messages (${fmt(totalChars)} characters), realistic mix\n`);
  console.table({
    'naive: 1 request per message': {
      'DeepL requests': naiveStats.translateRequests,
      'characters billed': naiveStats.billedCharacters,
      'texts sent': naiveStats.textsTranslated,
    },
    'Tradewind service': {
      'DeepL requests': s.translateRequests,
      'characters billed': s.billedCharacters,
      'texts sent': s.textsTranslated,
    },
    saved: {
      'DeepL requests': pct(s.translateRequests, naiveStats.translateRequests),
      'characters billed': pct(s.billedCharacters, naiveStats.billedCharacters),
      'texts sent': pct(s.textsTranslated, naiveStats.textsTranslated),
    },
  });
  console.table({
    outcome: { translated, 'shown as original (same language / empty)': original, failed },
    'where answers came from': {
      'memory cache': st.memoryHits,
      'shared table': st.storeHits,
      'joined in-flight': st.inFlightJoins,
      'skipped same language': st.skippedSameLanguage,
    },
  });
  console.log(
    `largest request: ${s.maxTextsPerRequest} texts, ${fmt(s.maxBodyBytes)} bytes; wall time ${ms.toFixed(0)} ms (not a gate)\n`,
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
