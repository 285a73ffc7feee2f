import { strFromU8, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle } from '../../../../shared/evidence/bundle';
import { attestSample, labelPhoto, sampleDispute } from '../../../../shared/evidence/testkit';
import { base64Bytes } from '../../../../shared/evidence/report';
import { printableHtml, printableReportOf } from './printable';

describe('the printable report', () => {
  const c = sampleDispute();
  const b = buildBundle({
    messages: c.messages,
    attachmentBytes: (s) => c.attachments.get(s),
    attestation: attestSample(c, { kind: 'whole' }),
    serverPublicKey: c.publicKey,
    scope: { kind: 'whole' },
    options: { translations: true, attachments: true },
    exportedAt: '2025-05-20T09:30:00.000Z',
    partner: 'shenzhen-led',
  });
  const report = strFromU8(b.files.get('report.html') as Uint8Array);
  const photo = `data:image/png;base64,${strFromU8(base64Bytes(labelPhoto()), true)}`;

  it('the bundle links its photo; the print has it inline and a policy that lets it load', () => {
    expect(report).toMatch(/<img alt="etykieta.png" src="attachments\/[0-9a-f]{64}-etykieta.png">/);
    expect(report).not.toContain('data:image');
    const printed = printableReportOf(b.zip) as string;
    expect(printed).toContain(`<img alt="etykieta.png" src="${photo}">`);
    expect(printed).toContain('img-src data:;');
    expect(printed).not.toContain('src="attachments/');
    // Nothing else changes.
    expect(printed.replace(photo, '').replace('img-src data:', '')).toBe(
      report.replace(/src="attachments\/[^"]+"/, 'src=""').replace("img-src 'self' file:", ''),
    );
  });

  it('decodes the link as a URL and leaves a photo it cannot find as it was', () => {
    const html = `<img alt="x" src="attachments/ab-zdj%C4%99cie%20%231.png"><img alt="y" src="attachments/missing.png">`;
    const out = printableHtml(html, (p) =>
      p === 'attachments/ab-zdjęcie #1.png' ? labelPhoto() : undefined,
    );
    expect(out).toBe(`<img alt="x" src="${photo}"><img alt="y" src="attachments/missing.png">`);
  });

  it('is null for a zip without report.html', () => {
    expect(printableReportOf(zipSync({ 'evidence.json': strToU8('{}') }))).toBeNull();
  });
});
