/**
 * Row type of the table Dexie version 8 adds (issue 11), owned by the quick replies feature. It
 * lives down here with db/schema.ts, which declares the table, so db/ imports no feature.
 */
import type { ErrorCode } from '../../../../shared/result';

/**
 * One of my quick replies as the server last told us, or as I changed it here and the server has
 * not acknowledged yet (`pending`). A reply deleted here stays as a row (`deleted`) until the
 * server acknowledges the deletion.
 */
export interface QuickReplyRow {
  /** Client-chosen UUID, the server's id too. */
  id: string;
  name: string;
  text: string;
  deleted: boolean;
  /** The server version of the state last taken from the server; 0 = never on the server. */
  version: number;
  /** ISO time of the last change (the server's, or local while pending). */
  updatedAt: string;
  /** A local change not yet acknowledged by the server; absent = in step with it. */
  pending?: 'put' | 'delete';
  /** Bumped by every local change, so the ack of an older change does not clear a newer one. */
  localRev?: number;
  /** The server refused the last local change for good (it stays here, shown with the reason). */
  refused?: ErrorCode;
}
