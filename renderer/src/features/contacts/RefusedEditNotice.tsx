/**
 * The sentence the contact tree shows when the server refused an offline edit for good (a group
 * deleted on another device, a note too long once merged …): what was undone, why, and for a note
 * the text itself so the user's words are not lost. Dismissed by the user.
 */
import { useTranslation } from 'react-i18next';
import { useContact } from '../../db/hooks';
import { useSession } from '../../sync/session';
import type { RefusedEdit } from '../../db/rows/contacts';
import { useRefusedEdit } from './useTree';

function reasonKey(
  code: RefusedEdit['code'],
): 'refused.reasonGone' | 'refused.reasonTooLarge' | 'refused.reasonOther' {
  if (code === 'not_found') return 'refused.reasonGone';
  if (code === 'too_large') return 'refused.reasonTooLarge';
  return 'refused.reasonOther';
}

export function RefusedEditNotice(): React.JSX.Element | null {
  const { t } = useTranslation();
  const { db } = useSession();
  const refused = useRefusedEdit(db);
  const contact = useContact(db, refused?.memberId ?? null);
  if (!refused) return null;
  const name = contact?.displayName ?? refused.memberId ?? '';
  const reason = t(reasonKey(refused.code));
  const sentence =
    refused.kind === 'note'
      ? t('refused.note', { name, reason })
      : refused.kind === 'move' || refused.kind === 'pin'
        ? t('refused.contact', { name, reason })
        : t('refused.group', { reason });
  return (
    <div className="refused-edit" role="alert">
      <p>{sentence}</p>
      {refused.note !== undefined && (
        <textarea readOnly aria-label={t('refused.yourText')} value={refused.note} rows={3} />
      )}
      <button type="button" className="button-ghost" onClick={() => void db.prefs.delete('groupEditRefused')}>
        {t('refused.dismiss')}
      </button>
    </div>
  );
}
