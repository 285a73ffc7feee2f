/**
 * The export worker's sink: each stretch of the zip becomes a Blob as soon as it is written, so
 * its arrays can go; the finished zip is a Blob made of those Blobs (Chromium keeps a Blob's
 * bytes in its blob storage, outside the page's and the worker's memory, and a Blob made of Blobs
 * refers to them rather than copying). The self-check reads the finished Blob back with
 * positioned, synchronous reads (`FileReaderSync`, which dedicated workers have), as the
 * command-line verifier reads a file. Where there is no `FileReaderSync` (the main-thread
 * fallback), the zip stays in memory as parts.
 */
import type { ZipSource } from '../../../../shared/evidence/zipRead';
import { memorySink, type ExportSink } from './build';

interface SyncReader {
  readAsArrayBuffer(blob: Blob): ArrayBuffer;
}

const ZIP_TYPE = 'application/zip';

/** A Blob as a zip source: each read is one synchronous read of a slice. */
export function blobSource(blob: Blob, reader: SyncReader): ZipSource {
  return {
    length: blob.size,
    read: (start, end) => new Uint8Array(reader.readAsArrayBuffer(blob.slice(start, end))),
  };
}

/** A stretch of the zip: a Blob, or (no `FileReaderSync`) its parts kept in memory. */
export type Stretch = Blob | Uint8Array[];

/** A Blob for each stretch, the zip a Blob of them; in memory where the thread cannot read Blobs synchronously. */
export function blobSink(): ExportSink<Stretch, Blob> {
  const Reader = (globalThis as { FileReaderSync?: new () => SyncReader }).FileReaderSync;
  const reader = Reader ? new Reader() : null;
  const mem = memorySink();
  return {
    put: (parts) => (reader ? new Blob(parts as Uint8Array<ArrayBuffer>[]) : parts),
    finish: (stretches, size) => {
      if (reader) {
        const zip = new Blob(stretches as Blob[], { type: ZIP_TYPE });
        return { zip, source: blobSource(zip, reader) };
      }
      const { zip, source } = mem.finish(stretches as Uint8Array[][], size);
      return { zip: new Blob(zip.parts as Uint8Array<ArrayBuffer>[], { type: ZIP_TYPE }), source };
    },
    read: async (stretch, start, end) =>
      stretch instanceof Blob
        ? new Uint8Array(await stretch.slice(start, end).arrayBuffer())
        : mem.read(stretch, start, end),
  };
}
