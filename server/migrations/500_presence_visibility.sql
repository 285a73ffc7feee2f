-- Presence visibility (issue 13): who sees a user's presence and last seen.
--   everyone  anyone who lists the user as a contact (one-way is enough)
--   contacts  only people the user lists too (mutual)
--   nobody    no one: always offline without last seen
-- New accounts get their role's default in code (defaultPresenceVisibility in shared/protocol):
-- sellers 'everyone' (buyers who add a supplier see when it is at work), buyers 'contacts' (a
-- buyer is not watched by whoever adds them, until they add that person back). The column
-- default is the private choice for any other insert; existing sellers get theirs below.
alter table users add column presence_visibility text not null default 'contacts'
  check (presence_visibility in ('everyone', 'contacts', 'nobody'));
update users set presence_visibility = 'everyone' where role = 'seller';
