-- Dead-letter payloads are size-capped (docs/security.md, "Dead letters: size and who sees payloads"):
--   payload_kept INLINE  - the whole payload is in dead_letters.payload (at most ordersync.dead-letters.max-payload-bytes)
--                STORED  - the whole payload is in dead_letter_payloads (at most max-retained-payload-bytes);
--                          dead_letters.payload holds its preview (first characters)
--                PREVIEW - only the preview, size and SHA-256 were kept; payload_note says why; not replayable
-- payload_bytes and payload_sha256 are of the payload's UTF-8 bytes. Lists read none of the payload columns.
ALTER TABLE dead_letters ADD COLUMN payload_kept VARCHAR(16);
ALTER TABLE dead_letters ADD COLUMN payload_bytes BIGINT;
ALTER TABLE dead_letters ADD COLUMN payload_sha256 VARCHAR(64);
ALTER TABLE dead_letters ADD COLUMN payload_content_type VARCHAR(128);
ALTER TABLE dead_letters ADD COLUMN payload_note VARCHAR(1000);
-- dead letters kept before: whole, in their row (their digest is not known)
UPDATE dead_letters SET payload_kept = 'INLINE', payload_bytes = OCTET_LENGTH(payload) WHERE payload IS NOT NULL;
CREATE INDEX ix_dead_letters_payload_kept ON dead_letters (payload_kept, dead_letter_id);

-- Payloads larger than the inline limit, kept whole by reference: in the same database (durable with the dead letter,
-- in its transaction, on every node), one row per dead letter.
CREATE TABLE dead_letter_payloads (
    dead_letter_id      BIGINT       NOT NULL PRIMARY KEY REFERENCES dead_letters (dead_letter_id),
    payload             ${clob}      NOT NULL
);
