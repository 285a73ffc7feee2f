/** Attachments: the upload/download HTTP route (routes.ts) over content-addressed storage (service.ts). */
export { attachmentsFeature } from './feature';
export { attachmentBytes, attachmentInfo, mayRead } from './service';
export { attachmentsDirOf } from './files';
