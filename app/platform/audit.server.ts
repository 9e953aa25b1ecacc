import type { Prisma } from "~/platform/db/db.server";

/** Every audited action, and the kind of record it is about. */
interface AuditedEntityOf {
  // Accounts
  "invitation-sent": "Invitation";
  "invitation-accepted": "Invitation";
  "password-reset": "User";
  "password-changed": "User";
  "signed-out-everywhere": "User";
  "sign-in-unlocked": "User";
  "user-deactivated": "User";
  "user-reactivated": "User";
  "user-erased": "User";
  // Organisations
  "organisation-created": "Organisation";
  "organisation-updated": "Organisation";
  "site-added": "Site";
  "site-updated": "Site";
  "site-removed": "Site";
  "workforce-set": "Workforce";
  "workforce-removed": "Workforce";
  // Fair share
  "workforce-imported": "Workforce";
  // Marketplace
  "offers-imported": "Organisation";
  "offer-created": "Offer";
  "offer-updated": "Offer";
  "offer-published": "Offer";
  "offer-withdrawn": "Offer";
  "programme-created": "Programme";
  "programme-updated": "Programme";
  "block-created": "PlacementBlock";
  "block-updated": "PlacementBlock";
  "block-removed": "PlacementBlock";
  "requests-imported": "Organisation";
  "request-created": "PlacementRequest";
  "request-updated": "PlacementRequest";
  "request-cancelled": "PlacementRequest";
  "changed-reasonable-adjustments": "PlacementRequest";
  "viewed-reasonable-adjustments": "PlacementRequest";
  // Matching
  "matching-run-published": "MatchingRun";
  "matching-proposals-marked": "MatchingRun";
  "matching-run-rerun": "MatchingRun";
  // Cases
  "case-created": "ShortfallCase";
  "case-status": "ShortfallCase";
  "case-from-support": "ShortfallCase";
  // Quality
  "audit.recorded": "PlacementAudit";
  "audit.action-added": "PlacementAudit";
  "audit.action-completed": "PlacementAudit";
  // Funding
  "funding-programme-created": "FundingProgramme";
  "funding-programme-updated": "FundingProgramme";
  "funding-award-created": "FundingAward";
  "funding-award-updated": "FundingAward";
  "funding-payment-added": "FundingAward";
  "funding-payment-removed": "FundingAward";
  // Practice hours
  "hours-requirement-added": "HoursRequirement";
  "timesheet-submitted": "Timesheet";
  "timesheet-confirmed": "Timesheet";
  "timesheet-queried": "Timesheet";
  // Resources
  "resource-created": "Resource";
  "resource-updated": "Resource";
  "resource-deleted": "Resource";
  // Settings
  "settings-changed": "Setting";
}

export type AuditAction = keyof AuditedEntityOf;
export type AuditEntityType = AuditedEntityOf[AuditAction];

/** One row of the audit trail: who did what to which record. */
export type AuditEvent = {
  [A in AuditAction]: {
    /** Null for the portal itself. */
    actorId: string | null;
    action: A;
    entityType: AuditedEntityOf[A];
    entityId: string;
    details?: Prisma.InputJsonValue;
  };
}[AuditAction];

/** The Prisma client or a transaction client: the audit row commits with the change it records. */
export type AuditWriter = Pick<Prisma.TransactionClient, "auditEvent">;

/*
 * These return Prisma's lazy promise rather than being async functions, so a write can also sit in
 * a batch `prisma.$transaction([...])` next to the change it records.
 */

export function recordAudit(db: AuditWriter, event: AuditEvent) {
  return db.auditEvent.create({ data: event });
}

export function recordAudits(db: AuditWriter, events: AuditEvent[]) {
  return db.auditEvent.createMany({ data: events });
}
