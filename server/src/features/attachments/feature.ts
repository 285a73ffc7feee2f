/** The attachments feature: HTTP upload and download of content-addressed bytes. */
import type { FeatureModule } from '../../platform/socket/registry';
import { attachmentsRoute } from './routes';

export function attachmentsFeature(): FeatureModule {
  return { name: 'attachments', handlers: {}, routes: [attachmentsRoute] };
}
