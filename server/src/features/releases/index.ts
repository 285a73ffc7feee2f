/**
 * The desktop app's update feed, served by the Tradewind server when the operator sets
 * TRADEWIND_RELEASES_DIR: the files of `release/` that electron-updater's generic provider reads
 * (`latest*.yml`, installers, `.blockmap`), at `<public URL>/releases/`. Optional: any static web
 * server does the same (docs/desktop.md § Publishing updates).
 */
export { RELEASES_PATH, releasesFeature, releasesRoute } from './feature';
