-- Self-assessment (tự đánh giá / báo cáo thành tích) and the unit head's review of it.
--
-- One row per person and campaign holds the working copy of the answers (a draft that survives a
-- closed chat or a restart) and the review state. Every submission is also frozen as a version,
-- with the verdicts shown to the person at that moment, so nothing a person submitted is lost
-- when they change an answer later.

CREATE TABLE assessments (
    campaign_year       INTEGER NOT NULL REFERENCES campaigns (year),
    person_id           INTEGER NOT NULL REFERENCES people (id),
    -- draft: being written; submitted: waiting for review; approved / returned: reviewed.
    status              TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    -- JSON of domain::assessment::Answers, the working copy.
    answers             TEXT NOT NULL,
    -- The latest submitted version, NULL until the first submission.
    submitted_version   INTEGER,
    review_comment      TEXT,
    reviewed_by         INTEGER REFERENCES people (id),
    reviewed_at         TEXT,
    updated_at          TEXT NOT NULL,
    PRIMARY KEY (campaign_year, person_id)
);
CREATE INDEX assessments_status ON assessments (campaign_year, status);

CREATE TABLE assessment_versions (
    campaign_year   INTEGER NOT NULL,
    person_id       INTEGER NOT NULL,
    version         INTEGER NOT NULL CHECK (version >= 1),
    answers         TEXT NOT NULL,
    -- JSON: the verdict for each registered title as shown when submitting.
    verdicts        TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    PRIMARY KEY (campaign_year, person_id, version),
    FOREIGN KEY (campaign_year, person_id) REFERENCES assessments (campaign_year, person_id)
);
