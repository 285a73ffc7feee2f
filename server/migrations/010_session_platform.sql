-- Settings › Devices (issue 12): the operating system a session was opened on ("Windows",
-- "Linux" …), shown beside its device name; null for sessions opened before this column and by
-- clients that do not say.
alter table sessions add column platform text;
