/**
 * report.html in a real browser: a screenshot with Arabic, Chinese and Polish side by side
 * (docs/screenshots/evidence-report.png, looked at by a person), and a PDF printed by Chromium
 * whose text, extracted with pdftotext (poppler-utils), contains the messages.
 * Skips with the reason only when /usr/bin/chromium or pdftotext is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../shared/evidence/bundle';
import type { Scope } from '../../shared/evidence/format';
import { attestSample, sampleDispute } from '../../shared/evidence/testkit';

const CHROMIUM = '/usr/bin/chromium';
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
const missing = [
  !existsSync(CHROMIUM) && `${CHROMIUM} is not installed (apt-get install chromium)`,
  !hasPdftotext && 'pdftotext is not installed (apt-get install poppler-utils)',
]
  .filter(Boolean)
  .join('; ');
const root = new URL('../..', import.meta.url).pathname;

/** The bundle's files, as extracted from its zip. */
function bundleFiles(): Map<string, Uint8Array> {
  const c = sampleDispute();
  const scope: Scope = { kind: 'whole' };
  const attestation = attestSample(c, scope);
  const b = buildBundle({
    messages: c.messages,
    attachmentBytes: (s) => c.attachments.get(s),
    attestation,
    serverPublicKey: c.publicKey,
    keyUrl: 'https://tradewind.example/.well-known/tradewind/server-key.json',
    scope,
    options: { translations: true, attachments: true },
    claim: 'Towar niezgodny z opisem: taśmy nie mają IP65. 商品与描述不符。',
    disputeId: 'DSP-778812',
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: 'anna.kowalska',
    machineTranslations: [
      { seq: 4, lang: 'pl', text: 'Ta partia jest przeznaczona wyłącznie do użytku wewnętrznego.' },
    ],
    partner: 'shenzhen-led',
  });
  return b.files;
}

describe.skipIf(missing !== '')(`report.html in Chromium${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'tw-report-'));
  const htmlFile = join(dir, 'report.html');

  beforeAll(async () => {
    // As a reader has it after extracting the zip: the report with its photos under attachments/.
    for (const [path, bytes] of bundleFiles()) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), bytes);
    }
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--headless'],
    });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('renders Arabic right to left, Chinese and Polish, and takes the screenshot', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
    await page.goto(`file://${htmlFile}`);
    // dir="auto" resolves per cell: the Arabic original is right to left, the Polish one left to right.
    const arabic = page.locator('.text[lang="ar"]');
    expect(await arabic.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    expect(
      await page
        .locator('.text[lang="pl"]')
        .first()
        .evaluate((el) => getComputedStyle(el).direction),
    ).toBe('ltr');
    // The photo, a file of the bundle next to the report, loaded under the report's CSP (a photo
    // that did not load has naturalWidth 0).
    expect(await page.locator('figure img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(320);
    // No script could run and nothing was fetched: the CSP forbids both.
    mkdirSync(join(root, 'docs/screenshots'), { recursive: true });
    await page.screenshot({ path: join(root, 'docs/screenshots/evidence-report.png'), fullPage: true });
    await page.close();
  });

  it('prints to PDF, and pdftotext finds the messages in it', async () => {
    const page = await browser.newPage();
    await page.goto(`file://${htmlFile}`);
    await page.emulateMedia({ media: 'print' });
    const pdfFile = join(dir, 'report.pdf');
    await page.pdf({
      path: pdfFile,
      format: 'A4',
      printBackground: true,
      margin: { top: '12mm', bottom: '12mm', left: '10mm', right: '10mm' },
    });
    await page.close();
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' }).normalize(
      'NFC',
    );
    const squash = (s: string) => s.replace(/\s+/g, '');
    for (const needle of [
      'Dzień dobry, zamawiam 500 taśm LED 5050 RGB',
      '好的，IP65防水，5月10日前发货。',
      'DSP-778812',
      'TW-2025-0042',
      'anna.kowalska',
      'shenzhen-led',
      '(UTC+08:00)',
    ]) {
      expect(squash(text)).toContain(squash(needle));
    }
    // Arabic comes out of PDFs in visual order or with presentation forms depending on the
    // extractor; check for its letters rather than the logical string.
    expect(text).toMatch(/[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]{3}/);
  });
});
