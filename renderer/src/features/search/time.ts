import { locale } from '../../i18n';
import { dateFormat } from '../../ui/format';

/** A message's time in the sender's own time zone, with its offset: "3 Dec 2026, 14:02 GMT+8". */
export function senderTime(iso: string, timeZone: string): string {
  try {
    return dateFormat(locale(), {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
      timeZoneName: 'shortOffset',
    }).format(new Date(iso));
  } catch {
    return new Date(iso).toISOString();
  }
}
