/**
 * Quick replies in the composer (UI.md § Quick replies): typing `/` at the start of a line opens
 * my saved replies in a list above the composer, filtered as I type; ↑/↓ choose, Enter or Tab
 * inserts, Esc closes. The tool-row button opens the same list with a search field. The chosen
 * reply replaces the `/query` (or goes in at the caret) with `{name}`, `{order}` and `{me}` filled
 * in; a placeholder with no value here stays and is selected, to be typed over. What is inserted is
 * ordinary composer text, so the translation preview follows as for anything typed.
 *
 * The composer keeps its text; this hook only reads it and sets it through the composer's own
 * change handler (draft, typing notice), so Composer.tsx changes by a few lines.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conversationIdFor } from '../../../../shared/protocol';
import { useMe, useOrderMessages } from '../../db/hooks';
import type { QuickReplyRow } from '../../db/rows/quickReplies';
import { useSession } from '../../sync/session';
import { ordersIn, useOrderUi } from '../orders';
import { fillPlaceholders, insertAt, matchReplies, slashQueryAt, type PlaceholderValues } from './logic';
import { useQuickReplies } from './repo';
import './quickReplies.css';

export interface QuickReplyPickerOptions {
  partnerId: string;
  /** The partner's display name: `{name}`. */
  partnerName: string;
  /** The composer's text. */
  text: string;
  /** Sets the composer's text as typing would (the composer's change handler). */
  setText: (value: string) => void;
  inputRef: React.RefObject<HTMLTextAreaElement | null>;
}

export interface QuickReplyPicker {
  /** Spread on the composer's textarea. */
  inputProps: Pick<
    React.TextareaHTMLAttributes<HTMLTextAreaElement>,
    | 'onSelect'
    | 'onInput'
    | 'onFocus'
    | 'onBlur'
    | 'aria-autocomplete'
    | 'aria-controls'
    | 'aria-activedescendant'
  >;
  /** Call first in the textarea's onKeyDown: true = the list took the key (do not send). */
  onKeyDown: (e: React.KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** The button for the composer's tool row. */
  button: React.JSX.Element;
  /** The list, to render just before the textarea; null while closed. */
  list: React.JSX.Element | null;
  /** The list is open (the text is a `/query`, or the search field is out): no message to preview. */
  open: boolean;
}

/**
 * The order number `{order}` stands for: the order attached in the composer, else the order the
 * conversation is filtered to, else the one mentioned last in it; null when it mentions none.
 */
function useCurrentOrder(partnerId: string): string | null {
  const { db, me } = useSession();
  const conversationId = conversationIdFor(me, partnerId);
  const attached = useOrderUi((s) => s.composerOrder[partnerId]?.orderNo ?? null);
  const filtered = useOrderUi((s) => s.orderFilter[conversationId] ?? null);
  const messages = useOrderMessages(db, conversationId);
  return attached ?? filtered ?? ordersIn(messages ?? [])[0]?.orderNo ?? null;
}

type Browse = { from: number; to: number; filter: string } | null;

export function useQuickReplyPicker({
  partnerId,
  partnerName,
  text,
  setText,
  inputRef,
}: QuickReplyPickerOptions): QuickReplyPicker {
  const { t, i18n } = useTranslation();
  const { db } = useSession();
  const replies = useQuickReplies(db, i18n.language);
  const meRow = useMe(db);
  const order = useCurrentOrder(partnerId);
  const listId = useId();
  const [caret, setCaret] = useState(0);
  const [focused, setFocused] = useState(false);
  /** The `/` (its index) whose list the user closed with Esc: not offered again until it is gone. */
  const [dismissed, setDismissed] = useState<number | null>(null);
  /** Opened with the button: where the reply goes, and the search field's text. */
  const [browse, setBrowse] = useState<Browse>(null);
  /** The highlighted option, for the query it was chosen in (a new query starts at the best match). */
  const [active, setActive] = useState({ query: '', index: 0 });
  const selectAfter = useRef<[number, number] | null>(null);

  // After inserting a reply: the caret after it, or the placeholder to type over selected.
  useEffect(() => {
    const el = inputRef.current;
    const pending = selectAfter.current;
    if (!el || !pending || el.value !== text) return;
    selectAfter.current = null;
    el.focus();
    el.setSelectionRange(pending[0], pending[1]);
  }, [text, inputRef]);

  const slash = browse ? null : slashQueryAt(text, caret);
  const query = browse ? browse.filter : (slash?.query ?? '');
  const matches = matchReplies(replies ?? [], query, i18n.language);
  const none = (replies?.length ?? 0) === 0;
  const slashOpen = slash !== null && focused && slash.start !== dismissed && replies !== undefined;
  // A `/query` that matches nothing is just text: the list steps aside.
  const showSlash = slashOpen && (matches.length > 0 || (slash.query === '' && none));
  const open = showSlash || browse !== null;
  const current = active.query === query ? Math.min(active.index, Math.max(0, matches.length - 1)) : 0;
  const optionId = (i: number): string => `${listId}-${i}`;

  const choose = (reply: QuickReplyRow): void => {
    const values: PlaceholderValues = {
      name: partnerName,
      order,
      me: meRow?.displayName ?? null,
    };
    const filled = fillPlaceholders(reply.text, values);
    const [from, to] = browse ? [browse.from, browse.to] : [slash?.start ?? caret, caret];
    const next = insertAt(text, from, to, filled);
    selectAfter.current = next.selection;
    setCaret(next.selection[1]);
    setBrowse(null);
    setText(next.text);
    inputRef.current?.focus();
  };

  const close = (): void => {
    if (browse) {
      setBrowse(null);
      inputRef.current?.focus();
    } else if (slash) setDismissed(slash.start);
  };

  /** The keys of the list, from the textarea (typing `/`) or the search field (button). */
  const onListKey = (e: React.KeyboardEvent): boolean => {
    if (!open || e.nativeEvent.isComposing) return false;
    const n = matches.length;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (n === 0) return false;
        setActive({ query, index: (current + (e.key === 'ArrowDown' ? 1 : n - 1)) % n });
        break;
      case 'Enter':
      case 'Tab': {
        const reply = matches[current];
        if (!reply || e.shiftKey) return false;
        choose(reply);
        break;
      }
      case 'Escape':
        close();
        break;
      default:
        return false;
    }
    e.preventDefault();
    e.stopPropagation();
    return true;
  };

