-- Edits and retractions (issue 11): a message may refer to an earlier message of its sender that it
-- edits or retracts. The earlier message is never updated; the change is a message of its own in
-- the chain. Null on every ordinary message. Runs unchanged on PGlite and PostgreSQL.

alter table messages
  add column change_kind text check (change_kind in ('edit', 'retract')),
  add column change_seq  integer,
  add constraint messages_change_both check ((change_kind is null) = (change_seq is null));

create index messages_change_idx on messages (conversation_id, change_seq) where change_seq is not null;
