/**
 * Above the composer while replying (issue 11): who and what is being replied to, and a button
 * (or Escape in the field) to cancel. The reply itself is sent by the composer with `replyTo`.
 */
import { useTranslation } from 'react-i18next';
import { useSession } from '../../sync/session';
import { setComposerMode, useComposerMode } from './composerMode';
import './conversation.css';

/** The reply target of this conversation's composer, as `message:send`'s `replyTo`. */
export function useReplyTo(conversationId: string): { seq: number } | undefined {
  const mode = useComposerMode(conversationId);
  return mode?.kind === 'reply' && mode.message.seq !== undefined ? { seq: mode.message.seq } : undefined;
}

export function ReplyBar({
  conversationId,
  partnerName,
}: {
  conversationId: string;
  partnerName: string;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const { me } = useSession();
  const mode = useComposerMode(conversationId);
  if (mode?.kind !== 'reply') return null;
  const m = mode.message;
  const name = m.sender === me ? t('conversation.you') : partnerName;
  return (
    <div className="composer-mode reply-bar" role="group" aria-label={t('bubble.replyingTo', { name })}>
      <span className="composer-mode-title">↩ {t('bubble.replyingTo', { name })}</span>
      <span className="composer-mode-text" dir="auto">
        {m.text || m.attachments[0]?.name || m.order?.orderNo}
      </span>
      <button type="button" className="button-ghost" onClick={() => setComposerMode(conversationId, null)}>
        {t('bubble.cancelReply')}
      </button>
    </div>
  );
}
