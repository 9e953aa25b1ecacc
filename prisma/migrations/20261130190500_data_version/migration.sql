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

DO $$
DECLARE
  figures_table text;
BEGIN
  FOREACH figures_table IN ARRAY ARRAY['Region', 'Organisation', 'Workforce', 'Setting', 'Offer', 'PlacementRequest', 'Allocation'] LOOP
    EXECUTE format(
      'CREATE CONSTRAINT TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bumpDataVersion"()',
      figures_table || '_dataVersion', figures_table);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "bumpDataVersion"()',
      figures_table || '_dataVersion_truncate', figures_table);
  END LOOP;
END
$$;
