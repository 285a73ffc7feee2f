/**
 * Reads an evidence bundle's zip as hostile input (docs/evidence.md § Reading the zip): every
 * entry is read from the bytes it is given, stored entries as views (no copy), deflated ones
 * inflated in small steps into a buffer of the size the central directory declares, so no input
 * — a crafted directory, a count, a size, a zip bomb — makes it allocate more than a fixed
 * budget. It refuses, with a code, what would let two readers see different files: duplicate
 * names (also after normalisation), entries that overlap or hide between others, local headers
 * that disagree with the central directory, Unicode-path extra fields, zip64, encryption.
 *
 * The bytes come from a {@link ZipSource}: a Uint8Array in memory (stored entries are then views
 * of it), or a file the caller reads with positioned reads (the command-line verifier), so a
 * 100 MB bundle is never held whole: the central directory and the local headers are read as
 * needed, stored entries are CRC-checked in 1 MiB reads and read again when the verifier asks for
 * them, deflated entries are inflated as they are read.
 */
import { Inflate, strFromU8 } from 'fflate';
import { crc32 } from './crc32';

/** Why a zip was refused; each is a problem code of the verifier. */
export type ZipProblemCode =
  | 'zip_invalid'
  | 'zip_unsupported'
  | 'zip_duplicate_name'
  | 'zip_unsafe_name'
  | 'zip_too_many_entries'
  | 'zip_entry_too_large'
  | 'zip_too_large'
  | 'zip_ratio'
  | 'zip_size_mismatch'
  | 'zip_crc';

/**
 * Random access to a zip's bytes: `read` returns exactly `end - start` bytes
 * (`0 ≤ start ≤ end ≤ length`). With `scratch` (at least that long) the reader says it will not
 * keep the result: a source that copies may read into `scratch` and return a view of it.
 */
export interface ZipSource {
  readonly length: number;
  read(start: number, end: number, scratch?: Uint8Array): Uint8Array;
}

/** An in-memory zip as a source: reads are views, nothing is copied. */
export function bytesSource(zip: Uint8Array): ZipSource {
  return { length: zip.length, read: (start, end) => zip.subarray(start, end) };
}

/**
 * Parts that are one zip end to end (a zip as it was written, before it is joined): a read within
 * one part is a view of it, a read across parts a copy.
 */
export function partsSource(parts: readonly Uint8Array[]): ZipSource {
  const starts: number[] = [];
  let length = 0;
  for (const p of parts) {
    starts.push(length);
    length += p.length;
  }
  const partAt = (offset: number): number => {
    let lo = 0;
    let hi = parts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    length,
    read(start, end, scratch) {
      if (start === end) return new Uint8Array(0);
      let i = partAt(start);
      const first = parts[i] as Uint8Array;
      const from = start - (starts[i] as number);
      if (end - (starts[i] as number) <= first.length)
        return first.subarray(from, end - (starts[i] as number));
      const out = scratch ? scratch.subarray(0, end - start) : new Uint8Array(end - start);
      let o = 0;
      for (let at = start; at < end; i++) {
        const p = parts[i] as Uint8Array;
        const s = at - (starts[i] as number);
        const n = Math.min(p.length - s, end - at);
        out.set(p.subarray(s, s + n), o);
        o += n;
        at += n;
      }
      return out;
    },
  };
}

export interface ZipLimits {
  /** Entries in the central directory, directories included. */
  maxEntries: number;
  /** Declared uncompressed size of one deflated entry. */
  maxEntryBytes: number;
  /** Declared uncompressed sizes of all deflated entries together: the inflater's output budget. */
  maxInflatedBytes: number;
  /** Largest uncompressed / compressed size of a deflated entry larger than `ratioFloorBytes`. */
  maxRatio: number;
  ratioFloorBytes: number;
  /** Compressed bytes handed to the inflater per step (its output per step is ≤ 1,032 × this). */
  inflateStepBytes: number;
  /** The central directory's size, read whole before anything else. */
  maxDirectoryBytes: number;
}

const MiB = 1024 * 1024;

/**
 * The reference verifier's limits (docs/evidence.md § Reading the zip). A bundle of 10,000
 * messages has ~8 MB of evidence.json and ~9 MB of report.html, deflated ~5× and ~9×.
 */
export const ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntries: 50_000,
  maxEntryBytes: 256 * MiB,
  maxInflatedBytes: 512 * MiB,
  maxRatio: 200,
  ratioFloorBytes: MiB,
  inflateStepBytes: 8 * 1024,
  // 50,000 records of 46 bytes with a name, an extra field and a comment of a few hundred bytes.
  maxDirectoryBytes: 32 * MiB,
};

