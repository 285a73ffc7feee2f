-- Core schema: accounts, sessions, contacts, conversations, messages, receipts.
-- Runs unchanged on PGlite and PostgreSQL. Timestamps are written by the server's clock
-- (never SQL now()) so tests can control time.

create table users (
  member_id      text primary key,
  display_name   text not null,
  -- "scrypt$N$r$p$<salt b64>$<hash b64>"
  password_hash  text not null,
  role           text not null check (role in ('buyer', 'seller')),
  company        text not null default '',
  country        text not null default '',
  time_zone      text not null default 'UTC',
  languages      jsonb not null default '[]',
  business_hours jsonb,
  contact_policy text not null default 'anyone' check (contact_policy in ('anyone', 'ask')),
  read_language  text not null default 'en',
  member_since   timestamptz not null,
  -- When the user last went from visible to offline (last device gone or "appear offline").
  last_seen_at   timestamptz
);

create table sessions (
  id           text primary key,
  member_id    text not null references users (member_id) on delete cascade,
  -- SHA-256 (hex) of the bearer token; the token itself is never stored.
  token_hash   text not null unique,
  device_name  text,
  created_at   timestamptz not null,
  last_used_at timestamptz not null,
  revoked_at   timestamptz
);
create index sessions_member_idx on sessions (member_id);

-- One row per (owner, contact): the owner's list entry and/or the owner's block of that user.
create table contacts (
  owner_id   text not null references users (member_id) on delete cascade,
  contact_id text not null references users (member_id) on delete cascade,
  listed     boolean not null default true,
  blocked    boolean not null default false,
  added_at   timestamptz not null,
  primary key (owner_id, contact_id),
  check (owner_id <> contact_id)
);
create index contacts_contact_idx on contacts (contact_id);

create table conversations (
  id         text primary key,
  member_a   text not null references users (member_id),
  member_b   text not null references users (member_id),
  last_seq   integer not null default 0,
  head_hash  text not null,
  created_at timestamptz not null
);
create index conversations_a_idx on conversations (member_a);
create index conversations_b_idx on conversations (member_b);

create table messages (
  conversation_id text not null references conversations (id),
  seq             integer not null,
  sender          text not null references users (member_id),
  client_id       text not null,
  text            text not null,
  lang            text,
  translation     jsonb,
  attachments     jsonb not null default '[]',
  order_ref       jsonb,
  -- Exactly the ISO string that was hashed, so the chain can be recomputed byte for byte.
  sent_at         text not null,
  prev_hash       text not null,
  hash            text not null,
  signature       text not null,
  key_id          text not null,
  primary key (conversation_id, seq),
  unique (conversation_id, sender, client_id)
);

create table receipts (
  conversation_id text not null references conversations (id),
  member_id       text not null references users (member_id),
  delivered       integer not null default 0,
  read            integer not null default 0,
  primary key (conversation_id, member_id)
);
