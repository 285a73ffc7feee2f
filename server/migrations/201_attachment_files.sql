-- Attachments as files (docs/operations.md § Attachments): on the embedded store, and on
-- PostgreSQL with TRADEWIND_ATTACHMENTS_DIR, the bytes live in `<dir>/ab/cd/<sha256>` and `data`
-- is null. Rows stored before keep their bytes here and are served from here.
alter table attachments alter column data drop not null;