/** Bytes per read when a stored entry's CRC-32 is checked from a source. */
const CRC_STEP = MiB;

/** What reading cost, in the reader's own accounting. */
export interface ZipAccount {
  /** Bytes allocated for inflated entries (stored entries are views of the input: none). */
  inflatedBytes: number;
  /** The largest output of one inflate step (the inflater's working set is a small multiple of it). */
  largestStepBytes: number;
  /** `maxInflatedBytes` of the limits used. */
  budgetBytes: number;
}

/** What the central directory says of a file (checked against its data when the zip was read). */
export interface ZipFileInfo {
  crc: number;
  /** Uncompressed size. */
  size: number;
}

export type ZipRead =
  | {
      ok: true;
      files: ReadonlyMap<string, Uint8Array>;
      /** Each file's CRC-32 and size, which its data was found to have. */
      directory: ReadonlyMap<string, ZipFileInfo>;
      account: ZipAccount;
    }
  | { ok: false; code: ZipProblemCode; entry: string | null; message: string; account: ZipAccount };

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const DESCRIPTOR = 0x08074b50;
const FLAG_ENCRYPTED = 1;
const FLAG_DESCRIPTOR = 8;
const FLAG_UTF8 = 0x800;
const FLAG_STRONG_ENCRYPTION = 0x40;
const EXTRA_ZIP64 = 0x0001;
const EXTRA_UNICODE_PATH = 0x7075;

/**
 * The name two entries collide under: backslashes as slashes, empty and `.` segments dropped,
 * Unicode NFC, lower case. Windows and macOS file systems fold case and normalisation, and
 * extracting tools drop `./` and read `\` as a separator, so entries equal under this key would
 * land on one file, the last one winning.
 */
export function collisionKey(name: string): string {
  return name
    .replace(/\\/g, '/')
    .split('/')
    .filter((s) => s !== '' && s !== '.')
    .join('/')
    .normalize('NFC')
    .toLowerCase();
}

/** A name an extracting tool would place outside its folder, or cannot write. */
function unsafeName(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  return (
    n.startsWith('/') ||
    /^[A-Za-z]:/.test(n) ||
    n.split('/').includes('..') ||
    // eslint-disable-next-line no-control-regex -- control characters are what is looked for
    /[\u0000-\u001f]/.test(n)
  );
}

interface Entry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  packed: number;
  size: number;
  offset: number;
  /** Where the entry's data starts (after the local header). */
  start: number;
}

