-- AlterTable
ALTER TABLE "Invitation" ADD COLUMN     "programmeId" TEXT,
ADD COLUMN     "yearOfStudy" INTEGER;

-- CreateIndex
CREATE INDEX "Invitation_programmeId_idx" ON "Invitation"("programmeId");

-- AddForeignKey
ALTER TABLE "Invitation" ADD CONSTRAINT "Invitation_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