  const openBrowse = (): void => {
    if (browse) {
      close();
      return;
    }
    const el = inputRef.current;
    const from = el?.selectionStart ?? text.length;
    setBrowse({ from, to: el?.selectionEnd ?? from, filter: '' });
  };

  const button = (
    <button
      type="button"
      className="tool-button"
      aria-label={t('quickReplies.open')}
      title={t('quickReplies.open')}
      aria-expanded={browse !== null}
      aria-haspopup="listbox"
      onClick={openBrowse}
    >
      {/* A lightning bolt: the saved answer, ready at once. */}
      <svg
        width="18"
        height="18"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.7"
        strokeLinejoin="round"
        aria-hidden="true"
      >
        <path d="M13 3L5 13.5h6L10 21l8-10.5h-6L13 3z" />
      </svg>
    </button>
  );

  const list = !open ? null : (
    <div
      className="quick-picker-anchor"
      onBlur={(e) => {
        // The search field lost focus to something outside the list: close it.
        if (browse && !e.currentTarget.contains(e.relatedTarget)) setBrowse(null);
      }}
    >
      <div className="quick-picker">
        {browse && (
          <input
            className="quick-picker-filter"
            role="combobox"
            aria-label={t('quickReplies.filter')}
            aria-expanded={matches.length > 0}
            aria-controls={matches.length > 0 ? listId : undefined}
            aria-autocomplete="list"
            aria-activedescendant={matches.length > 0 ? optionId(current) : undefined}
            placeholder={t('quickReplies.filter')}
            value={browse.filter}
            // Opened on purpose with the button: the field takes the keyboard at once.
            // eslint-disable-next-line jsx-a11y/no-autofocus -- the user just asked for this field
            autoFocus
            dir="auto"
            onChange={(e) => setBrowse({ ...browse, filter: e.target.value })}
            onKeyDown={(e) => void onListKey(e)}
          />
        )}
        {matches.length > 0 ? (
          <ul id={listId} role="listbox" aria-label={t('quickReplies.picker')} className="quick-picker-list">
            {matches.map((r, i) => (
              // The keyboard reaches the options through the field that owns the list (the
              // composer or the search field, aria-activedescendant); a click chooses directly.
              // eslint-disable-next-line jsx-a11y/click-events-have-key-events -- keys are handled by that field
              <li
                key={r.id}
                id={optionId(i)}
                role="option"
                aria-selected={i === current}
                className="quick-picker-option"
                // Keep the focus in the composer: the click chooses, the caret stays.
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(r)}
                ref={(el) => {
                  if (el && i === current) el.scrollIntoView({ block: 'nearest' });
                }}
              >
                <bdi className="quick-picker-name" dir="auto">
                  {r.name}
                </bdi>
                <span className="quick-picker-text" dir="auto">
                  {r.text}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="quick-picker-empty" role="status">
            {none ? t('quickReplies.empty') : t('quickReplies.noMatch')}
          </p>
        )}
        <p className="quick-picker-hint" aria-hidden="true">
          {t('quickReplies.pickerHint')}
        </p>
      </div>
    </div>
  );

  return {
    inputProps: {
      onSelect: (e) => setCaret(e.currentTarget.selectionStart),
      onInput: (e) => {
        const el = e.currentTarget;
        setCaret(el.selectionStart);
        // A list closed with Esc stays closed for that `/` only: typing a new one offers again.
        if (dismissed !== null && slashQueryAt(el.value, el.selectionStart)?.start !== dismissed)
          setDismissed(null);
      },
      onFocus: () => setFocused(true),
      onBlur: () => setFocused(false),
      'aria-autocomplete': 'list',
      'aria-controls': showSlash && matches.length > 0 ? listId : undefined,
      'aria-activedescendant': showSlash && matches.length > 0 ? optionId(current) : undefined,
    },
    onKeyDown: (e) => (browse ? false : onListKey(e)),
    button,
    list,
    open,
  };
}
