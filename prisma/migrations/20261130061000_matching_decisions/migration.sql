-- CreateEnum
CREATE TYPE "MatchingDecisionKind" AS ENUM ('EXCLUDE', 'LOCK');

-- AlterEnum
ALTER TYPE "MatchingRunStatus" ADD VALUE 'SUPERSEDED';

-- AlterTable
ALTER TABLE "MatchingRun" ADD COLUMN     "derivedFromId" TEXT;

-- CreateTable
CREATE TABLE "MatchingDecision" (
    "id" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "kind" "MatchingDecisionKind" NOT NULL,
    "students" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MatchingDecision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "MatchingDecision_runId_requestId_offerId_key" ON "MatchingDecision"("runId", "requestId", "offerId");

-- CreateIndex
CREATE INDEX "MatchingRun_derivedFromId_idx" ON "MatchingRun"("derivedFromId");

-- AddForeignKey
ALTER TABLE "MatchingRun" ADD CONSTRAINT "MatchingRun_derivedFromId_fkey" FOREIGN KEY ("derivedFromId") REFERENCES "MatchingRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MatchingDecision" ADD CONSTRAINT "MatchingDecision_runId_fkey" FOREIGN KEY ("runId") REFERENCES "MatchingRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

