-- Each household's standing kept current on every write (issue 23): the
-- few facts that decide where it stands on any day after its last recorded
-- change (see domain::standing), so that the due list reads one small row
-- per household, in the order a clerk counts (the natural key of village,
-- group and address, then the id), instead of every class record and link.
-- Archived households have no row.
CREATE TABLE standings (
    sort_key       BLOB NOT NULL PRIMARY KEY,
    household_id   INTEGER NOT NULL UNIQUE,
    village_id     INTEGER NOT NULL,
    class          TEXT NOT NULL,
    missed_before  INTEGER NOT NULL,
    missed_through INTEGER,
    member_id      INTEGER,
    linked_since   TEXT,
    last_visit     TEXT,
    last_plan      TEXT,
    settled        TEXT NOT NULL
) WITHOUT ROWID;

-- Households whose standing a write changed: every write marks them here,
-- and lianhu computes them again before it commits. A reader treats one
-- still listed (written by another program) as not kept.
CREATE TABLE standings_dirty (household_id INTEGER PRIMARY KEY);

CREATE TRIGGER standings_visit_in AFTER INSERT ON visits BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (new.household_id);
END;
CREATE TRIGGER standings_visit_up AFTER UPDATE OF household_id, date, next_planned ON visits BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (old.household_id), (new.household_id);
END;
CREATE TRIGGER standings_visit_out AFTER DELETE ON visits BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (old.household_id);
END;
CREATE TRIGGER standings_class_in AFTER INSERT ON class_history BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (new.household_id);
END;
CREATE TRIGGER standings_class_up AFTER UPDATE ON class_history BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (old.household_id), (new.household_id);
END;
CREATE TRIGGER standings_class_out AFTER DELETE ON class_history BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (old.household_id);
END;
CREATE TRIGGER standings_link_in AFTER INSERT ON links BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (new.household_id);
END;
CREATE TRIGGER standings_link_up AFTER UPDATE OF household_id, member_id, since, until ON links BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (old.household_id), (new.household_id);
END;
CREATE TRIGGER standings_link_out AFTER DELETE ON links BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (old.household_id);
END;
CREATE TRIGGER standings_household_in AFTER INSERT ON households BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (new.id);
END;
CREATE TRIGGER standings_household_up AFTER UPDATE OF id, village_id, group_id, address, class, archived, created_on ON households BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (old.id), (new.id);
END;
CREATE TRIGGER standings_household_out AFTER DELETE ON households BEGIN
    INSERT OR IGNORE INTO standings_dirty VALUES (old.id);
END;
CREATE TRIGGER standings_village_up AFTER UPDATE OF name ON villages BEGIN
    INSERT OR IGNORE INTO standings_dirty SELECT id FROM households WHERE village_id = new.id;
END;
CREATE TRIGGER standings_group_up AFTER UPDATE OF name, village_id ON groups BEGIN
    INSERT OR IGNORE INTO standings_dirty SELECT id FROM households WHERE group_id = new.id;
END;

INSERT INTO standings_dirty SELECT id FROM households;
