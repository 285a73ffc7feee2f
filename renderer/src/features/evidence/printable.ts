/**
 * report.html made printable on its own. A bundle's report links its photos as files of the
 * bundle (`<img src="attachments/…">`, docs/evidence.md § Report); a printer that gets only the
 * HTML (Electron's printToPDF from a temporary file, the browser's print dialog from an iframe)
 * would print without them. For printing, and only there, each linked photo is put inline as a
 * `data:` URI and the report's Content-Security-Policy lets those load.
 */
import { strFromU8 } from 'fflate';
import { base64Bytes } from '../../../../shared/evidence/report';
import { sniffType } from '../../../../shared/evidence/sniff';
import { readZip } from '../../../../shared/evidence/zipRead';

/** Exactly how the report writes a linked photo (renderReportParts, rules 2). */
const LINKED_IMG = /<img alt="([^"]*)" src="(attachments\/[^"]+)">/g;
const CSP_LINKED = "img-src 'self' file:";

const unescapeAttr = (s: string): string =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : "'",
  );

/** The report with its linked photos inline; `bytesOf` gives a bundle file's bytes by path. */
export function printableHtml(html: string, bytesOf: (path: string) => Uint8Array | undefined): string {
  return html.replace(CSP_LINKED, 'img-src data:').replace(LINKED_IMG, (tag, alt: string, src: string) => {
    let path: string;
    try {
      path = decodeURIComponent(unescapeAttr(src));
    } catch {
      return tag;
    }
    const bytes = bytesOf(path);
    const type = bytes ? sniffType(bytes) : null;
    if (!bytes || !type) return tag;
    return `<img alt="${alt}" src="data:${type};base64,${strFromU8(base64Bytes(bytes), true)}">`;
  });
}

/**
 * The printable report of a built bundle, read from its zip when the user asks to print it (null
 * when the zip has none): read on demand rather than carried beside the zip.
 */
export function printableReportOf(zip: Uint8Array): string | null {
  const read = readZip(zip);
  const report = read.ok ? read.files.get('report.html') : undefined;
  if (!read.ok || !report) return null;
  return printableHtml(strFromU8(report), (path) => read.files.get(path));
}
