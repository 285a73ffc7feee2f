-- Batch signatures (issue 9, docs/evidence.md § Batch signatures): a group commit of several
-- messages signs the root of a Merkle tree over their chain hashes once, and each message keeps
-- its inclusion proof {"index", "size", "path"} next to that shared signature. Null on a message
-- signed alone (its signature is of its hash) and on every message stored before this migration.
-- Runs unchanged on PGlite and PostgreSQL.

alter table messages add column proof jsonb;
