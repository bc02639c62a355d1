-- What each user last chose, remembered between sessions: the village they
-- work on, and the village, quarter and month 考评 and 台账 last showed.
CREATE TABLE prefs (
    os_user TEXT NOT NULL,
    key     TEXT NOT NULL,
    value   TEXT NOT NULL,
    PRIMARY KEY (os_user, key)
) WITHOUT ROWID;
