/** Quick replies (issue 11): saved answers per account, synced to all the user's devices. */
export { quickRepliesFeature } from './feature';
