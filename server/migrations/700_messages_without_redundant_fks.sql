-- The group commit's write without per-row foreign-key checks (issue 9). Every message row is
-- inserted by a transaction that holds its conversation row `for update` (features/messages:
-- commit.ts, history.ts), and its sender is one of that row's two members, which reference users;
-- nothing deletes users or conversations. So `messages_conversation_id_fkey` re-locked a row the
-- transaction already holds and `messages_sender_fkey` re-checked what the conversation row
-- guarantees — two trigger queries per message, a quarter of the write statement's time on PGlite
-- (bench/messaging/statements.ts: 71 → 54 µs a message in commits of 200).
-- Runs unchanged on PGlite and PostgreSQL.

alter table messages
  drop constraint if exists messages_conversation_id_fkey,
  drop constraint if exists messages_sender_fkey;
