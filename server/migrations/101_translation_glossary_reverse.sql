-- Translation (issue 4): one glossary serves both directions. Besides the DeepL glossary for
-- (source_lang → target_lang) — what the owner writes to the partner — the server uploads the
-- same entries reversed (target_lang → source_lang) where DeepL supports that pair, so what the
-- partner writes back is translated for the owner with the same fixed terms.
ALTER TABLE translation_glossary ADD COLUMN IF NOT EXISTS reverse_deepl_id text;
CREATE INDEX IF NOT EXISTS translation_glossary_deepl_id ON translation_glossary (deepl_id);
CREATE INDEX IF NOT EXISTS translation_glossary_reverse_deepl_id ON translation_glossary (reverse_deepl_id);
