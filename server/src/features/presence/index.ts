/**
 * Presence: presence:set (feature.ts), the service that merges devices and tells watchers
 * (service.ts) and where devices are kept — in memory or in Redis across nodes (store.ts,
 * redisStore.ts). Features reach presence through `ServerContext.presence`
 * (platform/context.ts), an interface this service implements; app.ts builds it.
 */
export { presenceFeature } from './feature';
export { PresenceService, type PresenceEmitter } from './service';
export { MemoryPresenceStore, type PresenceStore } from './store';
export { RedisPresenceStore } from './redisStore';
