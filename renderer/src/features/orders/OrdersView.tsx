/**
 * The rail's Orders (issue 11; UI.md § Orders): every order referenced in any conversation — order,
 * product, partner, last message, waiting clock — sortable by each column, filtered as you type,
 * virtualised so thousands of rows cost what is on screen. Choosing one opens its conversation
 * filtered to the order.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../sync/session';
import { Avatar } from '../../ui/Avatar';
import { formatListTime, useNow } from '../../ui/format';
import { Icon } from '../../ui/icons';
import { filterOrders, sortOrders, type OrderRow, type OrderSortKey, type SortDirection } from './aggregate';
import { useAllOrders } from './useAllOrders';
import './orders.css';

interface Props {
  /** Open the conversation with `partner`, filtered to `orderNo`. */
  onOpen: (row: OrderRow) => void;
  /**
   * The waiting column (the clock feature draws it; app/ composes the two, since the clock already
   * uses this feature).
   */
  renderWaiting: (row: OrderRow, now: number) => React.ReactNode;
}

const ROW_HEIGHT = 56;
const COLUMNS: readonly {
  key: OrderSortKey;
  label: 'order' | 'product' | 'partner' | 'lastMessage' | 'waiting';
}[] = [
  { key: 'orderNo', label: 'order' },
  { key: 'product', label: 'product' },
  { key: 'partner', label: 'partner' },
  { key: 'lastAt', label: 'lastMessage' },
  { key: 'waiting', label: 'waiting' },
];

export function OrdersView({ onOpen, renderWaiting }: Props): React.JSX.Element {
  const { t } = useTranslation();
  const { db, me } = useSession();
  const all = useAllOrders(db, me);
  const [query, setQuery] = useState('');
  const deferredQuery = useDeferredValue(query);
  const [sort, setSort] = useState<{ key: OrderSortKey; direction: SortDirection }>({
    key: 'lastAt',
    direction: 'desc',
  });
  const rows = useMemo(
    () => sortOrders(filterOrders(all ?? [], deferredQuery), sort.key, sort.direction),
    [all, deferredQuery, sort],
  );
  // The waiting times move on by the minute.
  const now = useNow(60_000).getTime();
  const scrollRef = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions that read mutable state; the React Compiler lint flags
  // that, but nothing here is memoised by the compiler, so it is safe.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = Math.max(0, virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0));

  const sortBy = (key: OrderSortKey): void =>
    setSort((s) =>
      s.key === key
        ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' }
        : { key, direction: key === 'lastAt' ? 'desc' : 'asc' },
    );

  return (
    <section className="orders-view" aria-labelledby="orders-view-title">
      <header className="orders-header">
        <h1 id="orders-view-title">{t('ordersView.title')}</h1>
        {all && all.length > 0 && (
          <span className="orders-count">{t('ordersView.count', { count: rows.length })}</span>
        )}
        <input
          type="search"
          className="orders-search"
          aria-label={t('ordersView.filter')}
          placeholder={t('ordersView.filterPlaceholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </header>
      {all && all.length === 0 && <p className="empty">{t('ordersView.empty')}</p>}
      {all && all.length > 0 && rows.length === 0 && (
        <p className="empty">{t('ordersView.noMatch', { query: deferredQuery.trim() })}</p>
      )}
      {rows.length > 0 && (
        <div className="orders-scroll" ref={scrollRef}>
          <table className="orders-table" aria-label={t('ordersView.table')} aria-rowcount={rows.length + 1}>
            <thead>
              <tr aria-rowindex={1}>
                {COLUMNS.map((c) => {
                  const active = sort.key === c.key;
                  return (
                    <th
                      key={c.key}
                      scope="col"
                      className={`col-${c.key}`}
                      aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                    >
                      <button
                        type="button"
                        className="sort-button"
                        title={t('ordersView.sortBy', { column: t(`ordersView.${c.label}`) })}
                        onClick={() => sortBy(c.key)}
                      >
                        {t(`ordersView.${c.label}`)}
                        <span className="sort-mark" aria-hidden="true">
                          {active ? (sort.direction === 'asc' ? '▲' : '▼') : ''}
                        </span>
                      </button>
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && (
                <tr className="spacer" aria-hidden="true" style={{ height: padTop }}>
                  <td colSpan={COLUMNS.length} />
                </tr>
              )}
              {items.map((v) => {
                const row = rows[v.index];
                if (!row) return null;
                return (
                  <OrderTableRow
                    key={row.key}
                    row={row}
                    index={v.index + 2}
                    me={me}
                    onOpen={() => onOpen(row)}
                    waiting={renderWaiting(row, now)}
                  />
                );
              })}
              {padBottom > 0 && (
                <tr className="spacer" aria-hidden="true" style={{ height: padBottom }}>
                  <td colSpan={COLUMNS.length} />
                </tr>
              )}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function OrderTableRow({
  row,
  index,
  me,
  onOpen,
  waiting,
}: {
  row: OrderRow;
  index: number;
  me: string;
  onOpen: () => void;
  waiting: React.ReactNode;
}): React.JSX.Element {
  const { t } = useTranslation();
  const text = row.lastText.trim() === '' ? t('ordersView.reference') : row.lastText;
  const details = [row.quantity !== null ? `×${row.quantity}` : null, row.price].filter(Boolean).join(' · ');
  return (
    <tr aria-rowindex={index} style={{ height: ROW_HEIGHT }}>
      <td className="col-orderNo">
        <button
          type="button"
          className="order-open"
          aria-label={t('ordersView.open', { orderNo: row.orderNo, name: row.partnerName })}
          onClick={onOpen}
        >
          <Icon name="orders" size={14} />
          <bdi>#{row.orderNo}</bdi>
        </button>
      </td>
      <td className="col-product">
        <span className="cell-main">
          <bdi dir="auto">{row.product ?? '—'}</bdi>
        </span>
        {details && (
          <span className="cell-sub">
            <bdi dir="auto">{details}</bdi>
          </span>
        )}
      </td>
      <td className="col-partner">
        <span className="partner-cell">
          <Avatar id={row.partner} name={row.partnerName} size="sm" />
          <span className="cell-text">
            <span className="cell-main">{row.partnerName}</span>
            <span className="cell-sub">
              <bdi>@{row.partner}</bdi>
            </span>
          </span>
        </span>
      </td>
      <td className="col-lastAt">
        <span className="cell-main">
          <bdi dir="auto">{row.lastSender === me ? t('ordersView.you', { text }) : text}</bdi>
        </span>
        <span className="cell-sub">
          {formatListTime(row.lastAt)} · {t('evidence.nMessages', { count: row.messages })}
        </span>
      </td>
      <td className="col-waiting">{waiting}</td>
    </tr>
  );
}
