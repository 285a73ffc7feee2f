/** A message's attachments: photos inline as thumbnails (opened full size in a dialog), other files as chips. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AttachmentRef } from '../../../../shared/protocol';
import { host } from '../../host';
import { useSession } from '../../sync/session';
import { Icon } from '../../ui/icons';
import { formatSize } from '../../ui/size';
import { isInlineImage } from './logic';
import { loadAttachment } from './store';
import { useAttachment } from './useAttachment';

export function AttachmentList({
  attachments,
}: {
  attachments: readonly AttachmentRef[];
}): React.JSX.Element | null {
  if (attachments.length === 0) return null;
  return (
    <div className="attachments">
      {attachments.map((a) =>
        isInlineImage(a.mime) ? (
          <Photo key={a.sha256} attachment={a} />
        ) : (
          <FileChip key={a.sha256} attachment={a} />
        ),
      )}
    </div>
  );
}

function Photo({ attachment: a }: { attachment: AttachmentRef }): React.JSX.Element {
  const { t } = useTranslation();
  const state = useAttachment(a);
  const [open, setOpen] = useState(false);
  // Reserve the photo's box before it loads so the list does not jump.
  const w = a.width && a.height ? Math.min(240, a.width) : 160;
  const h = a.width && a.height ? Math.round((w * a.height) / a.width) : 120;
  return (
    <>
      <button
        type="button"
        className="photo"
        onClick={() => setOpen(true)}
        disabled={state.kind !== 'ready'}
        aria-label={t('evidence.openPhoto', { name: a.name })}
      >
        {state.kind === 'ready' ? (
          <img src={state.url} alt={t('evidence.photo', { name: a.name })} width={w} height={h} />
        ) : (
          <span className="photo-placeholder" style={{ width: w, height: h }}>
            {state.kind === 'loading' ? t('evidence.loading') : t('evidence.unavailable')}
          </span>
        )}
      </button>
      {open && state.kind === 'ready' && (
        <PhotoViewer attachment={a} fullUrl={state.fullUrl} onClose={() => setOpen(false)} />
      )}
    </>
  );
}

/** The full-size photo in a modal dialog; Escape or the close button closes it and focus returns. */
function PhotoViewer({
  attachment: a,
  fullUrl,
  onClose,
}: {
  attachment: AttachmentRef;
  fullUrl: () => string;
  onClose: () => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [url] = useState(fullUrl);
  useEffect(() => {
    const d = ref.current;
    d?.showModal();
    return () => {
      URL.revokeObjectURL(url);
    };
  }, [url]);
  return (
    <dialog
      ref={ref}
      className="photo-viewer"
      aria-label={t('evidence.viewer', { name: a.name })}
      onClose={onClose}
    >
      <img src={url} alt={t('evidence.photo', { name: a.name })} />
      <p className="photo-caption">
        <span dir="auto">{a.name}</span> · {formatSize(a.size)}
        {a.width && a.height ? ` · ${a.width}×${a.height}` : ''}
      </p>
      <button type="button" className="button-ghost" onClick={() => ref.current?.close()}>
        {t('evidence.close')}
      </button>
    </dialog>
  );
}

function FileChip({ attachment: a }: { attachment: AttachmentRef }): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine } = useSession();
  const save = async (): Promise<void> => {
    const row = await loadAttachment(db, engine.session, a);
    if (row) await host.saveFile({ suggestedName: a.name, mime: row.mime, data: new Uint8Array(row.bytes) });
  };
  return (
    <button
      type="button"
      className="file-chip"
      onClick={() => void save()}
      aria-label={t('evidence.download', { name: a.name })}
    >
      <Icon name="file" size={16} />
      <span className="file-name" dir="auto">
        {a.name}
      </span>
      <span className="file-size">{formatSize(a.size)}</span>
    </button>
  );
}
