/**
 * The composer's live preview: ~400 ms after the writer stops typing, the draft in the partner's
 * language and its back-translation into the writer's. Never blocks the composer: a failed or
 * late preview only means the message goes without an approved translation.
 */
import { useEffect, useState } from 'react';
import type { TranslationItemResult } from '../../../../shared/protocol/translation';
import type { ErrorCode } from '../../../../shared/result';
import { useContact, useMe } from '../../db/hooks';
import { useSession } from '../../sync/session';
import { approvedTranslation, draftLanguage, partnerLanguage, previewSourceLanguage } from './logic';

export const PREVIEW_DEBOUNCE_MS = 400;

export type PreviewState =
  | { status: 'none' }
  | { status: 'working'; targetLang: string }
  | {
      status: 'ready';
      forText: string;
      targetLang: string;
      /** The language the draft was translated from (see `draftLanguage`). */
      sourceLang: string | null;
      result: TranslationItemResult;
      back: TranslationItemResult | null;
    }
  | {
      status: 'error';
      targetLang: string;
      code: ErrorCode;
      message: string;
      /** For `unsupported`: the language DeepL does not offer. */
      lang?: string;
    };

export interface ComposerPreview {
  state: PreviewState;
  /** What to send with `message:send` for this draft: its declared language and approved translation. */
  extrasFor: (draft: string) => { lang?: string; translation?: { text: string; lang: string } };
}

export function useComposerPreview(partnerId: string, draft: string): ComposerPreview {
  const { db, engine } = useSession();
  const me = useMe(db);
  const partner = useContact(db, partnerId);
  const myLang = me?.readLanguage ?? null;
  const target = myLang && partner ? partnerLanguage(partner.user.profile.languages, myLang) : null;
  // My glossary for the partner's group applies when I have none for the partner.
  const groupId = partner?.groupId ?? null;
  // The last answer, for the draft and language it was asked for; what is shown derives from it.
  const [answer, setAnswer] = useState<
    (Exclude<PreviewState, { status: 'none' | 'working' }> & { forText: string }) | null
  >(null);
  const text = draft.trim();
  const sourceLang = previewSourceLanguage(text, myLang);

  useEffect(() => {
    if (!target || text === '') return;
    let live = true;
    const timer = setTimeout(() => {
      void engine
        .request(
          'translate:preview',
          {
            text,
            targetLang: target,
            ...(sourceLang ? { sourceLang } : {}),
            partner: partnerId,
            ...(groupId ? { groupId } : {}),
          },
          15_000,
        )
        .then((r) => {
          if (!live) return;
          if (!r.ok)
            setAnswer({
              status: 'error',
              forText: text,
              targetLang: target,
              code: r.code,
              message: r.message,
            });
          else if (r.value.translation.state === 'failed') {
            const f = r.value.translation;
            setAnswer({
              status: 'error',
              forText: text,
              targetLang: target,
              code: f.code,
              message: f.message,
              ...(f.lang ? { lang: f.lang } : {}),
            });
          } else
            setAnswer({
              status: 'ready',
              forText: text,
              targetLang: target,
              sourceLang,
              result: r.value.translation,
              back: r.value.backTranslation,
            });
        });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text, target, sourceLang, partnerId, groupId, engine]);

  const state: PreviewState =
    !target || text === ''
      ? { status: 'none' }
      : answer && answer.forText === text && answer.targetLang === target
        ? answer
        : { status: 'working', targetLang: target };

  return {
    state,
    extrasFor: (d) => {
      const ready = state.status === 'ready' ? state : null;
      const translation = approvedTranslation(d, ready);
      const lang = draftLanguage(
        d,
        ready ? { forText: ready.forText, sourceLang: ready.sourceLang, answered: true } : null,
      );
      return { ...(lang ? { lang } : {}), ...(translation ? { translation } : {}) };
    },
  };
}
