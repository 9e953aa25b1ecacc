-- CreateEnum
CREATE TYPE "TimesheetStatus" AS ENUM ('SUBMITTED', 'CONFIRMED', 'QUERIED');

-- CreateTable
CREATE TABLE "HoursRequirement" (
    "id" TEXT NOT NULL,
    "profession" "Profession" NOT NULL,
    "minimumMinutes" INTEGER NOT NULL,
    "countsInPerson" BOOLEAN NOT NULL DEFAULT true,
    "countsTelehealth" BOOLEAN NOT NULL DEFAULT true,
    "countsSimulation" BOOLEAN NOT NULL DEFAULT false,
    "simulationCapMinutes" INTEGER,
    "simulationCapPercent" INTEGER,
    "source" TEXT NOT NULL,
    "sourceUrl" TEXT,
    "notes" TEXT,
    "effectiveFrom" DATE NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "HoursRequirement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Timesheet" (
    "id" TEXT NOT NULL,
    "allocationId" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "weekStarting" DATE NOT NULL,
    "days" INTEGER NOT NULL,
    "inPersonMinutes" INTEGER NOT NULL,
    "telehealthMinutes" INTEGER NOT NULL,
    "simulationMinutes" INTEGER NOT NULL,
    "status" "TimesheetStatus" NOT NULL DEFAULT 'SUBMITTED',
    "submittedAt" TIMESTAMP(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "queryReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Timesheet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudentHoursStanding" (
    "studentId" TEXT NOT NULL,
    "atRisk" BOOLEAN NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudentHoursStanding_pkey" PRIMARY KEY ("studentId")
);

-- CreateIndex
CREATE UNIQUE INDEX "HoursRequirement_profession_effectiveFrom_key" ON "HoursRequirement"("profession", "effectiveFrom");

-- CreateIndex
CREATE INDEX "Timesheet_studentId_status_idx" ON "Timesheet"("studentId", "status");

-- CreateIndex
CREATE INDEX "Timesheet_providerId_status_submittedAt_idx" ON "Timesheet"("providerId", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "Timesheet_status_submittedAt_idx" ON "Timesheet"("status", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Timesheet_allocationId_studentId_weekStarting_key" ON "Timesheet"("allocationId", "studentId", "weekStarting");

-- AddForeignKey
ALTER TABLE "Timesheet" ADD CONSTRAINT "Timesheet_allocationId_fkey" FOREIGN KEY ("allocationId") REFERENCES "Allocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Timesheet" ADD CONSTRAINT "Timesheet_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudentHoursStanding" ADD CONSTRAINT "StudentHoursStanding_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

