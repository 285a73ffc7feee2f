-- Away auto-reply (issue 11, server/src/features/desk). Runs unchanged on PGlite and PostgreSQL.
--
-- 1. An automatic reply is a message of its own in the chain, marked {"kind": "away", "backAt"}:
--    null on every other message (and 'automatic' is then not part of the hashed content).
alter table messages add column automatic jsonb;

-- 2. The seller's settings: off until they turn it on; `text` is theirs, `lang` its language
--    (null: unknown, the reader's client detects it).
create table auto_replies (
  member_id  text primary key references users (member_id) on delete cascade,
  enabled    boolean not null default false,
  text       text not null default '',
  lang       text,
  updated_at timestamptz not null
);

-- 3. One reply per conversation per away period: the last one sent in each conversation. Its row
--    is also the lock that keeps two messages arriving together (on any node) from both
--    triggering a reply.
create table auto_reply_sent (
  conversation_id text not null,
  member_id       text not null references users (member_id) on delete cascade,
  sent_at         timestamptz not null,
  primary key (conversation_id, member_id)
);

-- 4. When the user's presence last went between present (online, busy) and absent (away,
--    offline, appear offline): the start of a presence-made away period. Null = not known.
alter table users add column presence_changed_at timestamptz;
