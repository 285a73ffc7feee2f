/** Evidence export (issue 5): what other features and app/ may use. */
import { lazyView } from '../../ui/lazyView';
// Eager, although the dialog is not: most of it styles the first screen (attachments, order chips
// and form, the orders panel). Here, it keeps the place in the cascade it had before the dialog
// was loaded on demand (a lazy stylesheet left the orders panel unstyled: axe, dark theme).
import './evidence.css';
/** Loaded on demand: not on the first screen (issue 10, cold start). */
export const ExportDialog = lazyView(() => import('./ExportDialog').then((m) => m.ExportDialog));
