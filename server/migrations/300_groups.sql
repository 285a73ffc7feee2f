-- Contact groups, contact placement (group, pinned, note) and contact requests (issue 3).
-- Runs unchanged on PGlite and PostgreSQL. Timestamps come from the server's clock.

-- One counter per user over groups and contact placement. Every change increments it and stamps
-- the changed row, so a device asks for "everything after version N" after being offline.
create table contact_sync (
  owner_id text primary key references users (member_id) on delete cascade,
  version  integer not null default 0
);

-- A user's groups. Never deleted physically: `deleted` marks a tombstone so other devices learn
-- about the deletion. "Unsorted" is not a row: it is a contact's group_id null.
create table contact_groups (
  owner_id   text not null references users (member_id) on delete cascade,
  id         text not null,
  name       text not null,
  position   integer not null,
  collapsed  boolean not null default false,
  deleted    boolean not null default false,
  -- contact_sync.version of this row's last change.
  version    integer not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (owner_id, id)
);
create index contact_groups_owner_version_idx on contact_groups (owner_id, version);

-- The contacts table (001_core) gains the owner's placement of each contact.
alter table contacts add column group_id text;
alter table contacts add column pinned boolean not null default false;
alter table contacts add column note text not null default '';
-- contact_sync.version of the last placement change (0 = never changed).
alter table contacts add column placement_version integer not null default 0;
alter table contacts
  add constraint contacts_group_fk foreign key (owner_id, group_id) references contact_groups (owner_id, id);
create index contacts_owner_group_idx on contacts (owner_id, group_id);

-- "Ask me first": a request from `from_id` to add `to_id`. One row per ordered pair. A decline
-- is silent: the requester keeps seeing it as pending.
create table contact_requests (
  from_id    text not null references users (member_id) on delete cascade,
  to_id      text not null references users (member_id) on delete cascade,
  state      text not null check (state in ('pending', 'accepted', 'declined')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (from_id, to_id),
  check (from_id <> to_id)
);
create index contact_requests_to_idx on contact_requests (to_id, state);
