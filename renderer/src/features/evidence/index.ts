/** Evidence export (issue 5): what other features and app/ may use. */
export { ExportDialog } from './ExportDialog';
