/**
 * IndexedDB rows of issue 5 (attachments), declared in db/schema.ts version 4, and of their
 * drafts (issue 10), version 17.
 */
import type { AttachmentRef, OrderRef } from '../../../../shared/protocol';

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

/** One file waiting in a composer. */
export interface DraftFile {
  ref: AttachmentRef;
  /**
   * The bytes in `attachmentBlobs` were stored for drafts and no message refers to them yet: when
   * the last draft holding them lets them go unsent, they are deleted. False when they were on
   * the device already (a file sent or received before) or a message has taken them since.
   */
  own: boolean;
}

/**
 * What waits in a conversation's composer besides its text (the text is `drafts`): the attached
 * files in the order they were attached, by reference (their bytes are in `attachmentBlobs`,
 * written once when attached and read from there when sent), and the attached order reference.
 * No row when nothing is attached.
 */
export interface DraftFilesRow {
  conversationId: string;
  files: DraftFile[];
  order: OrderRef | null;
  updatedAt: string;
}
