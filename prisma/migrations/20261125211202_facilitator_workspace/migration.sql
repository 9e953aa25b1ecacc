-- CreateEnum
CREATE TYPE "AuditRating" AS ENUM ('EXCELLENT', 'SATISFACTORY', 'REQUIRES_IMPROVEMENT');

-- CreateEnum
CREATE TYPE "CaseKind" AS ENUM ('UNMET_DEMAND', 'BELOW_FAIR_SHARE', 'CANCELLATION', 'QUALITY', 'SUPPORT_REQUEST', 'OTHER');

-- CreateEnum
CREATE TYPE "CaseSeverity" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'CRITICAL');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('OPEN', 'IN_PROGRESS', 'WAITING', 'RESOLVED', 'CLOSED');

-- CreateTable
CREATE TABLE "PlacementAudit" (
    "id" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "rating" "AuditRating" NOT NULL,
    "auditedOn" DATE NOT NULL,
    "expiresOn" DATE NOT NULL,
    "summary" TEXT,
    "recordedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PlacementAudit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditActionItem" (
    "id" TEXT NOT NULL,
    "auditId" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "dueOn" DATE NOT NULL,
    "completedOn" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AuditActionItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlacementFeedback" (
    "id" TEXT NOT NULL,
    "allocationId" TEXT NOT NULL,
    "studentId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "siteId" TEXT NOT NULL,
    "overall" INTEGER NOT NULL,
    "induction" INTEGER NOT NULL,
    "supervision" INTEGER NOT NULL,
    "learning" INTEGER NOT NULL,
    "comments" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlacementFeedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShortfallCase" (
    "id" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "kind" "CaseKind" NOT NULL,
    "severity" "CaseSeverity" NOT NULL DEFAULT 'MEDIUM',
    "status" "CaseStatus" NOT NULL DEFAULT 'OPEN',
    "title" TEXT NOT NULL,
    "profession" "Profession",
    "organisationIds" TEXT[],
    "studentsAffected" INTEGER NOT NULL DEFAULT 0,
    "ownerId" TEXT,
    "dueOn" DATE,
    "sourceKey" TEXT,
    "resolvedByOfferId" TEXT,
    "resolvedByAllocationId" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShortfallCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseNote" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "authorId" TEXT,
    "type" TEXT NOT NULL DEFAULT 'note',
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Resource" (
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "tags" TEXT[],
    "url" TEXT,
    "fileName" TEXT,
    "fileType" TEXT,
    "fileSize" INTEGER,
    "storedFile" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResourceComment" (
    "id" TEXT NOT NULL,
    "resourceId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResourceComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupportRequest" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "regionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "caseId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SupportRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PlacementAudit_providerId_expiresOn_idx" ON "PlacementAudit"("providerId", "expiresOn");

-- CreateIndex
CREATE INDEX "PlacementAudit_siteId_auditedOn_idx" ON "PlacementAudit"("siteId", "auditedOn");

-- CreateIndex
CREATE INDEX "PlacementAudit_expiresOn_idx" ON "PlacementAudit"("expiresOn");

-- CreateIndex
CREATE INDEX "AuditActionItem_auditId_idx" ON "AuditActionItem"("auditId");

-- CreateIndex
CREATE INDEX "AuditActionItem_dueOn_completedOn_idx" ON "AuditActionItem"("dueOn", "completedOn");

-- CreateIndex
CREATE INDEX "PlacementFeedback_providerId_createdAt_idx" ON "PlacementFeedback"("providerId", "createdAt");

-- CreateIndex
CREATE INDEX "PlacementFeedback_siteId_idx" ON "PlacementFeedback"("siteId");

-- CreateIndex
CREATE UNIQUE INDEX "PlacementFeedback_allocationId_studentId_key" ON "PlacementFeedback"("allocationId", "studentId");

-- CreateIndex
CREATE UNIQUE INDEX "ShortfallCase_sourceKey_key" ON "ShortfallCase"("sourceKey");

-- CreateIndex
CREATE INDEX "ShortfallCase_regionId_status_createdAt_idx" ON "ShortfallCase"("regionId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "ShortfallCase_ownerId_status_idx" ON "ShortfallCase"("ownerId", "status");

-- CreateIndex
CREATE INDEX "CaseNote_caseId_createdAt_idx" ON "CaseNote"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "Resource_category_createdAt_idx" ON "Resource"("category", "createdAt");

-- CreateIndex
CREATE INDEX "ResourceComment_resourceId_createdAt_idx" ON "ResourceComment"("resourceId", "createdAt");

-- CreateIndex
CREATE INDEX "SupportRequest_regionId_createdAt_idx" ON "SupportRequest"("regionId", "createdAt");

-- CreateIndex
CREATE INDEX "SupportRequest_organisationId_idx" ON "SupportRequest"("organisationId");

-- AddForeignKey
ALTER TABLE "AuditActionItem" ADD CONSTRAINT "AuditActionItem_auditId_fkey" FOREIGN KEY ("auditId") REFERENCES "PlacementAudit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseNote" ADD CONSTRAINT "CaseNote_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "ShortfallCase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResourceComment" ADD CONSTRAINT "ResourceComment_resourceId_fkey" FOREIGN KEY ("resourceId") REFERENCES "Resource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