class Refusal extends Error {
  constructor(
    readonly code: ZipProblemCode,
    readonly entry: string | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a zip under `limits` (default {@link ZIP_LIMITS}); never throws. From a Uint8Array the
 * files are views of it (or their inflated copies); from another source, a stored file is read
 * from the source each time it is asked for (checked once here; the verifier then checks its
 * SHA-256 against the signed manifest on the bytes it reads).
 */
export function readZip(zip: Uint8Array | ZipSource, limits: Readonly<ZipLimits> = ZIP_LIMITS): ZipRead {
  const account: ZipAccount = { inflatedBytes: 0, largestStepBytes: 0, budgetBytes: limits.maxInflatedBytes };
  const src = zip instanceof Uint8Array ? bytesSource(zip) : zip;
  try {
    const { files, directory } = read(src, limits, account);
    return { ok: true, files, directory, account };
  } catch (err) {
    if (err instanceof Refusal)
      return { ok: false, code: err.code, entry: err.entry, message: err.message, account };
    return {
      ok: false,
      code: 'zip_invalid',
      entry: null,
      message: `The zip cannot be read (${String(err)}).`,
      account,
    };
  }
}

/** Little-endian reads from a window of the zip that starts at `base`. */
function window(bytes: Uint8Array, base: number) {
  const u16 = (o: number): number => (bytes[o - base] as number) | ((bytes[o - base + 1] as number) << 8);
  const u32 = (o: number): number => (u16(o) | (u16(o + 2) << 16)) >>> 0;
  const sub = (from: number, to: number): Uint8Array => bytes.subarray(from - base, to - base);
  return { u16, u32, sub };
}

function read(
  src: ZipSource,
  limits: Readonly<ZipLimits>,
  account: ZipAccount,
): { files: ReadonlyMap<string, Uint8Array>; directory: Map<string, ZipFileInfo> } {
  const refuse = (code: ZipProblemCode, entry: string | null, message: string): never => {
    throw new Refusal(code, entry, message);
  };
  const size = src.length;

  // The end record: the last one whose comment reaches exactly to the end of the file.
  const tailStart = Math.max(0, size - 22 - 0xffff - 20);
  let { u16, u32 } = window(src.read(tailStart, size), tailStart);
  let end = -1;
  for (let o = size - 22; o >= 0 && o >= size - 22 - 0xffff; o--) {
    if (u32(o) === END && o + 22 + u16(o + 20) === size) {
      end = o;
      break;
    }
  }
  if (end < 0)
    refuse('zip_invalid', null, 'The file is not a zip archive (no end-of-central-directory record).');
  if (end >= 20 && u32(end - 20) === ZIP64_LOCATOR)
    refuse('zip_unsupported', null, 'The archive is a zip64 archive, which bundles never are.');
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0)
    refuse('zip_unsupported', null, 'The archive spans several disks.');
  const count = u16(end + 10);
  if (u16(end + 8) !== count) refuse('zip_invalid', null, 'The end record gives two different entry counts.');
  if (count === 0xffff)
    refuse('zip_unsupported', null, 'The archive is a zip64 archive, which bundles never are.');
  if (count > limits.maxEntries)
    refuse(
      'zip_too_many_entries',
      null,
      `The archive has ${count} entries; at most ${limits.maxEntries} are read.`,
    );
  const cdSize = u32(end + 12);
  const cdStart = u32(end + 16);
  if (cdStart + cdSize !== end)
    refuse('zip_invalid', null, 'The central directory does not end where the end record begins.');
  if (cdSize > limits.maxDirectoryBytes)
    refuse(
      'zip_too_large',
      null,
      `The central directory is ${cdSize} bytes; this verifier reads at most ${limits.maxDirectoryBytes}.`,
    );
  const dir = window(src.read(cdStart, end), cdStart);
  ({ u16, u32 } = dir);

  // Pass 1: the central directory, every limit checked before anything is inflated.
  const entries: Entry[] = [];
  const byKey = new Map<string, string>();
  let inflateTotal = 0;
  let cd = cdStart;
  for (let i = 0; i < count; i++) {
    if (cd + 46 > end || u32(cd) !== CENTRAL)
      refuse('zip_invalid', null, `Central-directory record ${i + 1} is missing.`);
    const flags = u16(cd + 8);
    const method = u16(cd + 10);
    const crc = u32(cd + 16);
    const packed = u32(cd + 20);
    const size = u32(cd + 24);
    const nameLen = u16(cd + 28);
    const extraLen = u16(cd + 30);
    const recordEnd = cd + 46 + nameLen + extraLen + u16(cd + 32);
    const offset = u32(cd + 42);
    if (recordEnd > end)
      refuse('zip_invalid', null, `Central-directory record ${i + 1} runs past the directory.`);
    const nameBytes = dir.sub(cd + 46, cd + 46 + nameLen);
    const name = strFromU8(nameBytes, !(flags & FLAG_UTF8));
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION))
      refuse('zip_unsupported', name, `${name} is encrypted.`);
    if (method !== 0 && method !== 8)
      refuse(
        'zip_unsupported',
        name,
        `${name} uses compression method ${method} (only stored and deflate are read).`,
      );
    if (packed === 0xffffffff || size === 0xffffffff || offset === 0xffffffff)
      refuse('zip_unsupported', name, `${name} has zip64 sizes, which bundles never have.`);
    checkExtra(dir.sub(cd + 46 + nameLen, cd + 46 + nameLen + extraLen), name, refuse);
    if (unsafeName(name))
      refuse(
        'zip_unsafe_name',
        name,
        `The entry name ${JSON.stringify(name)} would be written outside the folder it is extracted to.`,
      );
    const key = collisionKey(name);
    const other = byKey.get(key);
    if (other !== undefined)
      refuse(
        'zip_duplicate_name',
        name,
        other === name
          ? `The archive holds two entries named ${name}: tools disagree on which one they show.`
          : `The entries ${JSON.stringify(other)} and ${JSON.stringify(name)} name the same file once extracted (case, "./" or "\\" aside).`,
      );
    byKey.set(key, name);
    if (method === 0 && packed !== size)
      refuse('zip_invalid', name, `${name} is stored with two different sizes.`);
    if (method === 8) {
      if (size > limits.maxEntryBytes)
        refuse(
          'zip_entry_too_large',
          name,
          `${name} declares ${size} bytes uncompressed; this verifier inflates at most ${limits.maxEntryBytes} bytes per entry.`,
        );
      if (size > limits.ratioFloorBytes && size > limits.maxRatio * packed)
        refuse(
          'zip_ratio',
          name,
          `${name} would inflate ${packed} bytes to ${size} (more than ${limits.maxRatio}:1): a zip bomb, not a bundle.`,
        );
      inflateTotal += size;
      if (inflateTotal > limits.maxInflatedBytes)
        refuse(
          'zip_too_large',
          name,
          `The compressed entries declare more than ${limits.maxInflatedBytes} bytes uncompressed in all; this verifier inflates no more.`,
        );
    }
    entries.push({ name, method, flags, crc, packed, size, offset, start: 0 });
    cd = recordEnd;
  }
  if (cd !== end)
    refuse('zip_invalid', null, 'There are bytes between the central directory and the end record.');

  // The entries must tile the bytes before the central directory: nothing hidden, nothing shared.
  const byOffset = [...entries].sort((a, b) => a.offset - b.offset);
  let next = 0;
  for (const e of byOffset) {
    if (e.offset !== next)
      refuse(
        'zip_invalid',
        e.name,
        e.offset < next
          ? `${e.name} overlaps the entry before it.`
          : `There are ${e.offset - next} bytes before ${e.name} that belong to no entry.`,
      );
    const lh = e.offset;
    if (lh + 30 > cdStart) refuse('zip_invalid', e.name, `${e.name} has no local header.`);
    ({ u16, u32 } = window(src.read(lh, lh + 30), lh));
    if (u32(lh) !== LOCAL) refuse('zip_invalid', e.name, `${e.name} has no local header.`);
    const lhFlags = u16(lh + 6);
    const nameLen = u16(lh + 26);
    const extraLen = u16(lh + 28);
    const descriptor = (e.flags & FLAG_DESCRIPTOR) !== 0;
    if (
      lhFlags !== e.flags ||
      u16(lh + 8) !== e.method ||
      (!descriptor && (u32(lh + 14) !== e.crc || u32(lh + 18) !== e.packed || u32(lh + 22) !== e.size))
    )
      refuse('zip_invalid', e.name, `${e.name}: its local header disagrees with the central directory.`);
    if (lh + 30 + nameLen + extraLen > cdStart)
      refuse('zip_invalid', e.name, `${e.name}: its local header runs into the central directory.`);
    const names = window(src.read(lh + 30, lh + 30 + nameLen + extraLen), lh + 30);
    const lhName = names.sub(lh + 30, lh + 30 + nameLen);
    if (strFromU8(lhName, !(lhFlags & FLAG_UTF8)) !== e.name)
      refuse('zip_invalid', e.name, `${e.name}: its local header names another file.`);
    checkExtra(names.sub(lh + 30 + nameLen, lh + 30 + nameLen + extraLen), e.name, refuse);
    e.start = lh + 30 + nameLen + extraLen;
    next = e.start + e.packed;
    if (descriptor) {
      // CRC, compressed and uncompressed size, with or without the optional signature.
      if (next <= cdStart) ({ u16, u32 } = window(src.read(next, Math.min(next + 16, cdStart)), next));
      const sig = next + 16 <= cdStart && u32(next) === DESCRIPTOR;
      const d = sig ? next + 4 : next;
      if (d + 12 > cdStart || u32(d) !== e.crc || u32(d + 4) !== e.packed || u32(d + 8) !== e.size)
        refuse('zip_invalid', e.name, `${e.name}: its data descriptor disagrees with the central directory.`);
      next = d + 12;
    }
    if (next > cdStart) refuse('zip_invalid', e.name, `${e.name}: its data runs into the central directory.`);
  }
  if (next !== cdStart)
    refuse(
      'zip_invalid',
      null,
      'There are bytes between the last entry and the central directory that belong to no entry.',
    );

  // Pass 2: the contents, in directory order; directories are left out.
  const files = new Map<string, () => Uint8Array>();
  const directory = new Map<string, ZipFileInfo>();
  for (const e of entries) {
    if (e.name.endsWith('/')) continue;
    directory.set(e.name, { crc: e.crc, size: e.size });
    if (e.method === 0) {
      if (streamCrc(src, e.start, e.start + e.packed) !== e.crc)
        refuse('zip_crc', e.name, `${e.name} is damaged (CRC-32 mismatch).`);
      // In memory a read is a view (no copy); from a file, a fresh read each time.
      const { start, packed } = e;
      files.set(e.name, () => src.read(start, start + packed));
    } else {
      const bytes = inflateEntry(src, e, limits, account, refuse);
      if (crc32(bytes) !== e.crc) refuse('zip_crc', e.name, `${e.name} is damaged (CRC-32 mismatch).`);
      files.set(e.name, () => bytes);
    }
  }
  return { files: new ZipFiles(files), directory };
}

