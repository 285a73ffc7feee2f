import { useCallback, useEffect, useState } from 'react';
import { useContact, useMe, useTotalUnread } from '../db/hooks';
import { partnerOf } from '../../../shared/protocol';
import { host, isElectron } from '../host';
import { onElectronHostEvent } from '../host/electronBridge';
import { DeepLinkAlert, orderUi, OrdersView, useDeepLinks, type OrderRow } from '../features/orders';
import { useSession } from '../sync/session';
import { ConnectionBanner } from './ConnectionBanner';
import { UpdateBanner } from './UpdateBanner';
import {
  ContactDirectory,
  ContactPane,
  keepTreeEntries,
  RequestPreviewContext,
  type RequestPreview,
} from '../features/contacts';
import { TranslatedRequestPreview } from './TranslatedRequestPreview';
import { ConversationWaiting, WaitingNotifier } from '../features/clock';
import { ConversationView, openAt, openingConversation } from '../features/conversation';
import { SearchBox, useSearchIndexer } from '../features/search';
import { SettingsView } from '../features/settings';
import { ProfilePanel } from './ProfilePanel';
import { Rail, type View } from './Rail';
import { interfaceLanguages } from './strings';
import { preloadLazyViews } from '../ui/lazyView';
import { warmDateField } from '../ui/DateField';
import { useTranslation } from 'react-i18next';

const SELECTED_KEY = 'tradewind.selected';

/** Issue 11: a message request's first message, translated (contacts/ knows no translation/). */
const requestPreview: RequestPreview = (message, partnerId) => (
  <TranslatedRequestPreview message={message} partnerId={partnerId} />
);

/** The main window: rail, contact list, conversation, profile panel. Renders from IndexedDB alone. */
export function Workspace(): React.JSX.Element {
  const { t } = useTranslation();
  const { db, engine, me, signOut } = useSession();
  const meRow = useMe(db);
  const [selected, setSelected] = useState<string | null>(() => sessionStorage.getItem(SELECTED_KEY));
  const [profileOpen, setProfileOpen] = useState(true);
  const [view, setView] = useState<View>('chats');
  const contact = useContact(db, selected);
  const unread = useTotalUnread(db);
  // Issue 10: the message search index follows what is stored, in the background.
  useSearchIndexer(db);
  // Issue 10: the contact list stays read and sorted while another screen is shown, so coming
  // back to the chats draws them from memory (a seller's 10,000 conversations).
  useEffect(() => keepTreeEntries(db, me), [db, me]);

  // Issue 10, cold start: the screens and dialogs left out of the entry chunk load once the first
  // screen is up and the window idle, so a first click on them shows them at once; so do the jump
  // bar's date names, which the first conversation opened paid for.
  useEffect(() => {
    const timer = setTimeout(() => {
      const preload = (): void => {
        preloadLazyViews();
        warmDateField();
      };
      if ('requestIdleCallback' in window) requestIdleCallback(preload, { timeout: 5000 });
      else preload();
    }, 3000);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (selected) sessionStorage.setItem(SELECTED_KEY, selected);
  }, [selected]);
  useEffect(() => {
    void host.setBadge({ count: unread, label: t('desktop.unread', { count: unread }) });
  }, [unread, t]);
  // Issue 5: `tradewind://chat?…` links (desktop event, or this page's URL in browser mode).
  const openChat = useCallback((id: string) => {
    setSelected(id);
    setView('chats');
  }, []);
  useDeepLinks(engine, openChat);
  // Issue 10, open: a press on another contact's row (the pointer's button, or Enter or Space)
  // starts the read of its newest messages while it is down; a click without a press (a request,
  // the unanswered queue) starts it in the click's handler, before React renders the list's new
  // selection and the conversation.
  const pressing = useCallback((id: string) => openingConversation(db, engine, me, id), [db, engine, me]);
  const select = useCallback(
    (id: string) => {
      if (id !== selected) openingConversation(db, engine, me, id);
      setSelected(id);
    },
    [db, engine, me, selected],
  );
  // A click on a desktop notification opens its conversation.
  useEffect(() => {
    if (!isElectron) return;
    return onElectronHostEvent((e) => {
      if (e.kind !== 'openConversation') return;
      const partner = partnerOf(e.conversationId, me);
      if (partner) {
        setSelected(partner);
        setView('chats');
      }
    });
  }, [me]);

  const rail = (
    <Rail meId={me} meName={meRow?.displayName ?? me} view={view} onView={setView} onSignOut={signOut} />
  );
  if (view === 'settings') {
    return (
      <div className="workspace">
        {rail}
        <SettingsView languages={interfaceLanguages} onSignOut={signOut} />
      </div>
    );
  }
  if (view === 'contacts') {
    return (
      <div className="workspace">
        {rail}
        <ContactDirectory onOpen={openChat} />
      </div>
    );
  }
  if (view === 'orders') {
    // An order opens its conversation filtered to it (the conversation's order filter).
    const openOrder = (row: OrderRow): void => {
      orderUi.setOrderFilter(row.conversationId, row.orderNo);
      openChat(row.partner);
    };
    return (
      <div className="workspace">
        {rail}
        <OrdersView
          onOpen={openOrder}
          renderWaiting={(row, now) => (
            <ConversationWaiting
              me={me}
              partnerName={row.partnerName}
              lastSender={row.waitingOn === null ? null : row.waitingOn === 'me' ? row.partner : me}
              lastRunSince={row.waitingSince}
              deadline={row.deadline}
              now={now}
            />
          )}
        />
      </div>
    );
  }
  return (
    // Issue 11: message requests show their first message translated (contacts/ knows no translation/).
    <RequestPreviewContext.Provider value={requestPreview}>
      <div className={`workspace${profileOpen && selected ? ' with-profile' : ''}`}>
        {rail}
        <ContactPane
          selected={selected}
          onSelect={select}
          onPressing={pressing}
          search={
            <SearchBox
              onOpen={(m) => {
                const partner = partnerOf(m.conversationId, me);
                if (!partner) return;
                setSelected(partner);
                openAt(m.conversationId, m.clientId);
              }}
            />
          }
        />
        <main className="main">
          <ConnectionBanner />
          <UpdateBanner />
          <DeepLinkAlert />
          <WaitingNotifier />
          {selected ? (
            <ConversationView
              key={selected}
              partnerId={selected}
              profileOpen={profileOpen}
              onToggleProfile={() => setProfileOpen((o) => !o)}
            />
          ) : (
            <div className="placeholder">
              <p>{t('conversation.none')}</p>
            </div>
          )}
        </main>
        {profileOpen && contact && <ProfilePanel contact={contact} />}
      </div>
    </RequestPreviewContext.Provider>
  );
}
