-- Receipts in the conversation row (issue 9): each participant's highest delivered and read seq
-- live next to last_seq, so a member's conversation list (sync:conversations, on every
-- reconnect, thousands of rows for a seller) is one index scan with no join. Runs unchanged on
-- PGlite and PostgreSQL.

alter table conversations
  add column a_delivered integer not null default 0,
  add column a_read      integer not null default 0,
  add column b_delivered integer not null default 0,
  add column b_read      integer not null default 0;

update conversations c set a_delivered = r.delivered, a_read = r.read
from receipts r where r.conversation_id = c.id and r.member_id = c.member_a;

update conversations c set b_delivered = r.delivered, b_read = r.read
from receipts r where r.conversation_id = c.id and r.member_id = c.member_b;

drop table receipts;
