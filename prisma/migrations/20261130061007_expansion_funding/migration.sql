-- CreateEnum
CREATE TYPE "FundingUnit" AS ENUM ('WEEKS', 'STUDENTS');

-- AlterEnum
ALTER TYPE "CaseKind" ADD VALUE 'FUNDING_BEHIND';

-- CreateTable
CREATE TABLE "FundingProgramme" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "amountPence" INTEGER NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "ratePerWeekPence" INTEGER,
    "notes" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundingProgramme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingAward" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "profession" "Profession" NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "unit" "FundingUnit" NOT NULL,
    "committed" INTEGER NOT NULL,
    "baselineStudents" INTEGER NOT NULL,
    "baselineWeeks" INTEGER NOT NULL,
    "amountPence" INTEGER NOT NULL,
    "notes" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundingAward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FundingPayment" (
    "id" TEXT NOT NULL,
    "awardId" TEXT NOT NULL,
    "payOn" DATE NOT NULL,
    "amountPence" INTEGER NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FundingPayment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FundingProgramme_regionId_periodStart_idx" ON "FundingProgramme"("regionId", "periodStart");

-- CreateIndex
CREATE UNIQUE INDEX "FundingProgramme_regionId_name_key" ON "FundingProgramme"("regionId", "name");

-- CreateIndex
CREATE INDEX "FundingAward_programmeId_providerId_idx" ON "FundingAward"("programmeId", "providerId");

-- CreateIndex
CREATE INDEX "FundingAward_providerId_profession_idx" ON "FundingAward"("providerId", "profession");

-- CreateIndex
CREATE INDEX "FundingPayment_awardId_payOn_idx" ON "FundingPayment"("awardId", "payOn");

-- AddForeignKey
ALTER TABLE "FundingProgramme" ADD CONSTRAINT "FundingProgramme_regionId_fkey" FOREIGN KEY ("regionId") REFERENCES "Region"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingAward" ADD CONSTRAINT "FundingAward_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "FundingProgramme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingAward" ADD CONSTRAINT "FundingAward_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FundingPayment" ADD CONSTRAINT "FundingPayment_awardId_fkey" FOREIGN KEY ("awardId") REFERENCES "FundingAward"("id") ON DELETE CASCADE ON UPDATE CASCADE;

