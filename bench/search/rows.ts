/**
 * Deterministic bilingual trade messages for bench/search.ts: a Chinese seller and a Polish buyer,
 * each message with its sender-approved translation (as messages sent with the preview carry),
 * numbers, product codes and SKUs varied so the vocabulary grows with the history.
 */
import type { MessageRow } from '../../renderer/src/db/schema';

export const CONVERSATIONS = Array.from({ length: 10 }, (_, i) => `dm:buyer-pl:seller-${i}`);

type Pair = [zh: string, pl: string];
const PAIRS: ((n: () => number) => Pair)[] = [
  (n) => [
    `您好！${n() % 10}米${12 + (n() % 3) * 12}V IP${[20, 44, 65, 67][n() % 4]}暖白灯带的最小起订量是${n() % 900}卷，单价${n() % 9}.${n() % 99}美元（FOB深圳）。`,
    `Dzień dobry! Minimalne zamówienie taśmy LED to ${n() % 900} rolek, cena ${n() % 9}.${n() % 99} USD (FOB Shenzhen).`,
  ],
  (n) => [
    `样品准备好了吗？我们明天寄出${n() % 20}个样品，快递单号SF${n()}。`,
    `Czy próbki są gotowe? Jutro wyślemy ${n() % 20} próbek, numer przesyłki SF${n()}.`,
  ],
  (n) => [
    `付款已收到，订单${n() % 90000}将在${n() % 30}天内发货。`,
    `Płatność otrzymana, zamówienie ${n() % 90000} zostanie wysłane w ciągu ${n() % 30} dni.`,
  ],
  (n) => [
    `请确认颜色和包装，纸箱尺寸${n() % 80}x${n() % 60}x${n() % 40}厘米，型号LS-${n() % 9000}。`,
    `Proszę potwierdzić kolor i opakowanie, karton ${n() % 80}x${n() % 60}x${n() % 40} cm, model LS-${n() % 9000}.`,
  ],
  (n) => [
    `这批货的防水等级是IP${[20, 44, 65, 67][n() % 4]}，质保${n() % 5}年。`,
    `Stopień wodoszczelności tej partii to IP${[20, 44, 65, 67][n() % 4]}, gwarancja ${n() % 5} lata.`,
  ],
  (n) => [
    `工厂下周一放假，${n() % 28}号以后可以安排生产。`,
    `Fabryka ma wolne od poniedziałku, produkcję możemy zaplanować po ${n() % 28}.`,
  ],
];

/** `n` stored messages spread over the conversations, seq 1… in each, a minute apart. */
export function bilingualRows(n: number): MessageRow[] {
  // mulberry32: a small PRNG whose low bits are as random as its high ones.
  let seed = 42;
  const next = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return (x ^ (x >>> 14)) >>> 0;
  };
  const seqs = new Map<string, number>();
  const start = Date.UTC(2025, 0, 1);
  const rows: MessageRow[] = [];
  for (let i = 0; i < n; i++) {
    const conversationId = CONVERSATIONS[i % CONVERSATIONS.length]!;
    const seq = (seqs.get(conversationId) ?? 0) + 1;
    seqs.set(conversationId, seq);
    const [zh, pl] = PAIRS[next() % PAIRS.length]!(next);
    const fromSeller = next() % 2 === 0;
    const at = new Date(start + i * 60_000).toISOString();
    rows.push({
      clientId: `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`,
      conversationId,
      seq,
      sort: seq,
      sender: fromSeller ? conversationId.split(':')[2]! : 'buyer-pl',
      text: fromSeller ? zh : pl,
      lang: fromSeller ? 'zh' : 'pl',
      translation: fromSeller ? { text: pl, lang: 'pl' } : { text: zh, lang: 'zh' },
      attachments: [],
      order: null,
      sentAt: at,
      createdAt: at,
      hash: 'h'.repeat(64),
      prevHash: 'p'.repeat(64),
      signature: 's'.repeat(88),
      status: 'stored',
    });
  }
  return rows;
}
