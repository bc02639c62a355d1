-- 总览 and the monthly report read twelve months of visits and concerns.
-- The date index now carries the household and the plan as well, so that
-- a range of dates is read from the index alone (12 MB for a street's
-- year instead of the 57 MB of the household index), and the concern
-- flow is counted from three small covering indexes.
DROP INDEX visits_date;
CREATE INDEX visits_date ON visits(date, household_id, next_planned);
CREATE INDEX concerns_raised ON concerns(raised_on, household_id);
CREATE INDEX concerns_resolved ON concerns(resolved_on, household_id);
CREATE INDEX concern_steps_status ON concern_steps(status, on_date, concern_id);
