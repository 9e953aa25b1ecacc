-- Raw SQL only (docs/decisions/005): the schema cannot declare the extension without a preview feature.
-- The opportunities search matches its text anywhere in an offer's specialty, its site's name and its
-- provider's name (ILIKE '%…%'); trigram indexes answer that without reading every row.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Offer_specialty_trgm_idx" ON "Offer" USING GIN ("specialty" gin_trgm_ops);
CREATE INDEX "Site_name_trgm_idx" ON "Site" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "Organisation_name_trgm_idx" ON "Organisation" USING GIN ("name" gin_trgm_ops);
