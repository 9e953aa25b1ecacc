-- Raw SQL only (docs/decisions/005 and 007). The opportunities search now matches site and provider names
-- against a copy kept per data version (app/marketplace/opportunities.server.ts), so a write to "Site" moves
-- the count too, as writes to "Organisation" already do (20261130190500_data_version).
CREATE CONSTRAINT TRIGGER "Site_dataVersion" AFTER INSERT OR UPDATE OR DELETE ON "Site" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpDataVersion"();
CREATE TRIGGER "Site_dataVersion_truncate" AFTER TRUNCATE ON "Site" FOR EACH STATEMENT EXECUTE FUNCTION "bumpDataVersion"();
