-- lianhu schema 1: the whole programme.
-- Dates are TEXT 'YYYY-MM-DD'; timestamps TEXT 'YYYY-MM-DD HH:MM:SS' (local time).
-- Every editable row carries `version`, bumped on each update (optimistic locking).

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE villages (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE,
    version  INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE groups (
    id         INTEGER PRIMARY KEY,
    village_id INTEGER NOT NULL REFERENCES villages(id),
    name       TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    UNIQUE (village_id, name)
);

CREATE TABLE buildings (
    id       INTEGER PRIMARY KEY,
    group_id INTEGER NOT NULL REFERENCES groups(id),
    name     TEXT NOT NULL,
    version  INTEGER NOT NULL DEFAULT 1,
    UNIQUE (group_id, name)
);

CREATE TABLE households (
    id          INTEGER PRIMARY KEY,
    village_id  INTEGER NOT NULL REFERENCES villages(id),
    group_id    INTEGER REFERENCES groups(id),
    building_id INTEGER REFERENCES buildings(id),
    address     TEXT NOT NULL,
    head        TEXT NOT NULL,
    phone       TEXT NOT NULL DEFAULT '',
    size        INTEGER,
    class       TEXT NOT NULL CHECK (class IN ('general', 'improving', 'difficult')),
    note        TEXT NOT NULL DEFAULT '',
    search_key  TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0,
    created_on  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (village_id, head, address)
);
CREATE INDEX households_group ON households(group_id);

-- A household's class over time: the class on day D is the row with the latest since <= D.
CREATE TABLE class_history (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    class        TEXT NOT NULL CHECK (class IN ('general', 'improving', 'difficult')),
    since        TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    recorded_by  TEXT NOT NULL
);
CREATE INDEX class_history_household ON class_history(household_id, since);

CREATE TABLE members (
    id          INTEGER PRIMARY KEY,
    village_id  INTEGER NOT NULL REFERENCES villages(id),
    name        TEXT NOT NULL,
    phone       TEXT NOT NULL DEFAULT '',
    role        TEXT NOT NULL CHECK (role IN ('cadre', 'group_leader', 'villager_group_leader', 'member', 'probationary', 'activist')),
    status      TEXT NOT NULL DEFAULT 'normal' CHECK (status IN ('normal', 'frail', 'migrant')),
    unit        TEXT NOT NULL DEFAULT '',
    party_group TEXT NOT NULL DEFAULT '',
    leader_id   INTEGER REFERENCES members(id),   -- 联户长 whose patch this member is in
    search_key  TEXT NOT NULL DEFAULT '',
    archived    INTEGER NOT NULL DEFAULT 0,
    created_on  TEXT NOT NULL,
    version     INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX members_village_name ON members(village_id, name);

CREATE TABLE links (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    since        TEXT NOT NULL,
    until        TEXT,                                  -- last day linked; NULL while current
    version      INTEGER NOT NULL DEFAULT 1,
    CHECK (until IS NULL OR until >= since)
);
CREATE INDEX links_household ON links(household_id, since);
CREATE INDEX links_member ON links(member_id, since);

-- Kin or acquaintance between a member and a household (就亲就近就熟).
CREATE TABLE relations (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    kind         TEXT NOT NULL CHECK (kind IN ('kin', 'acquaintance')),
    UNIQUE (member_id, household_id)
);

CREATE TABLE visits (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    date         TEXT NOT NULL,
    mode         TEXT NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'phone', 'wechat')),
    sorting      TEXT CHECK (sorting IN ('accurate', 'mostly_accurate', 'inaccurate')),
    note         TEXT NOT NULL DEFAULT '',
    concern      TEXT NOT NULL DEFAULT '',
    suggestion   TEXT NOT NULL DEFAULT '',
    next_planned TEXT,
    created_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX visits_household_date ON visits(household_id, date);
CREATE INDEX visits_member_date ON visits(member_id, date);
CREATE INDEX visits_date ON visits(date);

CREATE TABLE concerns (
    id           INTEGER PRIMARY KEY,
    visit_id     INTEGER REFERENCES visits(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    text         TEXT NOT NULL,
    raised_on    TEXT NOT NULL,
    status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'village', 'resolved', 'township', 'closed')),
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX concerns_status ON concerns(status);

CREATE TABLE concern_steps (
    id         INTEGER PRIMARY KEY,
    concern_id INTEGER NOT NULL REFERENCES concerns(id),
    status     TEXT NOT NULL CHECK (status IN ('open', 'village', 'resolved', 'township', 'closed')),
    on_date    TEXT NOT NULL,
    by_user    TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX concern_steps_concern ON concern_steps(concern_id, on_date);

CREATE TABLE ratings (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    quarter      TEXT NOT NULL,
    rating       TEXT NOT NULL CHECK (rating IN ('satisfied', 'basic', 'unsatisfied')),
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (household_id, quarter)
);

CREATE TABLE adjustments (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    quarter    TEXT NOT NULL,
    points     REAL NOT NULL,
    reason     TEXT NOT NULL CHECK (length(reason) > 0),
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL
);
CREATE INDEX adjustments_member ON adjustments(member_id, quarter);

-- A finalised quarter of a village; its member results are frozen below.
CREATE TABLE quarter_finals (
    id           INTEGER PRIMARY KEY,
    village_id   INTEGER NOT NULL REFERENCES villages(id),
    quarter      TEXT NOT NULL,
    finalized_at TEXT NOT NULL,
    finalized_by TEXT NOT NULL,
    UNIQUE (village_id, quarter)
);

CREATE TABLE quarter_results (
    id           INTEGER PRIMARY KEY,
    final_id     INTEGER NOT NULL REFERENCES quarter_finals(id) ON DELETE CASCADE,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    ranked       INTEGER NOT NULL,
    required     INTEGER NOT NULL,
    done         INTEGER NOT NULL,
    compliance   REAL NOT NULL,
    satisfaction REAL NOT NULL,
    points       REAL NOT NULL,
    rank         INTEGER,
    label        TEXT CHECK (label IN ('star', 'warning')),
    UNIQUE (final_id, member_id)
);

-- Who changed what: the OS user, when, and the row before and after (JSON).
CREATE TABLE audit (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    who       TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER,
    action    TEXT NOT NULL,
    before    TEXT,
    after     TEXT
);
CREATE INDEX audit_entity ON audit(entity, entity_id);

-- Half-typed forms, saved as the user types, restored on the next start.
CREATE TABLE drafts (
    id         INTEGER PRIMARY KEY,
    who        TEXT NOT NULL,
    form       TEXT NOT NULL,
    entity_id  INTEGER,
    data       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (who, form)
);

-- Optional access by village: with no rows, everyone may do everything.
CREATE TABLE users (
    os_user    TEXT PRIMARY KEY,
    role       TEXT NOT NULL CHECK (role IN ('admin', 'clerk', 'reader')),
    village_id INTEGER REFERENCES villages(id)
);
