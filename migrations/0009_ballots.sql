-- The council's secret ballot (bỏ phiếu kín, Decree 98/2023 Art. 30.7) and the director's
-- decision (quyết định).
--
-- Secrecy is a property of the schema, not of the code's good manners:
--   * `ballot_roll` (the voter roll) says WHO has voted on WHICH nomination, never how;
--   * `ballot_box` says WHAT was chosen on which nomination, never by whom, never when, and in no
--     order: it has no person column, no timestamp, and its key is a random token in a
--     WITHOUT ROWID table, so neither a rowid nor the physical order reveals who voted first.
-- Both rows are written in one transaction, so "ballots counted = members marked as voted"
-- holds at every commit. How a vote was cast (in chat, or on paper entered by the secretary) is
-- kept on the roll only: on the box it would single out the one paper vote's choice.

-- One ballot per campaign, opened by the secretary for every valid nomination whose title needs
-- one. The membership is frozen at opening: thresholds count the council's TOTAL membership.
CREATE TABLE ballots (
    campaign_year   INTEGER PRIMARY KEY REFERENCES campaigns (year),
    -- Random; written into every ballot button so a button from another ballot (or a forged
    -- one) is refused.
    nonce           INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    membership      INTEGER NOT NULL CHECK (membership >= 0),
    opened_by       INTEGER REFERENCES people (id),
    opened_at       TEXT NOT NULL,
    closed_by       INTEGER REFERENCES people (id),
    closed_at       TEXT,
    CHECK ((status = 'open') = (closed_at IS NULL))
);

-- The nominations on the ballot paper, fixed when it opens.
CREATE TABLE ballot_items (
    campaign_year   INTEGER NOT NULL REFERENCES ballots (campaign_year),
    nomination_id   INTEGER NOT NULL REFERENCES nominations (id),
    PRIMARY KEY (campaign_year, nomination_id)
);

-- The council members entitled to vote, fixed when the ballot opens.
CREATE TABLE ballot_electorate (
    campaign_year   INTEGER NOT NULL REFERENCES ballots (campaign_year),
    person_id       INTEGER NOT NULL REFERENCES people (id),
    PRIMARY KEY (campaign_year, person_id)
);

-- The voter roll: who has voted on which nomination. Never the choice.
CREATE TABLE ballot_roll (
    nomination_id   INTEGER NOT NULL REFERENCES nominations (id),
    person_id       INTEGER NOT NULL REFERENCES people (id),
    -- chat: the member pressed a ballot button; written: the secretary entered a paper vote.
    mode            TEXT NOT NULL CHECK (mode IN ('chat', 'written')),
    entered_by      INTEGER REFERENCES people (id),
    CHECK ((mode = 'written') = (entered_by IS NOT NULL)),
    -- One vote per member per nominee; storage maps this name to Refusal::AlreadyVoted.
    CONSTRAINT ballot_roll_one_vote UNIQUE (nomination_id, person_id)
);

-- The ballot box: one anonymous choice per cast vote.
CREATE TABLE ballot_box (
    token           TEXT PRIMARY KEY CHECK (length(token) = 32),
    nomination_id   INTEGER NOT NULL REFERENCES nominations (id),
    choice          TEXT NOT NULL CHECK (choice IN ('yes', 'no'))
) WITHOUT ROWID;

-- The director's decisions: an approval (with the decision's number and date) or a send-back
-- with a comment. At most one approval per campaign.
CREATE TABLE decisions (
    id              INTEGER PRIMARY KEY,
    campaign_year   INTEGER NOT NULL REFERENCES campaigns (year),
    outcome         TEXT NOT NULL CHECK (outcome IN ('approved', 'sent_back')),
    -- Số quyết định, e.g. '125/QĐ-SXD', and its date 'YYYY-MM-DD'; only for an approval.
    number          TEXT,
    decided_on      TEXT,
    comment         TEXT,
    decided_by      INTEGER NOT NULL REFERENCES people (id),
    decided_at      TEXT NOT NULL,
    CHECK ((outcome = 'approved') = (number IS NOT NULL AND decided_on IS NOT NULL))
);
CREATE UNIQUE INDEX decisions_one_approval ON decisions (campaign_year) WHERE outcome = 'approved';
