/**
 * The composer's attach button (file picker), the files waiting to be sent (stored with the
 * conversation's draft, drafts.ts), and refusals (size limits, a file this device could not store).
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../../shared/protocol';
import { useSession } from '../../sync/session';
import { Icon } from '../../ui/icons';
import { addDraftFiles, removeDraft, useDraftAttachments } from './drafts';
import { formatSize } from '../../ui/size';
import { isInlineImage } from './logic';

export function AttachButton({ partnerId }: { partnerId: string }): React.JSX.Element {
  const { t } = useTranslation();
  const session = useSession();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button
        type="button"
        className="tool-button"
        onClick={() => input.current?.click()}
        aria-label={t('evidence.attach')}
        title={t('evidence.attach')}
      >
        {/* A paperclip; emoji glyphs are missing from some Linux fonts. */}
        <svg
          width="18"
          height="18"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.8"
          strokeLinecap="round"
          aria-hidden="true"
        >
          <path d="M20 11.5l-7.8 7.8a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8" />
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        aria-label={t('evidence.attach')}
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void addDraftFiles(session, partnerId, files);
        }}
      />
    </>
  );
}

export function DraftAttachments({ partnerId }: { partnerId: string }): React.JSX.Element | null {
  const { t } = useTranslation();
  const session = useSession();
  const draft = useDraftAttachments(partnerId);
  if (draft.items.length === 0 && draft.preparing === 0 && draft.refused.length === 0) return null;
  return (
    <div className="draft-attachments">
      {(draft.items.length > 0 || draft.preparing > 0) && (
        <ul aria-label={t('evidence.attached')} aria-busy={draft.preparing > 0}>
          {draft.items.map((a) => (
            <li key={a.sha256} className="draft">
              <Icon name={isInlineImage(a.mime) ? 'photo' : 'file'} size={16} />
              <span dir="auto" className="file-name">
                {a.name}
              </span>
              <span className="file-size">{formatSize(a.size)}</span>
              <button
                type="button"
                className="chip-x"
                onClick={() => {
                  removeDraft(session, partnerId, a.sha256).catch((e: unknown) =>
                    console.warn('attachment draft not removed', e),
                  );
                }}
                aria-label={t('evidence.removeAttachment', { name: a.name })}
              >
                ×
              </button>
            </li>
          ))}
          {draft.preparing > 0 && <li className="draft preparing">{t('evidence.loading')}</li>}
        </ul>
      )}
      {draft.refused.length > 0 && (
        <p role="alert" className="refused">
          {draft.refused
            .map(({ reason, name: raw }) => {
              // A file name is isolated from the sentence around it: "IMG (2).jpg" in an Arabic
              // sentence would otherwise lend its digits and brackets to the words beside it.
              const name = `\u2068${raw}\u2069`;
              return reason === 'tooLarge'
                ? t('evidence.tooLarge', { name, limit: formatSize(LIMITS.attachmentBytes) })
                : reason === 'empty'
                  ? t('evidence.empty', { name })
                  : reason === 'notStored'
                    ? t('draft.notStored', { name })
                    : reason === 'notRestored'
                      ? t('draft.notRestored', { name })
                      : t('evidence.tooMany', { count: LIMITS.attachmentsPerMessage });
            })
            .join(' ')}
        </p>
      )}
    </div>
  );
}
