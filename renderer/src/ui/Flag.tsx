/**
 * A country's flag beside its name: the flag emoji where this machine draws one, else the
 * two-letter code in a small badge. Flags are pairs of regional indicator letters that only an
 * emoji font joins into one picture; without one (Debian without fonts-noto-color-emoji, CI's
 * Chromium, Windows, whose emoji font has no flags) the pair shows as two boxes or two loose
 * letters, which tell a user less than "CN". Decoration only: the country's name is the text.
 */
import { flagEmoji, flagsDrawn } from './flag';

export function Flag({ code }: { code: string }): React.JSX.Element | null {
  const emoji = flagEmoji(code);
  if (emoji === '') return null;
  return flagsDrawn() ? (
    <span className="flag" aria-hidden="true">
      {emoji}
    </span>
  ) : (
    <span className="flag flag-code" aria-hidden="true">
      {code}
    </span>
  );
}
