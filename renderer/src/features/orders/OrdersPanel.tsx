/** Right panel: the orders this conversation mentions (each filters the conversation) and "Export evidence…". */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import { conversationIdFor } from '../../../../shared/protocol';
import { useOrderMessages } from '../../db/hooks';
import type { ContactRow } from '../../db/schema';
import { useSession } from '../../sync/session';
import { ExportDialog } from '../evidence';
import { ordersIn } from './logic';
import { orderUi, useOrderUi } from './uiState';

export function OrdersPanel({ contact }: { contact: ContactRow }): React.JSX.Element {
  const { t } = useTranslation();
  const { db, me } = useSession();
  const conversationId = conversationIdFor(me, contact.memberId);
  // Only the messages that mention an order (an index since v7), not the whole conversation.
  const messages = useOrderMessages(db, conversationId);
  const orders = ordersIn(messages ?? []);
  const filter = useOrderUi((s) => s.orderFilter[conversationId] ?? null);
  const [exporting, setExporting] = useState(false);
  return (
    <section className="orders-panel" aria-labelledby="orders-title">
      <h3 id="orders-title">{t('evidence.ordersTitle')}</h3>
      {orders.length === 0 ? (
        <p className="muted">{t('evidence.noOrders')}</p>
      ) : (
        <ul className="order-list">
          {orders.map((o) => (
            <li key={o.orderNo}>
              <button
                type="button"
                aria-pressed={filter === o.orderNo}
                onClick={() =>
                  orderUi.setOrderFilter(conversationId, filter === o.orderNo ? null : o.orderNo)
                }
                aria-label={t('evidence.filterBy', { orderNo: o.orderNo })}
              >
                <bdi className="order-no">#{o.orderNo}</bdi>
                {o.title && (
                  <bdi className="order-title" dir="auto">
                    {o.title}
                  </bdi>
                )}
                <span className="order-count">{t('evidence.nMessages', { count: o.messages })}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" className="button-primary export-button" onClick={() => setExporting(true)}>
        {t('evidence.exportButton')}
      </button>
      {exporting && (
        <ExportDialog
          conversationId={conversationId}
          partner={contact.memberId}
          orders={orders.map((o) => o.orderNo)}
          initialOrder={filter}
          onClose={() => setExporting(false)}
        />
      )}
    </section>
  );
}

/** Above the messages while a filter is on: which order is shown, and the way back to all. */
export function OrderFilterBar({
  conversationId,
  count,
}: {
  conversationId: string;
  count: number;
}): React.JSX.Element | null {
  const { t } = useTranslation();
  const filter = useOrderUi((s) => s.orderFilter[conversationId] ?? null);
  if (filter === null) return null;
  return (
    <div className="order-filter-bar" role="status">
      <span>
        <Icon name="orders" size={14} /> {t('evidence.filtered', { orderNo: filter })} ·{' '}
        {t('evidence.nMessages', { count })}
      </span>
      <button
        type="button"
        className="button-ghost"
        onClick={() => orderUi.setOrderFilter(conversationId, null)}
      >
        {t('evidence.allMessages')}
      </button>
    </div>
  );
}
