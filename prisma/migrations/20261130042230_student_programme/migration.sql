-- AlterTable
ALTER TABLE "User" ADD COLUMN     "programmeId" TEXT,
ADD COLUMN     "yearOfStudy" INTEGER;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

