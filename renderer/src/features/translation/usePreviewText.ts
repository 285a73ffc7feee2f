/**
 * The contact list's preview of a conversation's last message in the reader's language (issue 12:
 * it showed the raw foreign text). Reads the newest message and its cached translation; when an
 * incoming last message has none yet, asks the server once for that one text (as opening the
 * conversation would), so a new message is previewed translated before it is opened.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { useSession } from '../../sync/session';
import { useTranslationLanguages } from './languages';
import { displayOf, previewOf, readingLanguage, toCacheRow, translateItemOf } from './logic';
import { readAutoTranslate, storeTranslations } from './repo';

const REQUEST_TIMEOUT_MS = 20_000;
/** `${clientId}:${target}` asked for in this window: never twice (failures wait for the conversation). */
const asked = new Set<string>();

export function usePreviewText(
  conversationId: string,
  partnerId: string,
  lastText: string | null,
): string | null {
  const { db, engine, me } = useSession();
  const languages = useTranslationLanguages(engine);
  const available = languages.status === 'ready' && languages.value.available;
  const found = useLiveQuery(async () => {
    if (lastText === null) return null;
    const [last, meRow, prefs, auto] = await Promise.all([
      db.messages
        .where('[conversationId+sort]')
        .between([conversationId, -Infinity], [conversationId, Infinity])
        .last(),
      db.meta.get('me'),
      db.translationPrefs.get(conversationId),
      readAutoTranslate(db),
    ]);
    if (!last) return null;
    const target = meRow?.key === 'me' && auto ? readingLanguage(meRow.value.readLanguage, prefs) : null;
    const cached = target ? await db.translations.get([last.clientId, target]) : undefined;
    const preview = previewOf(last, me, target, cached, prefs?.showOriginals ?? false);
    const pending = target !== null && displayOf(last, me, target, cached, undefined).kind === 'pending';
    return { preview: preview.text, last, target: pending ? target : null };
    // lastText: a new last message re-runs this even where the read range did not change.
  }, [db, conversationId, me, lastText]);

  const missing = found?.target ?? null;
  const last = found?.last;
  useEffect(() => {
    if (!missing || !last || !available || last.seq === undefined) return;
    const key = `${last.clientId}:${missing}`;
    if (asked.has(key)) return;
    asked.add(key);
    const item = translateItemOf(last);
    void engine
      .request(
        'translate:texts',
        { items: [item], targetLang: missing, partner: partnerId },
        REQUEST_TIMEOUT_MS,
      )
      .then(async (r) => {
        if (!r.ok) {
          asked.delete(key); // offline or a timeout: the next render may ask again
          return;
        }
        const iso = new Date().toISOString();
        await storeTranslations(
          db,
          r.value.items.flatMap((it) => toCacheRow(it, missing, conversationId, iso) ?? []),
        );
      });
  }, [missing, last, available, engine, db, conversationId, partnerId]);

  return found?.preview ?? lastText;
}
