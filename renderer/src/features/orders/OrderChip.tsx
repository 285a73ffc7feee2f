/** "Order #8123 · LED strip ×300" on a message; the product link opens outside the app. */
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import type { OrderRef } from '../../../../shared/protocol';
import { orderLabel } from './logic';

export function OrderChip({
  order,
  onFilter,
}: {
  order: OrderRef;
  onFilter?: (orderNo: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const label = orderLabel(order, { order: t('evidence.order'), product: t('evidence.product') });
  return (
    <span className="order-chip">
      <Icon name="orders" size={14} />
      {onFilter && order.orderNo ? (
        <button
          type="button"
          className="order-chip-label"
          onClick={() => onFilter(order.orderNo as string)}
          title={t('evidence.filterBy', { orderNo: order.orderNo })}
        >
          <bdi>{label}</bdi>
        </button>
      ) : (
        <bdi className="order-chip-label">{label}</bdi>
      )}
      {order.price && <span className="order-price">{order.price}</span>}
      {order.url && (
        <a href={order.url} target="_blank" rel="noopener noreferrer" aria-label={t('evidence.openProduct')}>
          ↗
        </a>
      )}
    </span>
  );
}
