import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageRow } from '../../db/schema';
import { useSearch } from './useSearch';
import './search.css';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
/** Hits of one conversation read at most (the newest ones). */
const LIMIT = 1000;

interface Props {
  conversationId: string;
  /** Show this hit: scroll the conversation to it and flash it. */
  onGo: (message: MessageRow) => void;
}

/**
 * Ctrl/Cmd+F inside a conversation: searches only it; ↑ goes to the older hit, ↓ to the newer
 * one (Enter = ↑, Shift+Enter = ↓), starting from the newest. Escape closes.
 */
export function FindBar({ conversationId, onGo }: Props): React.JSX.Element | null {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const filters = useMemo(() => ({ conversationId }), [conversationId]);
  const { result } = useSearch(open ? text : '', filters, LIMIT);
  // Oldest first, so ↑ (older) is a smaller index.
  const hits = useMemo(() => [...(result?.hits ?? [])].reverse(), [result]);
  // The hit shown, for one answer (a new answer starts again from its newest hit).
  const newest = hits[hits.length - 1];
  const answer = `${newest?.message.clientId ?? ''}:${hits.length}`;
  const [pos, setPos] = useState<{ answer: string; at: number } | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const current = pos?.answer === answer ? pos.at : hits.length - 1;

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if ((isMac ? e.metaKey : e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        setOpen(true);
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A new answer shows its newest hit.
  useEffect(() => {
    if (newest) onGo(newest.message);
    // onGo is the conversation's (a new function each render); a new answer is what triggers this
  }, [answer]); // eslint-disable-line react-hooks/exhaustive-deps

  if (!open) return null;

  const go = (step: number): void => {
    if (hits.length === 0) return;
    const next = Math.min(hits.length - 1, Math.max(0, current + step));
    setPos({ answer, at: next });
    const hit = hits[next];
    if (hit) onGo(hit.message);
  };

  const close = (): void => {
    setOpen(false);
    setText('');
    setPos(null);
  };

  return (
    <div className="find-bar" role="search" aria-label={t('search.find')}>
      <input
        ref={input}
        type="search"
        aria-label={t('search.find')}
        placeholder={t('search.findPlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            close();
          } else if (
            e.key === 'ArrowUp' ||
            (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing)
          ) {
            e.preventDefault();
            go(-1);
          } else if (e.key === 'ArrowDown' || (e.key === 'Enter' && e.shiftKey)) {
            e.preventDefault();
            go(1);
          }
        }}
        dir="auto"
        autoComplete="off"
        spellCheck={false}
        // Opened by Ctrl/Cmd+F: the field is where the user types.
        // eslint-disable-next-line jsx-a11y/no-autofocus
        autoFocus
      />
      <span className="find-count" role="status">
        {result &&
          (hits.length === 0
            ? t('search.findNone')
            : t('search.findCount', { index: String(current + 1), n: String(hits.length) }))}
      </span>
      <button
        type="button"
        className="button-ghost"
        aria-label={t('search.previous')}
        title={t('search.previous')}
        disabled={current <= 0}
        onClick={() => go(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button-ghost"
        aria-label={t('search.next')}
        title={t('search.next')}
        disabled={current >= hits.length - 1}
        onClick={() => go(1)}
      >
        ↓
      </button>
      <button type="button" className="button-ghost" onClick={close}>
        {t('search.closeFind')}
      </button>
    </div>
  );
}
