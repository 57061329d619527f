-- The unit meeting's own finding and a campaign's local rule files.
--
-- unit_meetings.unit_rating: the unit's collective task rating for the year as the meeting
-- records it (xếp loại tập thể). The collective title (TLĐTT / TLĐXS) is computed from it and
-- from the members' own verdicts; it is never typed in. NULL when the unit registered no
-- collective title.
ALTER TABLE unit_meetings ADD COLUMN unit_rating TEXT
    CHECK (unit_rating IS NULL OR unit_rating IN ('excellent', 'good', 'completed', 'not_completed'));

-- campaigns.local_rules: JSON array of the department's or province's rule files merged over the
-- campaign's rule set (paths as written in the campaign file), e.g. ["config/rules/local/tay-ninh.toml"].
ALTER TABLE campaigns ADD COLUMN local_rules TEXT NOT NULL DEFAULT '[]';
