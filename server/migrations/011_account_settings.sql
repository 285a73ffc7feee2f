-- Settings that follow the account to every device (issue 12; shared/protocol/account.ts):
-- one row per user who changed any, the defaults otherwise. `settings` holds
-- {"autoTranslate": boolean, "mutedContacts": [member id, …]}.
create table account_settings (
  member_id  text primary key references users (member_id) on delete cascade,
  settings   jsonb not null,
  updated_at timestamptz not null
);
