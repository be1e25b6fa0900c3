-- The version of everything signed-in people see: bumped after every write,
-- including those no visitor sees (comments, evidence of a draft). Each
-- instance drops the sessions and the pages it keeps for signed-in people
-- when it moves.
CREATE SEQUENCE IF NOT EXISTS "private_version";
