-- Attachments (docs/evidence.md, server/src/attachments): content-addressed by SHA-256.
-- Bytes live in this table (bytea) on both PGlite and PostgreSQL: with several nodes there is no
-- shared disk, the bytes stay transactional with their metadata, and one backup holds everything.
-- `data` is null only when an operator configured a file-system blob directory instead.
create table attachments (
  sha256      text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  -- Sniffed from the bytes by the server, never the client's claim.
  mime        text not null,
  size        integer not null check (size >= 0),
  data        bytea not null,
  created_at  timestamptz not null
);

-- Who uploaded which bytes: an uploader may always read back what they uploaded.
create table attachment_uploads (
  sha256      text not null references attachments (sha256),
  member_id   text not null references users (member_id),
  uploaded_at timestamptz not null,
  primary key (sha256, member_id)
);

-- "Is this attachment referenced by a message of a conversation I am in?" (GET authorisation).
create index messages_attachments_gin on messages using gin (attachments jsonb_path_ops);
