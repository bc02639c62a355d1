-- A finalised quarter keeps everything its board showed, so that later
-- edits to the quarter's data change nothing in it.
ALTER TABLE quarter_finals ADD COLUMN members INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarter_finals ADD COLUMN star_cap INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarter_finals ADD COLUMN warning_cap INTEGER NOT NULL DEFAULT 0;
-- The ties that stopped stars or warnings short of their caps (JSON).
ALTER TABLE quarter_finals ADD COLUMN blocks TEXT NOT NULL DEFAULT '{}';
ALTER TABLE quarter_results ADD COLUMN exempt INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarter_results ADD COLUMN households INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarter_results ADD COLUMN conversions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarter_results ADD COLUMN resolved INTEGER NOT NULL DEFAULT 0;
ALTER TABLE quarter_results ADD COLUMN adjustments REAL NOT NULL DEFAULT 0;
-- Ratings are read per village and quarter (the ratings screen, scoring).
CREATE INDEX ratings_quarter ON ratings(quarter, household_id);
-- Scoring counts the concerns each member raised that were resolved in the
-- quarter: the concern keeps the day of its final step (resolved or closed).
ALTER TABLE concerns ADD COLUMN resolved_on TEXT;
UPDATE concerns SET resolved_on =
    (SELECT min(s.on_date) FROM concern_steps s WHERE s.concern_id = concerns.id AND s.status IN ('resolved', 'closed'))
    WHERE status IN ('resolved', 'closed');
CREATE INDEX concerns_member_resolved ON concerns(member_id, resolved_on);
