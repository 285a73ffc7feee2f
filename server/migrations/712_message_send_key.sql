-- A send's identity — (conversation, sender, client id), which makes a resend a duplicate — as ONE
-- indexed value (issue 9). The unique constraint of 001 shared its leading column with the primary
-- key (conversation, seq), and the lookup of a resend (messages/commit.ts `CHECK_SENDS`,
-- service.ts `findSent`) was planned through either. Planned while the planner believes each
-- conversation holds one message (a new store; PGlite, which never analyses; statistics taken while
-- conversations were young), both cost the same and the primary key, the smaller index, won: each
-- lookup then read every message of its conversation, and the plan stayed, cached with its
-- prepared statement. A hot conversation on PostgreSQL went from 11,000 to 1,400 messages a second
-- (bench/README.md). Indexed as one array, the identity matches this index only: the lookup
-- (`array[conversation_id, sender, client_id] = array[…]`) has no other index to take.
-- Runs unchanged on PGlite and PostgreSQL.

create unique index messages_send_key on messages ((array[conversation_id, sender, client_id]));
alter table messages drop constraint messages_conversation_id_sender_client_id_key;
