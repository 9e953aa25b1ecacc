-- Raw SQL only: Prisma's schema cannot express a partial index (see docs/decisions/005).
-- The opportunities list, soonest first, of published offers with places left: read in index order a
-- page at a time, without counting or touching drafts, withdrawn or full offers.
CREATE INDEX "Offer_open_startDate_id_idx" ON "Offer"("startDate", "id") WHERE "status" = 'PUBLISHED' AND "slotsTaken" < "slots";
