-- The version of what anonymous visitors see: every instance bumps it after a
-- write, and each one's cache of public pages is dropped when it moves.
CREATE SEQUENCE IF NOT EXISTS "content_version";
