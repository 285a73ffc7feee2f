import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { conversationIdFor } from '../../../../shared/protocol';
import {
  useContact,
  useConversation,
  useMe,
  useMessageWindow,
  useOrderMessages,
  useRecentMessages,
  startWindowRead,
  type BesideWindow,
  type WindowSpan,
} from '../../db/hooks';
import {
  knownUntranslated,
  readTranslationBeside,
  TranslationBar,
  useConversationTranslation,
} from '../translation';
import type { MessageRow, TradewindDb } from '../../db/schema';
import { dropProps } from './ComposerTools';
import { filterByOrder, OrderFilterBar, useOrderUi } from '../orders';
import type { SyncEngine } from '../../sync/engine';
import { useSession } from '../../sync/session';
import { Avatar } from '../../ui/Avatar';
import { Composer } from './Composer';
import { DeadlinePicker, TheirClock, WaitingBadge } from '../clock';
import { BlockButton, ConversationGate, useKnownUser } from '../contacts';
import { useBefore } from '../../ui/format';
import {
  presenceDetail,
  presenceLine,
  useShownPresence,
  type PresenceTranslate,
  type ShownPresence,
} from '../presence';
import { MessageList } from './MessageList';
import { FindBar } from '../search';
import { JumpBar } from './JumpBar';
import { openAt, settleOpenAt, useOpenAt } from './openAt';
import { bubblesOf, changeStates } from './changes';
import { useComposerMode } from './composerMode';
import { EditBar } from './EditBar';
import { useWindowChanges } from './useChanges';
import { drop, settled, useEchoes, withEchoes } from './echo';

const NO_MESSAGES: MessageRow[] = [];
/** Messages read at a time (issue 10): the window grows by this much as the user scrolls. */
const PAGE = 100;
const AT_NEWEST: WindowSpan = { anchor: null, older: PAGE, newer: 0 };

/**
 * What the first screen of a conversation waits for beside its window's first read (issue 10):
 * the reading settings and the window's cached translations, which set the bubbles' heights
 * (translation/early.ts).
 */
const translationBeside =
  (db: TradewindDb, engine: SyncEngine, me: string, conversationId: string): BesideWindow =>
  (read) =>
    readTranslationBeside(db, !knownUntranslated(engine), me, conversationId, read);

/**
 * Issue 10, open: the click that opens the conversation with `partnerId` starts the read of its
 * newest messages at once, with its translation, before React renders the new selection and this
 * view (db/hooks `startWindowRead`); the view's first render takes that read.
 */
export function openingConversation(
  db: TradewindDb,
  engine: SyncEngine,
  me: string,
  partnerId: string,
): void {
  const conversationId = conversationIdFor(me, partnerId);
  startWindowRead(db, conversationId, AT_NEWEST, translationBeside(db, engine, me, conversationId));
}

interface Props {
  partnerId: string;
  profileOpen: boolean;
  onToggleProfile: () => void;
}

