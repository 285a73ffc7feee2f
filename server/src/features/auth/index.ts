/**
 * Accounts and sessions: sign-up/sign-in/sign-out (feature.ts), the users table (users.ts), the
 * sessions table (sessions.ts), scrypt passwords and session tokens. Other features and the
 * transport use only what this file exports.
 */
export { authFeature, DEFAULT_SIGN_UP_LIMIT } from './feature';
export { DEFAULT_SIGN_IN_LIMITS } from './throttle';
export {
  createUser,
  createUsersSharingPassword,
  getUser,
  listUsers,
  requireUser,
  toMe,
  toPublicUser,
  updateUser,
  type NewUser,
  type ProfileChanges,
  type UserRow,
} from './users';
export { DEFAULT_SCRYPT } from './password';
export { createSession, DEFAULT_SESSION_IDLE_DAYS, resolveToken, touchSession } from './sessions';
