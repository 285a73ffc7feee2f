/**
 * The sync engine's attachment steps (issue 5), plugged in by app/ before the engine starts: a
 * queued message's bytes go up before the message, and incoming attachments are fetched into
 * IndexedDB so they open offline later.
 */
import type { SyncEngine } from '../../sync/engine';
import { cacheAttachments, ensureUploaded } from './store';

export function installAttachmentSync(engine: SyncEngine): void {
  const { db, session } = engine;
  engine.use({
    // Idempotent: the bytes are addressed by hash.
    beforeSend: (request) => ensureUploaded(db, session, request.attachments ?? []),
    stored: (messages) => {
      const refs = messages.filter((m) => m.sender !== engine.me).flatMap((m) => m.attachments);
      if (refs.length === 0) return;
      cacheAttachments(db, session, refs).catch((e: unknown) => console.warn('attachment cache failed', e));
    },
  });
}
