-- The due list needs each household's latest visit and the plan it set.
-- The household row keeps them (maintained on every visit written or
-- corrected), and a covering index answers "latest on or before a day".
DROP INDEX visits_household_date;
CREATE INDEX visits_household_latest ON visits(household_id, date, next_planned);
ALTER TABLE households ADD COLUMN latest_visit TEXT;
ALTER TABLE households ADD COLUMN latest_plan TEXT;
UPDATE households SET (latest_visit, latest_plan) =
    (SELECT date, next_planned FROM visits WHERE household_id = households.id ORDER BY date DESC, next_planned DESC LIMIT 1);
