/** Contact groups, pinning and notes: group:* and placement handlers (feature.ts) over the groups tables (service.ts). */
export { groupsFeature } from './feature';
export { createGroup, moveContacts, noteContact, pinContact } from './service';
