/**
 * What issue 5 adds to the composer: attach files (picker, paste; drop is on the conversation),
 * attach an order reference, and sending them with the text.
 */
import { useState } from 'react';
import {
  AttachButton,
  DraftAttachments,
  addDraftFiles,
  clearDrafts,
  composeRichMessage,
  useDraftAttachments,
} from '../attachments';
import { ComposerOrder, OrderButton, OrderForm, orderUi, useOrderUi } from '../orders';
import { useSession } from '../../sync/session';

export interface RichComposer {
  /** Attachments or an order are waiting: the message may be sent without text. */
  hasContent: boolean;
  /** Sends text + attachments + order in one message (one transaction with the outbox). */
  send: (
    text: string,
    extras?: { lang?: string; translation?: { text: string; lang: string }; replyTo?: { seq: number } },
  ) => Promise<void>;
  onPaste: (e: React.ClipboardEvent) => void;
}

export function useRichComposer(partnerId: string): RichComposer {
  const { db, me } = useSession();
  const draft = useDraftAttachments(partnerId);
  const order = useOrderUi((s) => s.composerOrder[partnerId] ?? null);
  const send: RichComposer['send'] = async (text, extras = {}) => {
    const attachments = draft.items;
    clearDrafts(partnerId);
    orderUi.setComposerOrder(partnerId, null);
    await composeRichMessage(db, me, partnerId, {
      text,
      attachments,
      ...(order ? { order } : {}),
      ...extras,
    });
  };
  return {
    hasContent: draft.items.length > 0 || order !== null,
    send,
    onPaste: (e) => {
      const files = [...e.clipboardData.files];
      if (files.length === 0) return;
      e.preventDefault();
      void addDraftFiles(partnerId, files);
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
      void addDraftFiles(partnerId, [...e.dataTransfer.files]);
    },
  };
}
