/** A cached attachment for display: an object URL of its thumbnail (or bytes), fetched into the cache on first use. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import type { AttachmentRef } from '../../../../shared/protocol';
import { useSession } from '../../sync/session';
import { loadAttachment } from './store';

export type AttachmentState =
  { kind: 'loading' } | { kind: 'missing' } | { kind: 'ready'; url: string; fullUrl: () => string };

export function useAttachment(ref: AttachmentRef, prefer: 'thumb' | 'full' = 'thumb'): AttachmentState {
  const { db, engine } = useSession();
  const row = useLiveQuery(() => db.attachmentBlobs.get(ref.sha256), [db, ref.sha256]);
  const [missing, setMissing] = useState(false);
  useEffect(() => {
    if (row !== undefined || missing) return;
    let live = true;
    void loadAttachment(db, engine.session, ref).then((r) => {
      if (live && !r) setMissing(true);
    });
    return () => {
      live = false;
    };
  }, [row, missing, db, engine.session, ref]);
  const blob = useMemo(() => {
    if (!row) return null;
    if (prefer === 'thumb' && row.thumb) return row.thumb;
    return new Blob([row.bytes as Uint8Array<ArrayBuffer>], { type: row.mime });
  }, [row, prefer]);
  const url = useMemo(() => (blob ? URL.createObjectURL(blob) : null), [blob]);
  useEffect(
    () => () => {
      if (url) URL.revokeObjectURL(url);
    },
    [url],
  );
  if (url && row) {
    return {
      kind: 'ready',
      url,
      fullUrl: () =>
        URL.createObjectURL(new Blob([row.bytes as Uint8Array<ArrayBuffer>], { type: row.mime })),
    };
  }
  return missing ? { kind: 'missing' } : { kind: 'loading' };
}
