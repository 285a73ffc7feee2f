import type { PresenceState } from '../../../shared/protocol';
import { hueOf, initials } from './format';
import { useTranslation } from 'react-i18next';

interface Props {
  id: string;
  name: string;
  /** 'unknown': I am offline myself, so their state is not known (issue 12). */
  presence?: PresenceState | 'unknown' | undefined;
  size?: 'sm' | 'md' | 'lg';
  /** More about the presence (e.g. "Last seen 14:02"), for the dot's tooltip and name. */
  presenceDetail?: string | undefined;
}

/** Initials on a stable colour, with the presence dot when given. */
export function Avatar({ id, name, presence, size = 'md', presenceDetail }: Props): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span
      className={`avatar avatar-${size}`}
      style={{ '--hue': hueOf(id) } as React.CSSProperties}
      aria-hidden={presence === undefined}
    >
      <span aria-hidden="true">{initials(name)}</span>
      {presence !== undefined && (
        <span
          className={`dot dot-${presence}`}
          role="img"
          aria-label={
            presenceDetail ? `${t(`presence.${presence}`)} · ${presenceDetail}` : t(`presence.${presence}`)
          }
          title={
            presenceDetail ? `${t(`presence.${presence}`)} · ${presenceDetail}` : t(`presence.${presence}`)
          }
        />
      )}
    </span>
  );
}
