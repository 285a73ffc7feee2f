export { startDeeplPeer, PEER_LIMITS } from './server';
export type { DeeplPeer, DeeplPeerOptions, Fault, FaultMode, PeerStats, TranslateLogEntry } from './server';
export { translateOne, detect } from './dictionary';
