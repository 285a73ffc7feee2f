/** "Order #8123 · LED strip ×300" on a message; the product link opens outside the app. */
import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons';
import type { OrderRef } from '../../../../shared/protocol';
import { isProductLink, orderLabel } from './logic';

export function OrderChip({
  order,
  onFilter,
}: {
  order: OrderRef;
  onFilter?: (orderNo: string) => void;
}): React.JSX.Element {
  const { t } = useTranslation();
  const words = { order: t('evidence.order'), product: t('evidence.product') };
  const label = <LabelParts order={order} words={words} />;
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
          {label}
        </button>
      ) : (
        // The whole label on hover where the chip cuts it short.
        <span className="order-chip-label" title={orderLabel(order, words)}>
          {label}
        </span>
      )}
      {order.price && <span className="order-price">{order.price}</span>}
      {isProductLink(order.url) && (
        <a href={order.url} target="_blank" rel="noopener noreferrer" aria-label={t('evidence.openProduct')}>
          ↗
        </a>
      )}
    </span>
  );
}

/**
 * logic.ts orderLabel's text with its number, title and quantity each isolated: in a right-to-left window
 * "سفارش #8123" kept its "#" by the word and sent "8123" to the far side of the title (issue 12).
 */
function LabelParts({
  order: o,
  words,
}: {
  order: OrderRef;
  words: { order: string; product: string };
}): React.JSX.Element {
  const what = o.title ?? (o.orderNo && o.productId ? o.productId : undefined);
  return (
    <>
      {o.orderNo ? (
        <>
          {words.order} <bdi>#{o.orderNo}</bdi>
        </>
      ) : (
        <>
          {words.product}
          {o.productId ? (
            <>
              {' '}
              <bdi>{o.productId}</bdi>
            </>
          ) : null}
        </>
      )}
      {what && (
        <>
          {' · '}
          <bdi>{what}</bdi>
        </>
      )}
      {o.quantity !== undefined && (
        <>
          {' '}
          <bdi>×{o.quantity}</bdi>
        </>
      )}
    </>
  );
}
