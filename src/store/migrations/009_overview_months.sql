-- 总览's closed months, kept (issue 23): each village's numbers of a month
-- (periods owed and done, classes, the concern flow) that can no longer
-- change unless the past is written again (every plan's grace and every
-- week it places is over). Derived data only: any write
-- that could change a month drops it and the months after, and the next
-- reader counts them again. `rules` is the visit rules they were counted by.
CREATE TABLE overview_months (
    village_id INTEGER NOT NULL,
    month      TEXT NOT NULL,
    rules      TEXT NOT NULL,
    counts     TEXT NOT NULL,
    PRIMARY KEY (village_id, month)
) WITHOUT ROWID;

-- A visit, a class record or a link dated D can change the months from
-- the one before D's on (a plan done within its grace, a week across the
-- month's end, a plan chain from an earlier visit).
CREATE TRIGGER overview_visit_in AFTER INSERT ON visits BEGIN
    DELETE FROM overview_months WHERE village_id = (SELECT village_id FROM households WHERE id = new.household_id)
        AND month >= substr(date(new.date, 'start of month', '-1 month'), 1, 7);
END;
CREATE TRIGGER overview_visit_up AFTER UPDATE OF household_id, date, next_planned ON visits BEGIN
    DELETE FROM overview_months WHERE village_id IN (SELECT village_id FROM households WHERE id IN (old.household_id, new.household_id))
        AND month >= substr(date(min(old.date, new.date), 'start of month', '-1 month'), 1, 7);
END;
CREATE TRIGGER overview_visit_out AFTER DELETE ON visits BEGIN
    DELETE FROM overview_months WHERE village_id = (SELECT village_id FROM households WHERE id = old.household_id)
        AND month >= substr(date(old.date, 'start of month', '-1 month'), 1, 7);
END;
CREATE TRIGGER overview_class_in AFTER INSERT ON class_history BEGIN
    DELETE FROM overview_months WHERE village_id = (SELECT village_id FROM households WHERE id = new.household_id)
        AND month >= substr(date(new.since, 'start of month', '-1 month'), 1, 7);
END;
CREATE TRIGGER overview_class_up AFTER UPDATE ON class_history BEGIN
    DELETE FROM overview_months WHERE village_id IN (SELECT village_id FROM households WHERE id IN (old.household_id, new.household_id))
        AND month >= substr(date(min(old.since, new.since), 'start of month', '-1 month'), 1, 7);
END;
CREATE TRIGGER overview_class_out AFTER DELETE ON class_history BEGIN
    DELETE FROM overview_months WHERE village_id = (SELECT village_id FROM households WHERE id = old.household_id)
        AND month >= substr(date(old.since, 'start of month', '-1 month'), 1, 7);
END;
CREATE TRIGGER overview_link_in AFTER INSERT ON links BEGIN
    DELETE FROM overview_months WHERE village_id = (SELECT village_id FROM households WHERE id = new.household_id)
        AND month >= substr(date(new.since, 'start of month', '-1 month'), 1, 7);
END;
CREATE TRIGGER overview_link_up AFTER UPDATE OF household_id, member_id, since, until ON links BEGIN
    DELETE FROM overview_months WHERE village_id IN (SELECT village_id FROM households WHERE id IN (old.household_id, new.household_id))
        AND month >= substr(date(min(old.since, new.since, coalesce(old.until, old.since), coalesce(new.until, new.since)),
            'start of month', '-1 month'), 1, 7);
END;
CREATE TRIGGER overview_link_out AFTER DELETE ON links BEGIN
    DELETE FROM overview_months WHERE village_id = (SELECT village_id FROM households WHERE id = old.household_id)
        AND month >= substr(date(old.since, 'start of month', '-1 month'), 1, 7);
END;
-- A concern raised, resolved or passed up on day D changes D's month on.
CREATE TRIGGER overview_concern_in AFTER INSERT ON concerns BEGIN
    DELETE FROM overview_months WHERE village_id = (SELECT village_id FROM households WHERE id = new.household_id)
        AND month >= substr(min(new.raised_on, coalesce(new.resolved_on, new.raised_on)), 1, 7);
END;
CREATE TRIGGER overview_concern_up AFTER UPDATE OF household_id, raised_on, resolved_on ON concerns BEGIN
    DELETE FROM overview_months WHERE village_id IN (SELECT village_id FROM households WHERE id IN (old.household_id, new.household_id))
        AND month >= substr(min(old.raised_on, new.raised_on, coalesce(old.resolved_on, old.raised_on),
            coalesce(new.resolved_on, new.raised_on)), 1, 7);
END;
CREATE TRIGGER overview_concern_out AFTER DELETE ON concerns BEGIN
    DELETE FROM overview_months WHERE village_id = (SELECT village_id FROM households WHERE id = old.household_id)
        AND month >= substr(old.raised_on, 1, 7);
END;
CREATE TRIGGER overview_step_in AFTER INSERT ON concern_steps BEGIN
    DELETE FROM overview_months WHERE village_id =
        (SELECT h.village_id FROM concerns c JOIN households h ON h.id = c.household_id WHERE c.id = new.concern_id)
        AND month >= substr(new.on_date, 1, 7);
END;
CREATE TRIGGER overview_step_up AFTER UPDATE OF concern_id, status, on_date ON concern_steps BEGIN
    DELETE FROM overview_months WHERE village_id IN
        (SELECT h.village_id FROM concerns c JOIN households h ON h.id = c.household_id WHERE c.id IN (old.concern_id, new.concern_id))
        AND month >= substr(min(old.on_date, new.on_date), 1, 7);
END;
CREATE TRIGGER overview_step_out AFTER DELETE ON concern_steps BEGIN
    DELETE FROM overview_months WHERE village_id =
        (SELECT h.village_id FROM concerns c JOIN households h ON h.id = c.household_id WHERE c.id = old.concern_id)
        AND month >= substr(old.on_date, 1, 7);
END;
-- A household added, moved, archived or removed changes every month of
-- its villages.
CREATE TRIGGER overview_household_in AFTER INSERT ON households BEGIN
    DELETE FROM overview_months WHERE village_id = new.village_id;
END;
CREATE TRIGGER overview_household_up AFTER UPDATE OF id, village_id, class, archived, created_on ON households BEGIN
    DELETE FROM overview_months WHERE village_id IN (old.village_id, new.village_id);
END;
CREATE TRIGGER overview_household_out AFTER DELETE ON households BEGIN
    DELETE FROM overview_months WHERE village_id = old.village_id;
END;
