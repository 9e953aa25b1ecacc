-- CreateEnum
CREATE TYPE "MatchingRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'PUBLISHED', 'DISCARDED');

-- CreateTable
CREATE TABLE "MatchingRun" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "profession" "Profession",
    "status" "MatchingRunStatus" NOT NULL DEFAULT 'QUEUED',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "phase" TEXT,
    "startedById" TEXT NOT NULL,
    "inputSummary" JSONB,
    "result" JSONB,
    "error" TEXT,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "publishedAt" TIMESTAMP(3),
    "publishedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MatchingRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MatchingRun_regionId_createdAt_idx" ON "MatchingRun"("regionId", "createdAt");

-- CreateIndex
CREATE INDEX "MatchingRun_status_idx" ON "MatchingRun"("status");

