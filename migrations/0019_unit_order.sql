-- Units are listed in the organisation file's order everywhere (issue 13): the order is the
-- file's, mirrored here by every start, not the codes' or the names' alphabetical order.
ALTER TABLE units ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
