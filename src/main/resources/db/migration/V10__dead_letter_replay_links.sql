-- A replay that fails again makes a new dead letter: it names the one it was replayed from, and the replay audit
-- names it (outcome FAILED), so the chain of attempts can be followed both ways. Outcomes are final: SUCCEEDED or
-- FAILED (RUNNING only while the replay runs).
ALTER TABLE dead_letters ADD COLUMN replayed_from BIGINT;
CREATE INDEX ix_dead_letters_replayed_from ON dead_letters (replayed_from);
ALTER TABLE dead_letter_replays ADD COLUMN new_dead_letter_id BIGINT;
UPDATE dead_letter_replays SET outcome = 'SUCCEEDED' WHERE outcome = 'DELIVERED';