/** Header, messages and composer of one conversation. */
export function ConversationView({ partnerId, profileOpen, onToggleProfile }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine, me } = useSession();
  const conversationId = conversationIdFor(me, partnerId);
  const contact = useContact(db, partnerId);
  const conversation = useConversation(db, conversationId);
  // Issue 10: a window of the conversation, not all of it; a jump moves the window's anchor.
  const [span, setSpan] = useState<WindowSpan>(AT_NEWEST);
  // A jump (search result, first unread, a date): the window moves around that message, and
  // the list scrolls to it and flashes it.
  const jump = useOpenAt(conversationId);
  const handled = useRef<number | null>(null);
  useEffect(() => {
    if (!jump || handled.current === jump.nonce) return;
    handled.current = jump.nonce;
    void db.messages.get(jump.clientId).then(async (m) => {
      // An edit or a retraction (a search hit, the first unread) has no bubble: show its original.
      if (m?.change) {
        const original = await db.messages
          .where('[conversationId+seq]')
          .equals([conversationId, m.change.seq])
          .first();
        if (original) return openAt(conversationId, original.clientId);
      }
      if (m) setSpan({ anchor: m.sort, older: PAGE / 2, newer: PAGE });
    });
  }, [db, jump, conversationId]);
  const win = useMessageWindow(db, conversationId, span, translationBeside(db, engine, me, conversationId));
  // The newest messages (reply statistics, the waiting clock, read receipts): while the window
  // is at the newest end it holds them already, so they are not read a second time (issue 10).
  const atEnd = span.anchor === null;
  const recentRead = useRecentMessages(db, atEnd ? null : conversationId, PAGE);
  const recent = useMemo(
    () => (atEnd ? win?.messages.slice(-PAGE) : recentRead),
    [atEnd, win?.messages, recentRead],
  );
  // Issue 5: filter by order (the order index reads only that order's messages); files dropped
  // anywhere on the conversation are attached.
  const orderFilter = useOrderUi((s) => s.orderFilter[conversationId] ?? null);
  const orderMessages = useOrderMessages(db, orderFilter ? conversationId : null);
  const messages = win?.messages;
  // Issue 10: what I just wrote shows before the window's live query has it (echo.ts), when the
  // window reaches the newest messages; once the window holds it, the echo goes.
  const echoes = useEchoes(conversationId);
  const atNewest = span.anchor === null || win?.hasNewer === false;
  const shown = useMemo(
    () =>
      orderFilter
        ? (filterByOrder(orderMessages ?? NO_MESSAGES, orderFilter) as MessageRow[])
        : (withEchoes(messages ?? NO_MESSAGES, atNewest ? echoes : NO_MESSAGES) as MessageRow[]),
    [orderFilter, orderMessages, messages, atNewest, echoes],
  );
  useEffect(() => {
    const done = messages ? settled(messages, echoes) : [];
    if (done.length > 0) drop(conversationId, done);
  }, [conversationId, messages, echoes]);
  const [dropOver, setDropOver] = useState(false);
  // Issue 4: incoming messages in the reader's language (cache first, then the server).
  const meRow = useMe(db);
  // Issue 11: edits and retractions show on their original, not as bubbles; replies show what they
  // quote. Edits and quoted messages are translated for the reader with the rest.
  const around = useWindowChanges(db, conversationId, shown);
  const bubbles = useMemo(() => bubblesOf(shown), [shown]);
  const { states, toTranslate } = useMemo(() => {
    const quoted = [...around.quoted.values()];
    const all = new Map<string, MessageRow>();
    for (const m of [...shown, ...around.changes, ...quoted]) all.set(m.clientId, m);
    return {
      states: changeStates([...bubbles, ...quoted], around.changes),
      toTranslate: [...all.values()],
    };
  }, [shown, bubbles, around]);
  const translation = useConversationTranslation(conversationId, partnerId, toTranslate);
  const mode = useComposerMode(conversationId);

  // Read receipts go only for the conversation on screen, from when its messages are (issue 10:
  // the receipt's reads and request came before the window's read, twice, on every open). New
  // messages in the open conversation count as read while the window has focus.
  const newest = recent?.[recent.length - 1]?.seq;
  const onScreen = recent !== undefined;
  useEffect(() => {
    if (onScreen) engine.setVisibleConversation(conversationId);
  }, [engine, conversationId, onScreen, newest]);
  useEffect(() => () => engine.setVisibleConversation(null), [engine, conversationId]);

  // A requester (issue 11) is no contact yet: their card comes with the request.
  const known = useKnownUser(db, partnerId);
  const name = contact?.displayName ?? known?.displayName ?? partnerId;
  const typing = useBefore(conversation?.partnerTypingUntil ?? 0);
  const presence = useShownPresence(contact?.presence);

  return (
    <section
      className={`conversation${dropOver ? ' drop-over' : ''}`}
      aria-label={name}
      {...dropProps({ db, me }, partnerId, setDropOver)}
    >
      <header className="conversation-header">
        <Avatar
          id={partnerId}
          name={name}
          presence={contact ? presence.state : undefined}
          presenceDetail={presenceDetail(presence, t as unknown as PresenceTranslate)}
        />
        <div className="who">
          <h2>
            {name}
            {contact?.user.profile.company && (
              <span className="company">
                {' '}
                · <bdi>{contact.user.profile.company}</bdi>
              </span>
            )}
          </h2>
          <p className="status-line">
            {typing ? (
              <span className="typing" role="status">
                {t('conversation.typing', { name })}
              </span>
            ) : (
              contact && <StatusText presence={presence} />
            )}
          </p>
          <p className="clock-line">
            {contact && <TheirClock contact={contact} messages={recent ?? NO_MESSAGES} me={me} />}
            <WaitingBadge conversationId={conversationId} messages={recent ?? NO_MESSAGES} />
            <DeadlinePicker conversationId={conversationId} />
          </p>
        </div>
        <BlockButton memberId={partnerId} name={name} />
        <button type="button" className="button-ghost" aria-pressed={profileOpen} onClick={onToggleProfile}>
          {profileOpen ? t('conversation.hideProfile') : t('conversation.showProfile')}
        </button>
      </header>
      <TranslationBar prefs={translation.prefs} myReadLanguage={meRow?.readLanguage ?? null} />
      <OrderFilterBar conversationId={conversationId} count={shown.length} />
      <FindBar conversationId={conversationId} onGo={(m) => openAt(conversationId, m.clientId)} />
      <JumpBar
        conversationId={conversationId}
        unread={conversation?.unread ?? 0}
        firstUnread={(conversation?.receipts[me]?.read ?? 0) + 1}
        atNewest={span.anchor === null}
        onLatest={() => {
          settleOpenAt(conversationId);
          setSpan(AT_NEWEST);
        }}
      />
      <MessageList
        key={span.anchor === null ? 'newest' : `at:${span.anchor}`}
        conversationId={conversationId}
        messages={bubbles}
        hasOlder={!orderFilter && (win?.hasOlder ?? false)}
        hasNewer={!orderFilter && (win?.hasNewer ?? false)}
        onNeedOlder={() => setSpan((s) => (win?.hasOlder ? { ...s, older: s.older + PAGE } : s))}
        onNeedNewer={() => setSpan((s) => (win?.hasNewer ? { ...s, newer: s.newer + PAGE } : s))}
        partnerName={name}
        partnerMarks={conversation?.receipts[partnerId]}
        partnerTimeZone={contact?.user.profile.timeZone ?? 'UTC'}
        translation={translation}
        partnerId={partnerId}
        changes={states}
        quoted={around.quoted}
      />
      <ConversationGate partnerId={partnerId} partnerName={name}>
        {mode?.kind === 'edit' ? (
          <EditBar key={mode.message.clientId} partnerId={partnerId} mode={mode} />
        ) : (
          <Composer partnerId={partnerId} partnerName={name} />
        )}
      </ConversationGate>
    </section>
  );
}

function StatusText({ presence }: { presence: ShownPresence }): React.JSX.Element {
  const { t } = useTranslation();
  return (
    <span className={`presence ${presence.state}`}>
      {presenceLine(presence, t as unknown as PresenceTranslate)}
    </span>
  );
}
