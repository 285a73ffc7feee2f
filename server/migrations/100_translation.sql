-- Translation (issue 4): the server-side cache shared by all users, per-user monthly usage and
-- budgets, and glossaries per owner and contact/group. Runs on PGlite and PostgreSQL alike.

-- One row per (source language, target language, glossary, text). cache_key is the SHA-256 (hex)
-- of those four; text_hash is the SHA-256 of the text alone, so the language DeepL detected for a
-- text can be found again without knowing the source language ("never send text that is already
-- in the target language").
CREATE TABLE IF NOT EXISTS translation_cache (
  cache_key     text PRIMARY KEY,
  text_hash     text NOT NULL,
  source_lang   text NOT NULL,            -- lower-case base code, or 'auto'
  target_lang   text NOT NULL,            -- DeepL target code, e.g. 'en-US', 'zh'
  glossary_id   text NOT NULL DEFAULT '', -- DeepL glossary id, '' for none
  translated    text NOT NULL,
  detected_lang text NOT NULL,            -- lower-case base code DeepL reported
  billed_chars  integer NOT NULL DEFAULT 0,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS translation_cache_text_hash ON translation_cache (text_hash);

-- Characters billed by DeepL on behalf of a member, per calendar month (UTC, 'YYYY-MM').
CREATE TABLE IF NOT EXISTS translation_usage (
  member_id  text NOT NULL,
  month      text NOT NULL,
  characters bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (member_id, month)
);

-- Operator overrides of the default monthly budget (TRANSLATION_MONTHLY_BUDGET).
CREATE TABLE IF NOT EXISTS translation_budget (
  member_id     text PRIMARY KEY,
  monthly_chars bigint NOT NULL
);

-- A member's glossary for one contact or one group of their contact tree, one per language pair.
CREATE TABLE IF NOT EXISTS translation_glossary (
  id          text PRIMARY KEY,
  owner_id    text NOT NULL,
  scope_kind  text NOT NULL CHECK (scope_kind IN ('contact', 'group')),
  scope_id    text NOT NULL,
  source_lang text NOT NULL,
  target_lang text NOT NULL,
  name        text NOT NULL,
  entries     text NOT NULL,               -- JSON array of {source, target}
  deepl_id    text,                        -- the DeepL glossary these entries were uploaded as
  updated_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (owner_id, scope_kind, scope_id, source_lang, target_lang)
);
