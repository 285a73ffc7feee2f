/** The contact pane, tree, groups, requests and notes: what other features and app/ may use. */
export { ContactDirectory } from './ContactDirectory';
export { ContactNote } from './ContactNote';
export { ContactPane } from './ContactPane';
export { installGroupSync } from './groupSync';
export { BusinessHoursFact } from './ProfileExtras';
export { useGroups } from './useTree';
