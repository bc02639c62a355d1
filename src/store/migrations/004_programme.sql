-- The programme's other instruments (issue 8): red/black lists, link-leader
-- meetings and the five activities, WeChat groups, 办实事 visits, the
-- year-end democratic appraisal, the four duties with their bins and duty
-- days, and dual registration. Runs with foreign keys off (see migrate).

-- 办实事 (practical help) is a visit mode of its own. SQLite changes a CHECK
-- only by rebuilding the table.
CREATE TABLE visits_new (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    member_id    INTEGER NOT NULL REFERENCES members(id),
    date         TEXT NOT NULL,
    mode         TEXT NOT NULL DEFAULT 'in_person' CHECK (mode IN ('in_person', 'phone', 'wechat', 'help')),
    sorting      TEXT CHECK (sorting IN ('accurate', 'mostly_accurate', 'inaccurate')),
    note         TEXT NOT NULL DEFAULT '',
    concern      TEXT NOT NULL DEFAULT '',
    suggestion   TEXT NOT NULL DEFAULT '',
    next_planned TEXT,
    created_at   TEXT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
INSERT INTO visits_new (id, household_id, member_id, date, mode, sorting, note, concern, suggestion, next_planned, created_at, version)
    SELECT id, household_id, member_id, date, mode, sorting, note, concern, suggestion, next_planned, created_at, version FROM visits;
DROP TABLE visits;
ALTER TABLE visits_new RENAME TO visits;
CREATE INDEX visits_household_date ON visits(household_id, date);
CREATE INDEX visits_member_date ON visits(member_id, date);
CREATE INDEX visits_date ON visits(date);
CREATE INDEX visits_household_latest ON visits(household_id, date, next_planned);

-- 红黑榜: a household on a village's red or black list for a month
-- (YYYY-MM). Link leaders propose, the village confirms or drops.
CREATE TABLE redblack (
    id           INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households(id),
    month        TEXT NOT NULL,
    list         TEXT NOT NULL CHECK (list IN ('red', 'black')),
    state        TEXT NOT NULL CHECK (state IN ('proposed', 'confirmed', 'dropped')),
    proposed_by  INTEGER REFERENCES members(id),
    proposed_on  TEXT NOT NULL,
    decided_on   TEXT,
    note         TEXT NOT NULL DEFAULT '',
    version      INTEGER NOT NULL DEFAULT 1,
    UNIQUE (household_id, month)
);
CREATE INDEX redblack_month ON redblack(month, household_id);
-- Whether the village shows full names on its black list (masked by default).
ALTER TABLE villages ADD COLUMN black_full_names INTEGER NOT NULL DEFAULT 0;

-- 联户长座谈会 (kind leader_meeting) and the 五个载体 activities.
CREATE TABLE events (
    id           INTEGER PRIMARY KEY,
    village_id   INTEGER NOT NULL REFERENCES villages(id),
    kind         TEXT NOT NULL CHECK (kind IN ('leader_meeting', 'proposal', 'launch', 'training', 'campaign', 'party_day')),
    date         TEXT NOT NULL,
    title        TEXT NOT NULL DEFAULT '',
    difficulties TEXT NOT NULL DEFAULT '',
    decisions    TEXT NOT NULL DEFAULT '',
    -- Attendees who are not members of the branch (villagers, volunteers).
    others       INTEGER NOT NULL DEFAULT 0 CHECK (others >= 0),
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX events_village_date ON events(village_id, date);
CREATE TABLE event_attendees (
    event_id  INTEGER NOT NULL REFERENCES events(id),
    member_id INTEGER NOT NULL REFERENCES members(id),
    PRIMARY KEY (event_id, member_id)
) WITHOUT ROWID;
CREATE INDEX event_attendees_member ON event_attendees(member_id);
-- A concern opened from a meeting.
ALTER TABLE concerns ADD COLUMN event_id INTEGER REFERENCES events(id);

-- A member's WeChat group, and which households have joined it.
CREATE TABLE wechat_groups (
    member_id  INTEGER PRIMARY KEY REFERENCES members(id),
    name       TEXT NOT NULL,
    created_on TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE wechat_joined (
    member_id    INTEGER NOT NULL REFERENCES members(id),
    household_id INTEGER NOT NULL REFERENCES households(id),
    joined_on    TEXT NOT NULL,
    PRIMARY KEY (member_id, household_id)
) WITHOUT ROWID;

-- 民主评议: the year-end democratic appraisal of each member.
CREATE TABLE appraisals (
    member_id  INTEGER NOT NULL REFERENCES members(id),
    year       INTEGER NOT NULL,
    result     TEXT NOT NULL CHECK (result IN ('excellent', 'qualified', 'basic', 'unqualified')),
    note       TEXT NOT NULL DEFAULT '',
    decided_on TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (member_id, year)
);

-- 四员: 先锋员, 宣传员, 示范员, 督导员.
CREATE TABLE member_duties (
    member_id INTEGER NOT NULL REFERENCES members(id),
    duty      TEXT NOT NULL CHECK (duty IN ('pioneer', 'publicist', 'exemplar', 'supervisor')),
    since     TEXT NOT NULL,
    PRIMARY KEY (member_id, duty)
) WITHOUT ROWID;
-- 党员责任垃圾桶, each held by a 督导员.
CREATE TABLE bins (
    id         INTEGER PRIMARY KEY,
    village_id INTEGER NOT NULL REFERENCES villages(id),
    group_id   INTEGER REFERENCES groups(id),
    location   TEXT NOT NULL CHECK (length(location) > 0),
    member_id  INTEGER REFERENCES members(id),
    archived   INTEGER NOT NULL DEFAULT 0,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX bins_village ON bins(village_id);
-- Volunteer supervision duty days.
CREATE TABLE duty_days (
    id        INTEGER PRIMARY KEY,
    member_id INTEGER NOT NULL REFERENCES members(id),
    date      TEXT NOT NULL,
    bin_id    INTEGER REFERENCES bins(id),
    note      TEXT NOT NULL DEFAULT '',
    UNIQUE (member_id, date)
);
CREATE INDEX duty_days_date ON duty_days(date);

-- 双报到: a member of an outside work unit registered with the community
-- (village) where they live, and the community's yearly evaluation.
CREATE TABLE registrations (
    id            INTEGER PRIMARY KEY,
    member_id     INTEGER NOT NULL UNIQUE REFERENCES members(id),
    unit          TEXT NOT NULL CHECK (length(unit) > 0),
    registered_on TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE registration_reviews (
    registration_id INTEGER NOT NULL REFERENCES registrations(id),
    year            INTEGER NOT NULL,
    rating          TEXT NOT NULL CHECK (rating IN ('excellent', 'good', 'fair', 'poor')),
    note            TEXT NOT NULL DEFAULT '',
    reviewed_on     TEXT NOT NULL,
    version         INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (registration_id, year)
);
