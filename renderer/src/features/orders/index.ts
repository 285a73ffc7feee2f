/** Order references in conversations, deep links and the orders panel: what others may use. */
import { lazyView } from '../../ui/lazyView';
export { DeepLinkAlert } from './DeepLinkAlert';
export { filterByOrder, ordersIn } from './logic';
export { OrderChip } from './OrderChip';
export { ComposerOrder, OrderButton, OrderForm } from './OrderForm';
export { OrderFilterBar, OrdersPanel } from './OrdersPanel';
export type { OrderRow } from './aggregate';
/** Loaded on demand: not on the first screen (issue 10, cold start). */
export const OrdersView = lazyView(() => import('./OrdersView').then((m) => m.OrdersView));
export { orderUi, useOrderUi } from './uiState';
export { useDeepLinks } from './useDeepLinks';
