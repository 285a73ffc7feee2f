import type { Translate } from '../clock';
import { usePresenceKnown } from '../presence';

/**
 * A section header's "online/total". While my own connection is down the online figure would be
 * the last-known one, so it shows as unknown ("–/12"), as a contact row shows "status unknown
 * since …" then (issue 12).
 */
export function TreeCount({
  online,
  total,
  t,
}: {
  online: number;
  total: number;
  t: Translate;
}): React.JSX.Element {
  const known = usePresenceKnown();
  return (
    <span
      className="tree-count"
      title={known ? t('groups.countsLabel', { online, total }) : t('groups.countsUnknownLabel', { total })}
    >
      {known ? t('groups.counts', { online, total }) : t('groups.countsUnknown', { total })}
    </span>
  );
}
