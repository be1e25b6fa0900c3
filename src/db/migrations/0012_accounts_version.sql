-- The version of the accounts: who a session signs in, with which name and
-- grants. Moved by the database itself whenever users, grants or sessions
-- change, however the change is made (a request, the command line, another
-- instance); each instance drops the sessions it keeps when it moves, and
-- keeps them across every other write.
CREATE SEQUENCE IF NOT EXISTS "accounts_version";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "enlace_accounts_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('accounts_version');
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "users_accounts_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "users"
  FOR EACH STATEMENT EXECUTE FUNCTION "enlace_accounts_changed"();
--> statement-breakpoint
CREATE TRIGGER "grants_accounts_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "grants"
  FOR EACH STATEMENT EXECUTE FUNCTION "enlace_accounts_changed"();
--> statement-breakpoint
CREATE TRIGGER "sessions_accounts_version" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "enlace_accounts_changed"();