/** CRC-32 of `[start, end)` of a source, read `CRC_STEP` bytes at a time into one scratch buffer. */
function streamCrc(src: ZipSource, start: number, end: number): number {
  let crc = 0;
  let scratch: Uint8Array | undefined;
  for (let o = start; o < end; o += CRC_STEP) {
    const to = Math.min(o + CRC_STEP, end);
    scratch ??= new Uint8Array(Math.min(CRC_STEP, end - start));
    crc = crc32(src.read(o, to, scratch), crc);
  }
  return crc;
}

/** The files of a read zip: each stored file is read (or viewed) when asked for. */
class ZipFiles implements ReadonlyMap<string, Uint8Array> {
  constructor(private readonly entries_: Map<string, () => Uint8Array>) {}
  get size(): number {
    return this.entries_.size;
  }
  get(name: string): Uint8Array | undefined {
    return this.entries_.get(name)?.();
  }
  has(name: string): boolean {
    return this.entries_.has(name);
  }
  keys(): MapIterator<string> {
    return this.entries_.keys();
  }
  *values(): MapIterator<Uint8Array> {
    for (const f of this.entries_.values()) yield f();
  }
  *entries(): MapIterator<[string, Uint8Array]> {
    for (const [k, f] of this.entries_) yield [k, f()];
  }
  [Symbol.iterator](): MapIterator<[string, Uint8Array]> {
    return this.entries();
  }
  forEach(cb: (value: Uint8Array, key: string, map: ReadonlyMap<string, Uint8Array>) => void): void {
    for (const [k, f] of this.entries_) cb(f(), k, this);
  }
}

