-- Raw SQL only: Prisma's schema cannot express sequences, functions or triggers (see docs/decisions/005 and 007).
-- "DataVersion" moves whenever a row behind the region's figures (demand, offers, placements, workforce,
-- organisations, settings) is written. The triggers are deferred to commit, so the count moves with the
-- transaction that changed the data, once per row; a TRUNCATE moves it at once. Each server keeps the figures
-- it worked out with the count it read before, and works them out again once the count has moved
-- (app/platform/db/data-version.server.ts).
CREATE SEQUENCE "DataVersion";

CREATE FUNCTION "bumpDataVersion"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM nextval('"DataVersion"');
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "Region_dataVersion" AFTER INSERT OR UPDATE OR DELETE ON "Region" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpDataVersion"();
CREATE TRIGGER "Region_dataVersion_truncate" AFTER TRUNCATE ON "Region" FOR EACH STATEMENT EXECUTE FUNCTION "bumpDataVersion"();
CREATE CONSTRAINT TRIGGER "Organisation_dataVersion" AFTER INSERT OR UPDATE OR DELETE ON "Organisation" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpDataVersion"();
CREATE TRIGGER "Organisation_dataVersion_truncate" AFTER TRUNCATE ON "Organisation" FOR EACH STATEMENT EXECUTE FUNCTION "bumpDataVersion"();
CREATE CONSTRAINT TRIGGER "Workforce_dataVersion" AFTER INSERT OR UPDATE OR DELETE ON "Workforce" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpDataVersion"();
CREATE TRIGGER "Workforce_dataVersion_truncate" AFTER TRUNCATE ON "Workforce" FOR EACH STATEMENT EXECUTE FUNCTION "bumpDataVersion"();
CREATE CONSTRAINT TRIGGER "Setting_dataVersion" AFTER INSERT OR UPDATE OR DELETE ON "Setting" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpDataVersion"();
CREATE TRIGGER "Setting_dataVersion_truncate" AFTER TRUNCATE ON "Setting" FOR EACH STATEMENT EXECUTE FUNCTION "bumpDataVersion"();
CREATE CONSTRAINT TRIGGER "Offer_dataVersion" AFTER INSERT OR UPDATE OR DELETE ON "Offer" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpDataVersion"();
CREATE TRIGGER "Offer_dataVersion_truncate" AFTER TRUNCATE ON "Offer" FOR EACH STATEMENT EXECUTE FUNCTION "bumpDataVersion"();
CREATE CONSTRAINT TRIGGER "PlacementRequest_dataVersion" AFTER INSERT OR UPDATE OR DELETE ON "PlacementRequest" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpDataVersion"();
CREATE TRIGGER "PlacementRequest_dataVersion_truncate" AFTER TRUNCATE ON "PlacementRequest" FOR EACH STATEMENT EXECUTE FUNCTION "bumpDataVersion"();
CREATE CONSTRAINT TRIGGER "Allocation_dataVersion" AFTER INSERT OR UPDATE OR DELETE ON "Allocation" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpDataVersion"();
CREATE TRIGGER "Allocation_dataVersion_truncate" AFTER TRUNCATE ON "Allocation" FOR EACH STATEMENT EXECUTE FUNCTION "bumpDataVersion"();
