/**
 * Global set-up of the integration tests and the end-to-end tests: makes the migrated PGlite
 * template once, before the first test (./pgliteTemplate.ts), so that no test's time goes to it.
 */
import { pgliteTemplate } from './pgliteTemplate';

export default async function setup(): Promise<void> {
  await pgliteTemplate();
}
