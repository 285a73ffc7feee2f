/**
 * Reads back the zip the export just built, for its self-check, without copying it: stored
 * entries (the photos, report.html, report.pdf: nearly all of the bytes) are views into the zip,
 * deflated ones (the JSON and VERIFY.txt: small) are inflated. The self-check then verifies
 * exactly the bytes that are in the zip, where unzipping with fflate would have held a second
 * copy of the whole bundle (~270 MB for 10,000 messages with 100 photos).
 *
 * Stricter than a general reader on purpose: it accepts only what `zipBundle` (fflate's
 * `zipSync`) writes, so that every reader sees the same files: entries laid end to end from byte
 * 0, each local header agreeing with its central-directory record, the central directory right
 * after the last entry, the end record last (no comment, no zip64, no encryption, no data
 * descriptors, no directories, no duplicate names), and every entry's CRC-32 right (fflate's own
 * `unzipSync` does not check CRCs; `unzip` and the file managers do). Names are decoded as fflate
 * decodes them. Anything else is a reason, not an exception.
 */
import { inflateSync, strFromU8 } from 'fflate';
import { crc32 } from '../../../../shared/evidence/crc32';

export type OpenedZip = { ok: true; files: Map<string, Uint8Array> } | { ok: false; reason: string };

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const FLAG_ENCRYPTED = 1;
const FLAG_DATA_DESCRIPTOR = 8;
const FLAG_UTF8 = 0x800;

/** The files of a zip written by `zipBundle`, stored ones as views into `zip` (see the module comment). */
export function openZip(zip: Uint8Array): OpenedZip {
  const u16 = (o: number): number => (zip[o] as number) | ((zip[o + 1] as number) << 8);
  const u32 = (o: number): number => (u16(o) | (u16(o + 2) << 16)) >>> 0;
  const fail = (reason: string): OpenedZip => ({ ok: false, reason });

  const end = zip.length - 22;
  if (end < 0 || u32(end) !== END) return fail('no end-of-central-directory record at the end');
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 20) !== 0)
    return fail('a multi-disk archive or an archive comment');
  const count = u16(end + 8);
  if (u16(end + 10) !== count) return fail('entry counts disagree');
  const cdSize = u32(end + 12);
  const cdStart = u32(end + 16);
  if (cdStart + cdSize !== end) return fail('the central directory does not end at the end record');
  // fflate takes these bytes for a zip64 locator: refuse rather than read differently.
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR) return fail('a zip64 locator');

  const files = new Map<string, Uint8Array>();
  let cd = cdStart;
  let next = 0; // where the next local header must start
  for (let i = 0; i < count; i++) {
    if (cd + 46 > end || u32(cd) !== CENTRAL) return fail(`central-directory record ${i} is missing`);
    const flags = u16(cd + 8);
    const method = u16(cd + 10);
    const crc = u32(cd + 16);
    const packed = u32(cd + 20);
    const size = u32(cd + 24);
    const nameLen = u16(cd + 28);
    const recordEnd = cd + 46 + nameLen + u16(cd + 30) + u16(cd + 32);
    const offset = u32(cd + 42);
    if (recordEnd > end) return fail(`central-directory record ${i} runs past the directory`);
    const nameBytes = zip.subarray(cd + 46, cd + 46 + nameLen);
    const name = strFromU8(nameBytes, !(flags & FLAG_UTF8));
    if (flags & (FLAG_ENCRYPTED | FLAG_DATA_DESCRIPTOR)) return fail(`${name}: encrypted or streamed`);
    if (method !== 0 && method !== 8) return fail(`${name}: compression method ${method}`);
    if (packed === 0xffffffff || size === 0xffffffff || offset === 0xffffffff) return fail(`${name}: zip64`);
    if (name.endsWith('/') || files.has(name)) return fail(`${name}: a directory or a duplicate`);
    if (offset !== next) return fail(`${name}: not where the previous entry ends`);

    const lh = offset;
    if (lh + 30 > cdStart || u32(lh) !== LOCAL) return fail(`${name}: no local header`);
    if (
      u16(lh + 6) !== flags ||
      u16(lh + 8) !== method ||
      u32(lh + 14) !== crc ||
      u32(lh + 18) !== packed ||
      u32(lh + 22) !== size ||
      u16(lh + 26) !== nameLen
    )
      return fail(`${name}: the local header disagrees with the central directory`);
    for (let k = 0; k < nameLen; k++)
      if (zip[lh + 30 + k] !== nameBytes[k]) return fail(`${name}: the local header names another file`);
    const start = lh + 30 + nameLen + u16(lh + 28);
    next = start + packed;
    if (next > cdStart) return fail(`${name}: its data runs into the central directory`);

    const data = zip.subarray(start, next);
    let bytes: Uint8Array;
    if (method === 0) {
      if (packed !== size) return fail(`${name}: stored with two sizes`);
      bytes = data;
    } else {
      try {
        bytes = inflateSync(data, { out: new Uint8Array(size) });
      } catch (err) {
        return fail(`${name}: cannot be inflated (${String(err)})`);
      }
      if (bytes.length !== size) return fail(`${name}: inflates to ${bytes.length} bytes, not ${size}`);
    }
    if (crc32(bytes) !== crc) return fail(`${name}: CRC-32 mismatch`);
    files.set(name, bytes);
    cd = recordEnd;
  }
  if (next !== cdStart) return fail('bytes between the last entry and the central directory');
  if (cd !== end) return fail('bytes between the central directory and the end record');
  return { ok: true, files };
}
