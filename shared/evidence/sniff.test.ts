import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { attachmentPath, bundleFileName } from './bundle';
import { base64Bytes, formatBytes, formatLocal, formatUtc } from './report';
import { sniffType } from './sniff';
import { TINY_PNG, fakeJpeg } from './testkit';

describe('sniffType', () => {
  it('recognises types from their magic bytes, not their names', () => {
    expect(sniffType(TINY_PNG)).toBe('image/png');
    expect(sniffType(fakeJpeg(100, 3))).toBe('image/jpeg');
    expect(sniffType(strToU8('GIF89a....'))).toBe('image/gif');
    expect(sniffType(strToU8('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp');
    expect(sniffType(strToU8('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffType(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toBe('application/zip');
    expect(sniffType(strToU8('Zamówienie 42 — 订单 — طلب\r\n'))).toBe('text/plain; charset=utf-8');
  });
  it('calls anything else octet-stream', () => {
    expect(sniffType(new Uint8Array())).toBe('application/octet-stream');
    expect(sniffType(Uint8Array.from([0x4d, 0x5a, 0x90, 0x00]))).toBe('application/octet-stream'); // MZ executable
    expect(sniffType(strToU8('<svg onload="alert(1)">\u0000'))).toBe('application/octet-stream');
    expect(sniffType(Uint8Array.from([0x61, 0xc3, 0x28]))).toBe('application/octet-stream'); // bad UTF-8
    expect(sniffType(Uint8Array.from([0xf5, 0x80, 0x80, 0x80]))).toBe('application/octet-stream');
  });
});

describe('report formatting', () => {
  it('formats UTC and local times from numeric parts, across DST', () => {
    expect(formatUtc('2025-03-30T00:59:59.999Z')).toBe('2025-03-30 00:59:59 UTC');
    expect(formatLocal('2025-03-30T00:59:59.999Z', 'Europe/Warsaw')).toBe('2025-03-30 01:59:59 (UTC+01:00)');
    expect(formatLocal('2025-03-30T01:00:00.000Z', 'Europe/Warsaw')).toBe('2025-03-30 03:00:00 (UTC+02:00)');
    expect(formatLocal('2025-01-01T00:00:00.000Z', 'Asia/Kolkata')).toBe('2025-01-01 05:30:00 (UTC+05:30)');
    expect(formatLocal('2025-01-01T00:00:00.000Z', 'America/Sao_Paulo')).toBe(
      '2024-12-31 21:00:00 (UTC-03:00)',
    );
    expect(formatLocal('2025-01-01T00:00:00.000Z', 'Not/AZone')).toBe('unknown');
  });
  it('base64 matches the platform', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100]) {
      const b = fakeJpeg(n, n + 1).slice(0, n);
      expect(new TextDecoder().decode(base64Bytes(b))).toBe(btoa(String.fromCharCode(...b)));
    }
  });
  it('formats sizes without locale data', () => {
    expect(formatBytes(1234567)).toBe('1,234,567 bytes');
  });
});

describe('names', () => {
  it('makes attachment paths safe', () => {
    const sha = 'a'.repeat(64);
    expect(attachmentPath(sha, '../../etc/passwd')).toBe(`attachments/${sha}-_.._etc_passwd`);
    expect(attachmentPath(sha, '照片 1.jpg')).toBe(`attachments/${sha}-照片 1.jpg`);
    expect(attachmentPath(sha, '...')).toBe(`attachments/${sha}-file`);
    expect(attachmentPath(sha, 'x'.repeat(300)).length).toBe('attachments/'.length + 65 + 80);
  });
  it('names bundles after partner, order and date', () => {
    expect(
      bundleFileName('shenzhen-led', { kind: 'order', orderNo: 'PO 42/7' }, '2025-05-20T09:30:00.000Z'),
    ).toBe('shenzhen-led-PO_42_7-2025-05-20.tradewind-evidence.zip');
    expect(
      bundleFileName(
        'x.y',
        { kind: 'dateRange', from: '2025-01-01T00:00:00Z', to: '2025-02-01T00:00:00Z' },
        '2025-05-20T00:00:00Z',
      ),
    ).toBe('x.y-2025-01-01_to_2025-01-31-2025-05-20.tradewind-evidence.zip');
  });
});

describe('makePng', () => {
  it('makes PNGs that sniff as PNG', async () => {
    const { labelPhoto } = await import('./testkit');
    expect(sniffType(labelPhoto())).toBe('image/png');
  });
});
