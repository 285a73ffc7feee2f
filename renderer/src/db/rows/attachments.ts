/**
 * IndexedDB rows of issue 5 (attachments), declared in db/schema.ts version 4.
 */

/**
 * The bytes of one attachment, content-addressed: written with the outgoing message (so an
 * offline send survives a reload) or fetched from the server for an incoming one (offline cache).
 */
export interface AttachmentBlobRow {
  sha256: string;
  /** The file's bytes exactly as hashed. */
  bytes: Uint8Array;
  /** Type sniffed from the bytes (never the file name's claim). */
  mime: string;
  size: number;
  /** A small JPEG/PNG preview for photos (null for other files or when decoding failed). */
  thumb: Blob | null;
  /** 1 once the server has the bytes (PUT answered, or they came from the server). Numeric: indexable. */
  uploaded: 0 | 1;
  storedAt: string;
}
