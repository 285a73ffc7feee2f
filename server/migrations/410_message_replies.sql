-- Replies (issue 11): a message may quote an earlier message of its conversation by seq. Only the
-- seq is stored (and hashed, docs/evidence.md § Replies); the quoted message is never copied.
-- Null on every message that replies to nothing. Runs unchanged on PGlite and PostgreSQL.

alter table messages add column reply_seq integer;
