-- Proposals to the provincial council (issue 12): the titles the director cannot decide (TLĐXS,
-- CSTĐ cấp tỉnh) go up as one proposal per campaign, created with the director's approval.
-- Its status is tracked (prepared → sent → decided); the province's decision is entered back
-- with a result per nomination, and each awarded title becomes history.
CREATE TABLE proposals (
    campaign_year    INTEGER PRIMARY KEY REFERENCES campaigns (year),
    status           TEXT NOT NULL CHECK (status IN ('prepared', 'sent', 'decided')),
    -- The department's tờ trình / công văn that sent it.
    sent_number      TEXT,
    sent_on          TEXT,
    -- The provincial chairman's decision.
    decision_number  TEXT,
    decision_date    TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK ((status = 'prepared') = (sent_number IS NULL)),
    CHECK ((status = 'decided') = (decision_number IS NOT NULL))
);

CREATE TABLE proposal_items (
    campaign_year    INTEGER NOT NULL REFERENCES proposals (campaign_year),
    nomination_id    INTEGER NOT NULL UNIQUE REFERENCES nominations (id),
    result           TEXT NOT NULL CHECK (result IN ('pending', 'awarded', 'not_awarded')),
    PRIMARY KEY (campaign_year, nomination_id)
);
