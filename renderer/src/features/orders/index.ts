/** Order references in conversations, deep links and the orders panel: what others may use. */
export { DeepLinkAlert } from './DeepLinkAlert';
export { filterByOrder, ordersIn } from './logic';
export { OrderChip } from './OrderChip';
export { ComposerOrder, OrderButton, OrderForm } from './OrderForm';
export { OrderFilterBar, OrdersPanel } from './OrdersPanel';
export type { OrderRow } from './aggregate';
export { OrdersView } from './OrdersView';
export { orderUi, useOrderUi } from './uiState';
export { useDeepLinks } from './useDeepLinks';
