/** Evidence export (issue 5): what other features and app/ may use. */
import { lazyView } from '../../ui/lazyView';
/** Loaded on demand: not on the first screen (issue 10, cold start). */
export const ExportDialog = lazyView(() => import('./ExportDialog').then((m) => m.ExportDialog));
