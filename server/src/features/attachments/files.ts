/**
 * Attachment bytes as files, content-addressed: `<dir>/ab/cd/<sha256>` (the first two pairs of
 * hex digits as folders, so no folder holds more than a few thousand files).
 *
 * An upload is streamed into `<dir>/tmp/` while it is hashed and counted (`receive`), never held
 * whole in memory and never worked on by the event loop for longer than one chunk; once the hash
 * is checked it is fsynced and renamed into place (`commit`), then its folder is fsynced, so a
 * file under its final name is always complete. Identical concurrent uploads each write their own
 * temporary file and rename onto the same name: the bytes are the same, the last rename wins,
 * nothing is stored twice.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { AppError } from '../../../../shared/result';

/** Bytes kept from the start of an upload to sniff its type (shared/evidence/sniff.ts reads at most 64 KiB). */
const HEAD_BYTES = 64 * 1024;

export interface Received {
  sha256: string;
  size: number;
  /** The first bytes, for type sniffing. */
  head: Uint8Array;
  /** The temporary file holding all of it. */
  tempPath: string;
}

export const pathOf = (dir: string, sha256: string): string =>
  join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);

/**
 * Streams `body` into a temporary file under `dir`, hashing and counting on the way; more than
 * `limit` bytes stops it with `too_large` (and the temporary file is removed).
 */
export async function receive(body: Readable, dir: string, limit: number): Promise<Received> {
  const tmpDir = join(dir, 'tmp');
  await mkdir(tmpDir, { recursive: true });
  const tempPath = join(tmpDir, `${randomUUID()}.part`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) {
        done(new AppError('too_large', `An attachment has at most ${limit} bytes.`));
        return;
      }
      hash.update(chunk);
      if (headBytes < HEAD_BYTES) {
        const part = chunk.subarray(0, HEAD_BYTES - headBytes);
        head.push(Buffer.from(part)); // a copy: the chunk's memory goes on to the file
        headBytes += part.length;
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(tempPath, { flags: 'wx' }));
  } catch (err) {
    await rm(tempPath, { force: true });
    throw err;
  }
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(head), tempPath };
}

/** fsyncs the temporary file, renames it to its content address and fsyncs the folder. */
export async function commit(dir: string, received: Received): Promise<void> {
  const target = pathOf(dir, received.sha256);
  const folder = join(dir, received.sha256.slice(0, 2), received.sha256.slice(2, 4));
  await mkdir(folder, { recursive: true });
  const file = await open(received.tempPath, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(received.tempPath, target);
  const d = await open(folder, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}

/** Removes a temporary file that will not be committed. */
export function discard(received: Received): Promise<void> {
  return rm(received.tempPath, { force: true });
}

/** The file of `sha256` as a stream, or null when it is not on disk. */
export async function openFile(
  dir: string,
  sha256: string,
): Promise<{ size: number; stream: () => ReadStream } | null> {
  const path = pathOf(dir, sha256);
  try {
    const s = await stat(path);
    return { size: s.size, stream: () => createReadStream(path) };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * The attachments directory of a deployment: `TRADEWIND_ATTACHMENTS_DIR` if set; else
 * `<data>/attachments` on the embedded store, and none (bytes in the database) on PostgreSQL,
 * whose nodes share no disk unless the operator names one.
 */
export function attachmentsDirOf(
  env: { TRADEWIND_ATTACHMENTS_DIR?: string; DATABASE_URL?: string },
  dataDir: string,
): string | null {
  if (env.TRADEWIND_ATTACHMENTS_DIR) return env.TRADEWIND_ATTACHMENTS_DIR;
  return env.DATABASE_URL ? null : join(dataDir, 'attachments');
}
