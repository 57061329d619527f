-- A council member the secretary records as absent from the year's ballot (Decree 98/2023
-- Art. 30.7 lets an absent member vote in writing). Only for such a member, or one without
-- Telegram, may the secretary enter a paper vote; a member present in chat votes only themself,
-- and a member recorded absent is told so on every channel they have. The flag says nothing
-- about any choice, so it does not weaken the box's secrecy.
ALTER TABLE ballot_electorate
    ADD COLUMN absent INTEGER NOT NULL DEFAULT 0 CHECK (absent IN (0, 1));
