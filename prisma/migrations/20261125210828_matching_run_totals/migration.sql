-- AlterTable
ALTER TABLE "MatchingRun" ADD COLUMN     "studentsPlaced" INTEGER,
ADD COLUMN     "studentsUnmet" INTEGER;

