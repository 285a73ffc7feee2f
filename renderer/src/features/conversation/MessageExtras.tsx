/** What issue 5 adds to a message bubble: its order chip (click filters the conversation) and its attachments. */
import type { MessageRow } from '../../db/schema';
import { AttachmentList } from '../attachments';
import { OrderChip, orderUi } from '../orders';

export function MessageExtras({ message }: { message: MessageRow }): React.JSX.Element | null {
  if (!message.order && message.attachments.length === 0) return null;
  return (
    <>
      <AttachmentList attachments={message.attachments} />
      {message.order && (
        <div className="order-line">
          <OrderChip
            order={message.order}
            onFilter={(no) => orderUi.setOrderFilter(message.conversationId, no)}
          />
        </div>
      )}
    </>
  );
}
