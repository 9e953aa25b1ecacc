-- CreateEnum
CREATE TYPE "SupervisionModel" AS ENUM ('ONE_TO_ONE', 'TWO_TO_ONE', 'PEER_ASSISTED', 'ROLE_EMERGING', 'VIRTUAL', 'HYBRID');

-- CreateEnum
CREATE TYPE "OfferStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('OPEN', 'PARTLY_ALLOCATED', 'FULLY_ALLOCATED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AllocationStatus" AS ENUM ('PROPOSED', 'CONFIRMED', 'ACCEPTED', 'STUDENTS_NAMED', 'COMPLETED', 'DECLINED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "AllocationSource" AS ENUM ('DIRECT', 'MATCHING');

-- CreateTable
CREATE TABLE "Offer" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "profession" "Profession" NOT NULL,
    "specialty" TEXT,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "slots" INTEGER NOT NULL,
    "slotsTaken" INTEGER NOT NULL DEFAULT 0,
    "supervisionModel" "SupervisionModel" NOT NULL,
    "yearsOfStudy" INTEGER[],
    "notes" TEXT,
    "status" "OfferStatus" NOT NULL DEFAULT 'DRAFT',
    "publishedAt" TIMESTAMP(3),
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnReason" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Offer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "universityId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "profession" "Profession" NOT NULL,
    "years" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlacementBlock" (
    "id" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "yearOfStudy" INTEGER NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlacementBlock_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlacementRequest" (
    "id" TEXT NOT NULL,
    "universityId" TEXT NOT NULL,
    "programmeId" TEXT NOT NULL,
    "blockId" TEXT NOT NULL,
    "profession" "Profession" NOT NULL,
    "yearOfStudy" INTEGER NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "students" INTEGER NOT NULL,
    "studentsAllocated" INTEGER NOT NULL DEFAULT 0,
    "specialties" TEXT[],
    "preferredSiteIds" TEXT[],
    "originLatitude" DOUBLE PRECISION,
    "originLongitude" DOUBLE PRECISION,
    "maxTravelMinutes" INTEGER,
    "reasonableAdjustments" TEXT,
    "status" "RequestStatus" NOT NULL DEFAULT 'OPEN',
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlacementRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" TEXT NOT NULL,
    "offerId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "students" INTEGER NOT NULL,
    "status" "AllocationStatus" NOT NULL DEFAULT 'PROPOSED',
    "source" "AllocationSource" NOT NULL DEFAULT 'DIRECT',
    "explanation" TEXT,
    "matchingRunId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AllocationEvent" (
    "id" TEXT NOT NULL,
    "allocationId" TEXT NOT NULL,
    "actorId" TEXT,
    "fromStatus" "AllocationStatus",
    "toStatus" "AllocationStatus" NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AllocationEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AllocationStudent" (
    "allocationId" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AllocationStudent_pkey" PRIMARY KEY ("allocationId","studentId")
);

-- CreateIndex
CREATE INDEX "Offer_status_profession_startDate_idx" ON "Offer"("status", "profession", "startDate");

-- CreateIndex
CREATE INDEX "Offer_providerId_status_startDate_idx" ON "Offer"("providerId", "status", "startDate");

-- CreateIndex
CREATE INDEX "Offer_siteId_idx" ON "Offer"("siteId");

-- CreateIndex
CREATE INDEX "Programme_universityId_idx" ON "Programme"("universityId");

-- CreateIndex
CREATE UNIQUE INDEX "Programme_universityId_name_key" ON "Programme"("universityId", "name");

-- CreateIndex
CREATE INDEX "PlacementBlock_programmeId_yearOfStudy_idx" ON "PlacementBlock"("programmeId", "yearOfStudy");

-- CreateIndex
CREATE UNIQUE INDEX "PlacementBlock_programmeId_name_key" ON "PlacementBlock"("programmeId", "name");

-- CreateIndex
CREATE INDEX "PlacementRequest_universityId_status_startDate_idx" ON "PlacementRequest"("universityId", "status", "startDate");

-- CreateIndex
CREATE INDEX "PlacementRequest_status_profession_startDate_idx" ON "PlacementRequest"("status", "profession", "startDate");

-- CreateIndex
CREATE INDEX "PlacementRequest_blockId_idx" ON "PlacementRequest"("blockId");

-- CreateIndex
CREATE INDEX "Allocation_offerId_status_idx" ON "Allocation"("offerId", "status");

-- CreateIndex
CREATE INDEX "Allocation_requestId_status_idx" ON "Allocation"("requestId", "status");

-- CreateIndex
CREATE INDEX "Allocation_status_updatedAt_idx" ON "Allocation"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Allocation_matchingRunId_idx" ON "Allocation"("matchingRunId");

-- CreateIndex
CREATE INDEX "AllocationEvent_allocationId_createdAt_idx" ON "AllocationEvent"("allocationId", "createdAt");

-- CreateIndex
CREATE INDEX "AllocationStudent_studentId_idx" ON "AllocationStudent"("studentId");

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Offer" ADD CONSTRAINT "Offer_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Programme" ADD CONSTRAINT "Programme_universityId_fkey" FOREIGN KEY ("universityId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementBlock" ADD CONSTRAINT "PlacementBlock_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementRequest" ADD CONSTRAINT "PlacementRequest_universityId_fkey" FOREIGN KEY ("universityId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementRequest" ADD CONSTRAINT "PlacementRequest_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementRequest" ADD CONSTRAINT "PlacementRequest_blockId_fkey" FOREIGN KEY ("blockId") REFERENCES "PlacementBlock"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PlacementRequest"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationEvent" ADD CONSTRAINT "AllocationEvent_allocationId_fkey" FOREIGN KEY ("allocationId") REFERENCES "Allocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationStudent" ADD CONSTRAINT "AllocationStudent_allocationId_fkey" FOREIGN KEY ("allocationId") REFERENCES "Allocation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AllocationStudent" ADD CONSTRAINT "AllocationStudent_studentId_fkey" FOREIGN KEY ("studentId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

