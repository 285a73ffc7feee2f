/**
 * report.html and VERIFY.txt: pure, deterministic functions of evidence.json, the attestation,
 * the server key and the attachment bytes. Deterministic on purpose: the verifier renders them
 * again and compares byte for byte, so editing the human-readable report is detected like
 * editing the data (docs/evidence.md § Report).
 *
 * Determinism rules: no clock, no locale-dependent formatting (local times are assembled from
 * numeric `Intl.DateTimeFormat` parts, which depend only on the IANA time zone rules), no
 * random ids. The one input outside the bundle is the runtime's time-zone database: a runtime
 * with other rules for a zone shows another local time for the same instant. The verifier
 * therefore compares local times as instants (`compareReport`), see docs/evidence.md § Report.
 */
import { utf8ToBytes } from '@noble/hashes/utils.js';
import type {
  Attestation,
  AttestationV1,
  EvidenceJson,
  EvidenceJsonV1,
  EvidenceMessage,
  EvidenceMessageV1,
  Participant,
} from './format';
import { versionsOf } from './changes';
import { isInlineImage, sniffType } from './sniff';

/**
 * Identifies the rendering rules, named in the report's `<meta name="generator">`; bump it when
 * the HTML changes. Version 2: photos are files of the bundle the report links to (relative
 * URLs), and the report says which files are authoritative. Version 1 (bundles exported before):
 * photos inline as `data:` URIs. The verifier renders by the rules the report names.
 */
export const REPORT_GENERATOR = 'tradewind-report-v2';
export const REPORT_GENERATOR_V1 = 'tradewind-report-v1';
export type ReportRules = 1 | 2;

/** How far into report.html the generator tag is looked for (it is in the first 400 bytes). */
const GENERATOR_WINDOW = 2048;
const GENERATOR_TAG_V2 = `<meta name="generator" content="${REPORT_GENERATOR}">`;

/**
 * The rules a bundle's report.html was rendered by: version 2 when it names generator
 * `tradewind-report-v2` in its head, else version 1; a format version 1 bundle always 1.
 */
export function reportRulesOf(
  report: Uint8Array | undefined,
  e: Pick<EvidenceJson | EvidenceJsonV1, 'format'>,
): ReportRules {
  if (e.format === 'tradewind-evidence-v1' || !report) return 1;
  const head = String.fromCharCode(...report.subarray(0, GENERATOR_WINDOW));
  return head.includes(GENERATOR_TAG_V2) ? 2 : 1;
}

/** A report is assembled from parts so megabytes of photos are never copied into one string. */
export type Part = string | Uint8Array;

/**
 * A local time in a report: its text depends on the runtime's time-zone rules, so the verifier
 * compares it as an instant (see `compareReport`).
 */
export interface LocalTimePart {
  localTime: string;
  /** The instant it shows, ms since the epoch (whole seconds). */
  instant: number;
}
export type ReportPart = Part | LocalTimePart;

export interface ReportInput {
  evidence: EvidenceJson | EvidenceJsonV1;
  attestation: Attestation | AttestationV1;
  /** Id of the key that signed the attestation. */
  keyId: string;
  /** Bytes of included attachments by SHA-256 (version 2 reads only their first bytes, to sniff the type). */
  attachmentBytes: (sha256: string) => Uint8Array | undefined;
  /** Rendering rules (default: 2, the current ones; a format version 1 bundle is always 1). */
  rules?: ReportRules;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1100px; padding: 24px; color: #1b1f24; background: #fff;
  font-family: "Noto Sans", "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans CJK SC", "Noto Sans SC",
    "Noto Sans Hebrew", "Segoe UI", "Microsoft YaHei", "PingFang SC", Tahoma, Arial, sans-serif;
  font-size: 14px; line-height: 1.5; }
