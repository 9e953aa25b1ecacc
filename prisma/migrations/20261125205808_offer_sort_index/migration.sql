-- CreateIndex
CREATE INDEX "Offer_status_startDate_id_idx" ON "Offer"("status", "startDate", "id");