/** Refuses extra fields that make readers see another name or other sizes. */
function checkExtra(
  extra: Uint8Array,
  name: string,
  refuse: (c: ZipProblemCode, e: string, m: string) => never,
): void {
  for (let o = 0; o + 4 <= extra.length;) {
    const id = (extra[o] as number) | ((extra[o + 1] as number) << 8);
    const len = (extra[o + 2] as number) | ((extra[o + 3] as number) << 8);
    if (id === EXTRA_UNICODE_PATH)
      refuse(
        'zip_unsupported',
        name,
        `${name} carries a second, Unicode name (extra field 0x7075) that some tools show instead.`,
      );
    if (id === EXTRA_ZIP64)
      refuse('zip_unsupported', name, `${name} has zip64 sizes, which bundles never have.`);
    o += 4 + len;
  }
}

/**
 * Inflates one entry into a buffer of its declared size, `inflateStepBytes` of input at a time,
 * stopping at the first step whose output would run past the declared size.
 */
function inflateEntry(
  src: ZipSource,
  e: Entry,
  limits: Readonly<ZipLimits>,
  account: ZipAccount,
  refuse: (c: ZipProblemCode, e: string, m: string) => never,
): Uint8Array {
  const out = new Uint8Array(e.size);
  account.inflatedBytes += e.size;
  let written = 0;
  let overflow = false;
  const inflater = new Inflate((chunk) => {
    account.largestStepBytes = Math.max(account.largestStepBytes, chunk.length);
    if (overflow) return;
    if (written + chunk.length > out.length) {
      overflow = true;
      throw new Refusal(
        'zip_size_mismatch',
        e.name,
        `${e.name} inflates to more than the ${e.size} bytes it declares (stopped there).`,
      );
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    const step = Math.max(1, limits.inflateStepBytes);
    const dataEnd = e.start + e.packed;
    for (let o = e.start; o < dataEnd || o === e.start; o += step) {
      const last = o + step >= dataEnd;
      inflater.push(src.read(o, Math.min(o + step, dataEnd)), last);
      if (last) break;
    }
  } catch (err) {
    if (err instanceof Refusal) throw err;
    refuse('zip_invalid', e.name, `${e.name} cannot be inflated (${String(err)}).`);
  }
  if (written !== e.size)
    refuse(
      'zip_size_mismatch',
      e.name,
      `${e.name} inflates to ${written} bytes, not the ${e.size} it declares.`,
    );
  return out;
}
