-- Quick replies (issue 11, the seller's desk): saved answers per account, synced to all the
-- user's devices (shared/protocol/quickReplies.ts). Runs unchanged on PGlite and PostgreSQL.

-- One counter per user over their quick replies. Every change increments it and stamps the
-- changed row, so a device asks for "everything after version N" after being offline.
-- `floor`: the newest version among purged tombstones; a device that synced before it gets the
-- whole list again.
create table quick_reply_sync (
  owner_id text primary key references users (member_id) on delete cascade,
  version  integer not null default 0,
  floor    integer not null default 0
);

-- A user's replies. A deleted reply stays as a tombstone (`deleted`, name and body emptied) so
-- other devices learn about the deletion; only the oldest tombstones beyond a limit are purged.
create table quick_replies (
  owner_id   text not null references users (member_id) on delete cascade,
  id         text not null,
  name       text not null,
  body       text not null,
  deleted    boolean not null default false,
  -- quick_reply_sync.version of this row's last change.
  version    integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (owner_id, id)
);
create index quick_replies_owner_version_idx on quick_replies (owner_id, version);
