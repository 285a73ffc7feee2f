/**
 * What issue 5 adds to the composer: attach files (picker, paste; drop is on the conversation),
 * attach an order reference, and sending them with the text. Issue 10: both are kept with the
 * conversation's draft in IndexedDB, come back when it opens after a reload or a restart, and
 * leave the composer only once the message carrying them is committed.
 */
import { useEffect, useRef, useState } from 'react';
import {
  AttachButton,
  AttachmentsLost,
  DraftAttachments,
  addDraftFiles,
  composeRichMessage,
  dropLostFiles,
  forgetSentFiles,
  keepDraftOrder,
  loadDraftFiles,
  useDraftAttachments,
  type DraftScope,
} from '../attachments';
import { ComposerOrder, OrderButton, OrderForm, orderUi, useOrderUi } from '../orders';
import { useSession } from '../../sync/session';

export interface RichComposer {
  /** Attachments or an order are waiting: the message may be sent without text. */
  hasContent: boolean;
  /**
   * Sends text + attachments + order in one message (one transaction with the outbox, which takes
   * them out of the stored draft). They leave the composer after that commit; if it fails, this
   * rejects and they stay. Resolves false, having sent nothing, when attached files' bytes are
   * gone from this device: those files left the composer, which names them, and the text stays.
   */
  send: (
    text: string,
    extras?: { lang?: string; translation?: { text: string; lang: string }; replyTo?: { seq: number } },
  ) => Promise<boolean>;
  onPaste: (e: React.ClipboardEvent) => void;
}

export function useRichComposer(partnerId: string): RichComposer {
  const session = useSession();
  const { db, me } = session;
  const draft = useDraftAttachments(partnerId);
  const order = useOrderUi((s) => s.composerOrder[partnerId] ?? null);
  // The order on screen now, for callbacks that finish later (a load, a commit).
  const orderNow = useRef(order);
  useEffect(() => {
    orderNow.current = order;
  }, [order]);

  // Issue 10: the stored draft's files and order come back when the conversation opens…
  const [loadedFor, setLoadedFor] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    loadDraftFiles({ db, me }, partnerId, (stored) => {
      // An order attached meanwhile (a deep link) wins over the stored one.
      if (!orderNow.current) orderUi.setComposerOrder(partnerId, stored);
    }).then(
      () => {
        if (live) setLoadedFor(partnerId);
      },
      (e: unknown) => console.warn('composer draft not loaded', e),
    );
    return () => {
      live = false;
    };
  }, [db, me, partnerId]);
  // …and the order is kept with it as it is attached, replaced or removed (not before the stored
  // one was read, which an empty composer would overwrite).
  const loaded = loadedFor === partnerId;
  useEffect(() => {
    if (!loaded) return;
    keepDraftOrder({ db, me }, partnerId, order).catch((e: unknown) =>
      console.warn('composer draft order not kept', e),
    );
  }, [loaded, db, me, partnerId, order]);

  const send: RichComposer['send'] = async (text, extras = {}) => {
    const attachments = draft.items;
    try {
      await composeRichMessage(db, me, partnerId, {
        text,
        attachments,
        ...(order ? { order } : {}),
        ...extras,
      });
    } catch (e) {
      if (!(e instanceof AttachmentsLost)) throw e;
      await dropLostFiles(session, partnerId, e.lost);
      return false;
    }
    // Committed: only now do they leave the composer (what was attached meanwhile stays).
    forgetSentFiles(session, partnerId, attachments);
    if (orderNow.current === order) orderUi.setComposerOrder(partnerId, null);
    return true;
  };
  return {
    hasContent: draft.items.length > 0 || order !== null,
    send,
    onPaste: (e) => {
      const files = [...e.clipboardData.files];
      if (files.length === 0) return;
      e.preventDefault();
      void addDraftFiles(session, partnerId, files);
    },
  };
}

/** The tool row above the composer; `children` are further tools (the quick replies button). */
export function ComposerTools({
  partnerId,
  children,
}: {
  partnerId: string;
  children?: React.ReactNode;
}): React.JSX.Element {
  const [orderOpen, setOrderOpen] = useState(false);
  return (
    <div className="composer-tools">
      <div className="composer-tool-row">
        <AttachButton partnerId={partnerId} />
        <OrderButton open={orderOpen} onToggle={() => setOrderOpen((o) => !o)} />
        {children}
        <ComposerOrder partnerId={partnerId} />
      </div>
      <DraftAttachments partnerId={partnerId} />
      {orderOpen && <OrderForm partnerId={partnerId} onDone={() => setOrderOpen(false)} />}
    </div>
  );
}

/** Drop target props for the conversation: files dropped anywhere on it are attached. */
export function dropProps(
  scope: DraftScope,
  partnerId: string,
  setOver: (over: boolean) => void,
): Pick<React.HTMLAttributes<HTMLElement>, 'onDragOver' | 'onDragLeave' | 'onDrop'> {
  const hasFiles = (e: React.DragEvent): boolean => [...e.dataTransfer.types].includes('Files');
  return {
    onDragOver: (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      setOver(true);
    },
    onDragLeave: (e) => {
      if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
      setOver(false);
    },
    onDrop: (e) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      void addDraftFiles(scope, partnerId, [...e.dataTransfer.files]);
    },
  };
}
