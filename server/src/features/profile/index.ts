/**
 * My profile and other users' public cards: profile:get, profile:update, user:lookup. Its own room
 * rather than part of auth/: an update is pushed to the users who list me (contacts/), and
 * contacts/ itself builds on auth/'s users table, so profile inside auth/ would make auth ⇄ contacts
 * a circle. The users table (the SQL) stays with auth/, which creates the rows.
 */
export { profileFeature } from './feature';