code, .mono { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, Menlo, monospace; font-size: 12px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 16px; margin: 24px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.sub { color: #57606a; margin: 0 0 16px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: start; vertical-align: top; border: 1px solid #d0d7de; padding: 4px 8px; }
th { background: #f6f8fa; font-weight: 600; white-space: nowrap; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
dl.meta dt { color: #57606a; }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
.claim { white-space: pre-wrap; border-inline-start: 4px solid #bf8700; padding: 6px 10px; background: #fff8c5; }
.msg { border: 1px solid #d0d7de; border-radius: 6px; margin: 12px 0; padding: 10px 12px; break-inside: avoid; }
.msg.me { border-inline-start: 4px solid #0969da; }
.msg.other { border-inline-start: 4px solid #1a7f37; }
.head { display: flex; flex-wrap: wrap; gap: 4px 16px; align-items: baseline; margin-bottom: 6px; }
.seq { font-weight: 700; }
.sender { font-weight: 600; }
.times { color: #57606a; font-size: 12px; display: flex; flex-wrap: wrap; gap: 2px 14px; }
.texts { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 8px; }
.cell { background: #f6f8fa; border-radius: 4px; padding: 6px 8px; min-width: 0; }
.label { color: #57606a; font-size: 11px; text-transform: uppercase; letter-spacing: .03em; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: plaintext; font-size: 15px; }
.unsigned { background: #fff; border: 1px dashed #d0d7de; }
.order { margin: 6px 0; padding: 4px 8px; background: #ddf4ff; border-radius: 4px; font-size: 13px; overflow-wrap: anywhere; }
.files { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 8px; }
figure { margin: 0; max-width: 100%; }
figure img { display: block; max-width: 100%; max-height: 480px; border: 1px solid #d0d7de; border-radius: 4px; }
figcaption, .file { font-size: 12px; color: #57606a; overflow-wrap: anywhere; }
.hash { margin-top: 6px; color: #57606a; font-size: 11px; overflow-wrap: anywhere; }
.gap { color: #57606a; font-style: italic; text-align: center; margin: 8px 0; }
@media print { body { padding: 0; max-width: none; } .msg { break-inside: avoid; } figure img { max-height: 360px; } }
`;

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** HTML-escapes text for element content and quoted attributes. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c] ?? c);

/** Only simple language tags make it into a `lang` attribute. */
const langAttr = (lang: string | null | undefined): string =>
  lang && /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(lang) ? ` lang="${lang}"` : '';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "2025-03-04 07:22:10 UTC" from an ISO UTC time. */
export function formatUtc(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatterFor(tz: string): Intl.DateTimeFormat | null {
  let f = formatters.get(tz);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      f = null;
    }
    formatters.set(tz, f);
  }
  return f;
}

/** Offset (ms) of a zone at instant `t` (whole seconds), from numeric Intl parts; null if unknown zone. */
function offsetAt(t: number, f: Intl.DateTimeFormat): number {
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(t)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const hour = (p.hour ?? 0) % 24; // some engines say 24 for midnight
  return Date.UTC(p.year ?? 0, (p.month ?? 1) - 1, p.day ?? 1, hour, p.minute ?? 0, p.second ?? 0) - t;
}

const HOUR = 3_600_000;
/** zone → hour bucket → offset valid for the whole hour (checked at both ends). */
const offsetCache = new Map<string, Map<number, number>>();

/** The zone's offset at `t`; cached per hour when it is the same at the hour's start and end. */
function zoneOffset(t: number, timeZone: string, f: Intl.DateTimeFormat): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) offsetCache.set(timeZone, (zone = new Map<number, number>()));
  const bucket = Math.floor(t / HOUR);
  const cached = zone.get(bucket);
  if (cached !== undefined) return cached;
  const start = offsetAt(bucket * HOUR, f);
  const end = offsetAt(bucket * HOUR + HOUR - 1000, f);
  if (start === end) {
    if (zone.size > 100_000) zone.clear();
    zone.set(bucket, start);
    return start;
  }
  return offsetAt(t, f); // a transition inside this hour: no shortcut
}

/**
 * Local wall-clock time in an IANA zone with its UTC offset: "2025-03-04 15:22:10 (UTC+08:00)".
 * Built from numeric parts only, so it does not depend on the runtime's locale data.
 */
export function formatLocal(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  const f = formatterFor(timeZone);
  if (Number.isNaN(ms) || !f) return 'unknown';
  const t = ms - (((ms % 1000) + 1000) % 1000); // whole seconds
  const off = zoneOffset(t, timeZone, f);
  const d = new Date(t + off);
  const offMin = Math.round(off / 60000);
  const sign = offMin < 0 ? '-' : '+';
  const abs = Math.abs(offMin);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} (UTC${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)})`;
}

/** "1,234,567 bytes" with a fixed grouping, independent of locale. */
export function formatBytes(n: number): string {
  return `${String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes`;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64 = utf8ToBytes(BASE64);
/** Standard base64 (RFC 4648, padded) straight into bytes. */
export function base64Bytes(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(b.length / 3) * 4);
  let o = 0;
  let i = 0;
  for (; i + 2 < b.length; i += 3) {
    const n = ((b[i] as number) << 16) | ((b[i + 1] as number) << 8) | (b[i + 2] as number);
    out[o++] = B64[n >>> 18] as number;
    out[o++] = B64[(n >>> 12) & 63] as number;
    out[o++] = B64[(n >>> 6) & 63] as number;
    out[o++] = B64[n & 63] as number;
  }
  const rest = b.length - i;
  if (rest > 0) {
    const n = ((b[i] as number) << 16) | (rest === 2 ? (b[i + 1] as number) << 8 : 0);
    out[o++] = B64[n >>> 18] as number;
    out[o++] = B64[(n >>> 12) & 63] as number;
    out[o++] = rest === 2 ? (B64[(n >>> 6) & 63] as number) : 61;
    out[o++] = 61;
  }
  return out;
}

function scopeText(e: EvidenceJson | EvidenceJsonV1): string {
  switch (e.scope.kind) {
    case 'whole':
      return 'Whole conversation';
    case 'order':
      return `Order ${e.scope.orderNo}`;
    case 'dateRange':
      return `From ${formatUtc(e.scope.from)} to ${formatUtc(e.scope.to)} (end excluded)`;
  }
}

function orderLine(o: NonNullable<EvidenceMessage['order']>): string {
  const bits: string[] = [];
  if (o.orderNo !== undefined) bits.push(`Order <b>${esc(o.orderNo)}</b>`);
  if (o.productId !== undefined) bits.push(`product <b>${esc(o.productId)}</b>`);
  if (o.title !== undefined) bits.push(`<span dir="auto">${esc(o.title)}</span>`);
  if (o.price !== undefined) bits.push(`price <span dir="auto">${esc(o.price)}</span>`);
  if (o.quantity !== undefined) bits.push(`quantity ${esc(String(o.quantity))}`);
  if (o.url !== undefined) {
    // Printed as text, not a link: a dispute handler should see the address before visiting it.
    bits.push(`<span class="mono">${esc(o.url)}</span>`);
  }
  return bits.join(' · ');
}

/** report.html as parts; concatenated they are the file's bytes (UTF-8). */
export function renderReport(input: ReportInput): Part[] {
  return renderReportParts(input).map((p) =>
    typeof p === 'string' || p instanceof Uint8Array ? p : p.localTime,
  );
}

const localPart = (iso: string, timeZone: string): LocalTimePart => {
  const ms = Date.parse(iso);
  return { localTime: formatLocal(iso, timeZone), instant: ms - (((ms % 1000) + 1000) % 1000) };
};

/** report.html as parts, local times marked (`renderReport` joins them into text). */
export function renderReportParts(input: ReportInput): ReportPart[] {
  const { evidence: e, attestation: a } = input;
  const rules: ReportRules = e.format === 'tradewind-evidence-v1' ? 1 : (input.rules ?? 2);
  const st = a.statement;
  const people = new Map<string, Participant>(e.participants.map((p) => [p.memberId, p]));
  const nameOf = (id: string): string => people.get(id)?.displayName ?? id;
  const exporter = e.exportedBy ?? e.participants[0]?.memberId ?? '';
  const partner = e.participants.find((p) => p.memberId !== exporter);
  const title = `Tradewind evidence — ${e.participants.map((p) => `${p.displayName} (${p.memberId})`).join(' and ')}`;
  const mts = new Map<number, EvidenceJson['machineTranslations']>();
  for (const t of e.machineTranslations) mts.set(t.seq, [...(mts.get(t.seq) ?? []), t]);
  const attachmentBySha = new Map(e.attachments.map((x) => [x.sha256, x]));
  const versions = versionsOf<EvidenceMessage | EvidenceMessageV1>(e.messages);

  const out: ReportPart[] = [];
  const w = (s: string): void => {
    out.push(s);
  };
  w(`<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n`);
  // Version 2 loads photos from the bundle's own files (file: once extracted, 'self' when served).
  const imgSrc = rules === 1 ? 'data:' : "'self' file:";
  w(
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${imgSrc}; style-src 'unsafe-inline'">\n`,
  );
  w(
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta name="generator" content="${rules === 1 ? REPORT_GENERATOR_V1 : REPORT_GENERATOR}">\n`,
  );
  w(`<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n<header>\n`);
  w(`<h1 dir="auto">${esc(title)}</h1>\n`);
  w(
    `<p class="sub">Conversation <code>${esc(e.conversationId)}</code> · ${esc(scopeText(e))} · exported ${esc(formatUtc(e.exportedAt))}${e.exportedBy ? ` by <code>${esc(e.exportedBy)}</code>` : ''}</p>\n`,
  );
  if (e.claim !== '') w(`<h2>Claim</h2>\n<div class="claim" dir="auto">${esc(e.claim)}</div>\n`);
  w(`<h2>Summary</h2>\n<dl class="meta">\n`);
  w(`<dt>Platform dispute id</dt><dd>${e.disputeId === '' ? '—' : `<b>${esc(e.disputeId)}</b>`}</dd>\n`);
  if (partner)
    w(`<dt>Counterparty</dt><dd>${esc(partner.displayName)} (<code>${esc(partner.memberId)}</code>)</dd>\n`);
  w(`<dt>Scope</dt><dd>${esc(scopeText(e))}</dd>\n`);
  w(`<dt>Messages</dt><dd>${e.messages.length} (seq ${st.firstSeq}–${st.lastSeq})</dd>\n`);
  w(
    `<dt>Attachments</dt><dd>${e.attachments.length}${e.options.attachments ? '' : ' (listed by SHA-256, files not included)'}</dd>\n`,
  );
  w(
    `<dt>Translations</dt><dd>${e.options.translations ? 'shown beside the originals' : 'not shown (originals only; sender-approved translations remain in evidence.json because the signatures cover them)'}</dd>\n`,
  );
  w(
    `<dt>Server key</dt><dd><code>${esc(input.keyId)}</code>${e.keyUrl ? ` published at <code>${esc(e.keyUrl)}</code>` : ''}</dd>\n`,
  );
  w(
    `<dt>Attestation</dt><dd>issued ${esc(formatUtc(st.issuedAt))}, head hash <code>${esc(st.headHash)}</code></dd>\n`,
  );
  w(
    `</dl>\n<h2>Participants</h2>\n<table>\n<thead><tr><th>Member id</th><th>Name</th><th>Time zone</th><th>Local time at export</th></tr></thead>\n<tbody>\n`,
  );
  for (const p of e.participants) {
    w(
      `<tr><td><code>${esc(p.memberId)}</code></td><td dir="auto">${esc(p.displayName)}</td><td>${esc(p.timeZone)}</td><td>`,
    );
    // formatLocal's text needs no escaping: digits, spaces, "()+-:" or "unknown".
    out.push(localPart(e.exportedAt, p.timeZone));
    w(`</td></tr>\n`);
  }
  w(`</tbody>\n</table>\n`);

  const orders = new Map<string, NonNullable<EvidenceMessage['order']>>();
  for (const m of e.messages) {
    // One row per order (or per product when a reference has no order number); the first
    // reference with the most detail wins, so "Order 42" alone does not add a second row.
    if (!m.order) continue;
    const key = m.order.orderNo !== undefined ? `o:${m.order.orderNo}` : `p:${m.order.productId ?? ''}`;
    const had = orders.get(key);
    if (!had || Object.keys(m.order).length > Object.keys(had).length) orders.set(key, m.order);
  }
  if (orders.size > 0) {
    w(
      `<h2>Orders and products</h2>\n<table>\n<thead><tr><th>Order</th><th>Product</th><th>Title</th><th>Price</th><th>Quantity</th><th>Link</th></tr></thead>\n<tbody>\n`,
    );
    for (const o of orders.values()) {
      w(
        `<tr><td>${esc(o.orderNo ?? '')}</td><td>${esc(o.productId ?? '')}</td><td dir="auto">${esc(o.title ?? '')}</td><td dir="auto">${esc(o.price ?? '')}</td><td>${o.quantity ?? ''}</td><td class="mono">${esc(o.url ?? '')}</td></tr>\n`,
      );
    }
    w(`</tbody>\n</table>\n`);
  }
  w(
    `<h2>How to check this report</h2>\n<p>This report is generated from <code>evidence.json</code>. Every message is hashed into the conversation's hash chain and signed by the Tradewind server's key; the server's attestation covers exactly the messages below. ${
      // Version 1 reports keep their words byte for byte, so that old bundles still verify.
      e.format === 'tradewind-evidence-v1'
        ? 'Run <code>npx tradewind-verify &lt;bundle.zip&gt;</code> or follow <code>VERIFY.txt</code>: it also renders this report again and reports any difference.'
        : 'Check it with Tradewind’s verifier or your own, as <code>VERIFY.txt</code> explains: the verifier also renders this report again and reports any difference.'
    }${
      rules === 1
        ? ''
        : ' This report and <code>evidence.json</code> are the authoritative record. A <code>report.pdf</code> in the bundle is only a print of this report made by the exporter’s app: nothing verifies it, so where the two differ, this report is right.'
    }</p>\n`,
  );
  w(`</header>\n<main>\n<h2>Messages</h2>\n`);

  let prevSeq: number | null = null;
  for (const m of e.messages) {
    if (prevSeq !== null && m.seq > prevSeq + 1) {
      const from = prevSeq + 1;
      const to = m.seq - 1;
      w(
        `<p class="gap">${from === to ? `Message ${from} is` : `Messages ${from}–${to} are`} outside the scope of this export.</p>\n`,
      );
    }
    prevSeq = m.seq;
    const side = m.sender === exporter ? 'me' : 'other';
    w(`<article class="msg ${side}" id="m-${m.seq}">\n<div class="head"><span class="seq">#${m.seq}</span>`);
    w(`<span class="sender" dir="auto">${esc(nameOf(m.sender))}</span> <code>${esc(m.sender)}</code>`);
    w(`<span class="times"><span>${esc(formatUtc(m.sentAt))}</span>`);
    for (const p of e.participants) {
      w(`<span>${esc(p.memberId)}: `);
      out.push(localPart(m.sentAt, p.timeZone));
      w(` ${esc(p.timeZone)}</span>`);
    }
    w(`</span></div>\n`);
    // Edits and retractions (issue 11): only messages that take part in one get these lines, so
    // every other message renders exactly as before.
    if (m.change) {
      const what = m.change.kind === 'edit' ? 'Edit' : 'Retraction';
      w(
        `<div class="label">${what} of <a href="#m-${m.change.seq}">message #${m.change.seq}</a> by its sender; the earlier version${m.change.kind === 'edit' ? 's stay' : ' stays'} in this record</div>\n`,
      );
    }
    // Replies (issue 11): only a reply gets this line; the quoted message is a link, not a copy.
    if (m.replyTo)
      w(`<div class="label">In reply to <a href="#m-${m.replyTo.seq}">#${m.replyTo.seq}</a></div>\n`);
    // Automatic replies (issue 11): only they get this line, so every other message renders as before.
    if (m.automatic) {
      w(`<div class="label">Automatic reply, sent by the server on behalf of ${esc(m.sender)} while away`);
      if (m.automatic.backAt !== null) {
        w(` · back at ${esc(formatUtc(m.automatic.backAt))}`);
        for (const p of e.participants) {
          w(` · ${esc(p.memberId)}: `);
          out.push(localPart(m.automatic.backAt, p.timeZone));
        }
      }
      w(`</div>\n`);
    }
    const history = versions.get(m.seq);
    if (history) {
      const items = history.map(
        (v) =>
          `<a href="#m-${v.message.seq}">#${v.message.seq}</a> ${v.kind === 'original' ? 'original' : v.kind === 'edit' ? 'edit' : 'retraction'} ${esc(formatUtc(v.message.sentAt))}`,
      );
      w(`<div class="label">Versions: ${items.join(' · ')}</div>\n`);
    }
    if (m.order) w(`<div class="order">${orderLine(m.order)}</div>\n`);
    const hasText = m.text !== '';
    const showTr = e.options.translations;
    const mt = showTr ? (mts.get(m.seq) ?? []) : [];
    if (hasText || (showTr && m.translation) || mt.length > 0) {
      w(`<div class="texts">\n`);
      if (hasText || m.translation) {
        w(
          `<div class="cell"><div class="label">Original${m.lang ? ` · ${esc(m.lang)}` : ''}</div><div class="text" dir="auto"${langAttr(m.lang)}>${esc(m.text)}</div></div>\n`,
        );
      }
      if (showTr && m.translation) {
        w(
          `<div class="cell"><div class="label">Translation approved by the sender · ${esc(m.translation.lang)} · signed</div><div class="text" dir="auto"${langAttr(m.translation.lang)}>${esc(m.translation.text)}</div></div>\n`,
        );
      }
      for (const t of mt) {
        w(
          `<div class="cell unsigned"><div class="label">Machine translation for the reader · ${esc(t.lang)} · not signed</div><div class="text" dir="auto"${langAttr(t.lang)}>${esc(t.text)}</div></div>\n`,
        );
      }
      w(`</div>\n`);
    }
    if (m.attachments.length > 0) {
      w(`<div class="files">\n`);
      for (const ref of m.attachments) {
        const caption = `${esc(ref.name)} · ${esc(ref.mime)} · ${formatBytes(ref.size)} · SHA-256 <code>${ref.sha256}</code>`;
        const entry = attachmentBySha.get(ref.sha256);
        const bytes = entry?.path ? input.attachmentBytes(ref.sha256) : undefined;
        const type = bytes ? sniffType(bytes) : null;
        if (bytes && type && isInlineImage(type) && rules === 1) {
          w(`<figure><img alt="${esc(ref.name)}" src="data:${type};base64,`);
          out.push(base64Bytes(bytes));
          w(`"><figcaption dir="auto">${caption}</figcaption></figure>\n`);
        } else if (bytes && type && isInlineImage(type) && entry?.path) {
          // The photo is a file of the bundle next to this report: linked, not copied in.
          w(
            `<figure><img alt="${esc(ref.name)}" src="${esc(relativeUrl(entry.path))}"><figcaption dir="auto">${caption}</figcaption></figure>\n`,
          );
        } else {
          const where = entry?.path ? `file <code>${esc(entry.path)}</code>` : 'not included in this export';
          w(`<div class="file" dir="auto">📎 ${caption} — ${where}</div>\n`);
        }
      }
      w(`</div>\n`);
    }
    // Only messages signed by another key than the attestation's (before a key replacement) name
    // their key, so single-key reports render exactly as in format version 1.
    const otherKey =
      'keyId' in m && m.keyId !== input.keyId ? ` · signed by key <code>${esc(m.keyId)}</code>` : '';
    w(
      `<div class="hash">hash <code>${m.hash}</code> · previous <code>${m.prevHash}</code> · client id <code>${esc(m.clientId)}</code>${otherKey}</div>\n</article>\n`,
    );
  }
  w(`</main>\n</body>\n</html>\n`);
  return out;
}

/** VERIFY.txt: how to check the bundle, with this bundle's key id and figures. */
export function renderVerifyTxt(
  e: EvidenceJson | EvidenceJsonV1,
  a: Attestation | AttestationV1,
  keyId: string,
  rules: ReportRules = 2,
): string {
  const st = a.statement;
  if (e.format === 'tradewind-evidence-v1') return renderVerifyTxtV1(e, st, keyId);
  const older = 'keys' in st ? st.keys.map((k) => k.keyId).filter((k) => k !== keyId) : [];
  return [
    'Tradewind evidence bundle — how to verify it',
    '',
    `Conversation ${e.conversationId}, ${e.messages.length} messages (seq ${st.firstSeq}-${st.lastSeq}),`,
    `${e.attachments.length} attachments, attested by the server key ${keyId}.`,
    ...(older.length > 0
      ? [
          `Older messages are signed by earlier server keys: ${older.join(', ')} (the attestation names them).`,
        ]
      : []),
    '',
    ...(rules === 1
      ? []
      : [
          'Which file to read: report.html (photos in attachments/, next to it once unzipped) and',
          'evidence.json are the authoritative, verified record. report.pdf, when present, is only a',
          'print of report.html made by the exporter’s app: nothing verifies it.',
          '',
        ]),
    '1. With Node.js 20 or later and Tradewind’s verifier, in a copy of the Tradewind source',
    '   (or with its two files scripts/verify.mjs and scripts/verify.bundle.mjs side by side,',
    '   which need nothing else: `node verify.mjs …`):',
    '     npm run verify -- <this-file>.tradewind-evidence.zip',
    '   Pin the server key you trust (without it the verifier only checks that the bundle is',
    '   consistent, not whose key signed it):',
    `     npm run verify -- <this-file>.zip --key <64 hex digits>${e.keyUrl ? `\n   or --key-url ${e.keyUrl}` : ''}`,
    '   It prints "OK — N messages, M attachments, signed by key <id>" or every problem and where.',
    '   The verifier is not published on the npm registry: outside a Tradewind folder,',
    '   `npx tradewind-verify` would fetch some other package of that name. Do not run it there.',
    '',
    '2. By hand or with your own program, following docs/evidence.md of Tradewind:',
    '   a. manifest.json lists the SHA-256 of every other file; recompute them.',
    '   b. For each message in evidence.json: hash = SHA-256(prevHash + "\\n" + JCS(content))',
    ...(e.format === 'tradewind-evidence-v3'
      ? // Version 3 only (batch proofs): version 2's text stays byte for byte.
        [
          "      (RFC 8785), the Ed25519 signature verifies with the key that the message's keyId",
          '      names in server-key.json: over the 32 hash bytes, or, for a message with a "proof",',
          '      over "tradewind-batch-v1\\n" + the RFC 9162 Merkle root that the proof leads to',
          '      from the hash (docs/evidence.md § Batch signatures); consecutive seqs chain',
          '      (prevHash = hash of the previous seq).',
        ]
      : [
          '      (RFC 8785), the Ed25519 signature over the 32 hash bytes verifies with the key that',
          "      the message's keyId names in server-key.json, and consecutive seqs chain",
          '      (prevHash = hash of the previous seq).',
        ]),
    '   c. attestation.json: the Ed25519 signature over JCS(statement) verifies, and the statement',
    '      (count, first/last seq, head hash, seq ranges, keys, messages digest) matches evidence.json.',
    '   d. Every attachment file hashes to the SHA-256 the messages reference.',
    '   e. report.html is a rendering of evidence.json covered by manifest.json; the reference',
    '      verifier renders it again and compares.',
    '',
    'Compare the attestation key with the one the Tradewind operator publishes before trusting it.',
    '',
  ].join('\n');
}

/** VERIFY.txt of a version 1 bundle, unchanged so that old bundles keep verifying. */
function renderVerifyTxtV1(
  e: EvidenceJsonV1,
  st: Attestation['statement'] | AttestationV1['statement'],
  keyId: string,
): string {
  return [
    'Tradewind evidence bundle — how to verify it',
    '',
    `Conversation ${e.conversationId}, ${e.messages.length} messages (seq ${st.firstSeq}-${st.lastSeq}),`,
    `${e.attachments.length} attachments, signed by the server key ${keyId}.`,
    '',
    '1. With Node.js 20 or later and the Tradewind verifier:',
    '     npx tradewind-verify <this-file>.tradewind-evidence.zip',
    '   Pin the server key you trust (recommended):',
    `     npx tradewind-verify <this-file>.zip --key <64 hex digits>${e.keyUrl ? `\n   or --key-url ${e.keyUrl}` : ''}`,
    '   It prints "OK — N messages, M attachments, signed by key <id>" or every problem and where.',
    '',
    '2. By hand or with your own program, following docs/evidence.md of Tradewind:',
    '   a. manifest.json lists the SHA-256 of every other file; recompute them.',
    '   b. For each message in evidence.json: hash = SHA-256(prevHash + "\\n" + JCS(content))',
    '      (RFC 8785), the Ed25519 signature over the 32 hash bytes verifies with server-key.json,',
    '      and consecutive seqs chain (prevHash = hash of the previous seq).',
    '   c. attestation.json: the Ed25519 signature over JCS(statement) verifies, and the statement',
    '      (count, first/last seq, head hash, seq ranges, messages digest) matches evidence.json.',
    '   d. Every attachment file hashes to the SHA-256 the messages reference.',
    '   e. report.html is a deterministic rendering of evidence.json: render it again and compare.',
    '',
    'Compare the server key with the one the Tradewind operator publishes before trusting it.',
    '',
  ].join('\n');
}

/** A bundle path as a relative URL: each segment percent-encoded (`#`, `%`, `?`, spaces). */
export function relativeUrl(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/**
 * Concatenates parts into the file's bytes. Runs of strings are joined and encoded at once: one
 * encoding call per run rather than per part (a report has ~30 parts per message), and no small
 * arrays for the collector. The same bytes as encoding each part on its own, as every part starts
 * and ends with markup (ASCII), so no surrogate pair is split between two parts.
 */
export function partsToBytes(parts: readonly Part[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let run: string[] = [];
  const flush = (): void => {
    if (run.length > 0) chunks.push(utf8ToBytes(run.join('')));
    run = [];
  };
  for (const p of parts) {
    if (typeof p === 'string') run.push(p);
    else {
      flush();
      chunks.push(p);
    }
  }
  flush();
  // One run of strings: its encoding is already a fresh array of its own.
  if (chunks.length === 1 && parts.every((p) => typeof p === 'string')) return chunks[0] as Uint8Array;
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Whether two arrays hold the same bytes. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Compares parts with bytes; returns the first differing byte offset or -1. */
export function firstDifference(parts: readonly Part[], bytes: Uint8Array): number {
  // The usual answer, "no difference", at the cost of one encoding; the walk below finds where.
  if (sameBytes(partsToBytes(parts), bytes)) return -1;
  let o = 0;
  for (const p of parts) {
    const c = typeof p === 'string' ? utf8ToBytes(p) : p;
    for (let i = 0; i < c.length; i++, o++) if (o >= bytes.length || bytes[o] !== c[i]) return o;
  }
  return o === bytes.length ? -1 : o;
}

const LOCAL_TIME_LEN = 'YYYY-MM-DD hh:mm:ss (UTC+hh:mm)'.length;
const LOCAL_TIME_RE = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2}) \(UTC([+-])(\d{2}):(\d{2})\)$/;
const UNKNOWN = 'unknown';

/** The instant a rendered local time stands for (wall clock minus offset), or null if it is not one. */
function instantOfLocalTime(text: string): number | null {
  const m = LOCAL_TIME_RE.exec(text);
  if (!m) return null;
  const n = m.slice(1).map((x) => (x === '+' ? 1 : x === '-' ? -1 : Number(x)));
  const [y, mo, d, h, mi, s, sign, oh, om] = n as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59 || oh > 23 || om > 59) return null;
  return Date.UTC(y, mo - 1, d, h, mi, s) - sign * (oh * 60 + om) * 60_000;
}

export interface ReportComparison {
  /** First byte offset where the file differs from the rendering (beyond local times), or -1. */
  mismatchAt: number;
  /**
   * Byte offsets of local times that differ from this runtime's rendering but show the same
   * instant (or that one side could not compute: "unknown"): other time-zone rules, not an edit.
   */
  localTimeDifferences: number[];
}

/**
 * Compares a rendering with a file's bytes. Local times may differ when the producer's runtime
 * had other time-zone rules; such a difference is accepted (and listed) when the file's text is a
 * local time of the same instant, or when either side shows "unknown" (a zone the runtime does
 * not know). Everything else must match byte for byte.
 */
export function compareReport(parts: readonly ReportPart[], bytes: Uint8Array): ReportComparison {
  const localTimeDifferences: number[] = [];
  // The usual case, a file identical to this rendering (local times too), with one encoding of
  // the whole rendering and one pass; otherwise the walk below, part by part.
  const whole = parts.map((p) => (typeof p === 'string' || p instanceof Uint8Array ? p : p.localTime));
  if (sameBytes(partsToBytes(whole), bytes)) return { mismatchAt: -1, localTimeDifferences };
  let o = 0;
  for (const p of parts) {
    if (typeof p !== 'string' && !(p instanceof Uint8Array)) {
      const mine = utf8ToBytes(p.localTime);
      let same = o + mine.length <= bytes.length;
      for (let i = 0; same && i < mine.length; i++) same = bytes[o + i] === mine[i];
      if (same) {
        o += mine.length;
        continue;
      }
      // Local times are ASCII: read the file's text of either possible length.
      const ascii = (n: number): string =>
        String.fromCharCode(...bytes.subarray(o, Math.min(o + n, bytes.length)));
      const theirs = ascii(LOCAL_TIME_LEN);
      const theirInstant = instantOfLocalTime(theirs);
      if (theirInstant !== null && (theirInstant === p.instant || p.localTime === UNKNOWN)) {
        localTimeDifferences.push(o);
        o += LOCAL_TIME_LEN;
        continue;
      }
      if (ascii(UNKNOWN.length) === UNKNOWN && p.localTime !== UNKNOWN) {
        localTimeDifferences.push(o);
        o += UNKNOWN.length;
        continue;
      }
      return { mismatchAt: o, localTimeDifferences };
    }
    const c = typeof p === 'string' ? utf8ToBytes(p) : p;
    for (let i = 0; i < c.length; i++, o++)
      if (o >= bytes.length || bytes[o] !== c[i]) return { mismatchAt: o, localTimeDifferences };
  }
  return { mismatchAt: o === bytes.length ? -1 : o, localTimeDifferences };
}
