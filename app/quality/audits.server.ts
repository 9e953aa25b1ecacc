import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import {
  auditStatus,
  checkAuditDates,
  defaultExpiry,
  isOverdue,
  parseDay,
  providerFeedbackView,
  providerFlags,
  type AuditRatingName,
} from "./quality-rules";
import { Refusal } from "~/platform/refusal";
import { getSettings } from "~/settings/settings.server";
import { loadSiteQuality } from "./quality.server";
import { canEditAudit, canViewAudit, requireAuditingProvider } from "./policy";
import { universityScopeOf } from "~/marketplace/policy";

/** The provider's sites with their latest audit, action items, anonymised feedback and flags. */
export async function listProviderAudits(user: SessionUser, now = new Date()) {
  const providerId = requireAuditingProvider(user);
  const settings = await getSettings();
  const [sites, audits, feedback, quality] = await Promise.all([
    prisma.site.findMany({ where: { organisationId: providerId }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
    prisma.placementAudit.findMany({
      where: { providerId },
      orderBy: [{ auditedOn: "desc" }, { createdAt: "desc" }],
      select: { id: true, siteId: true, rating: true, auditedOn: true, expiresOn: true, actions: { select: { dueOn: true, completedOn: true } } },
    }),
    prisma.placementFeedback.findMany({
      where: { providerId },
      select: { siteId: true, overall: true, induction: true, supervision: true, learning: true, comments: true, createdAt: true },
    }),
    loadSiteQuality([providerId], now),
  ]);
  const rows = sites.map((site) => {
    const siteAudits = audits.filter((a) => a.siteId === site.id);
    const latest = siteAudits[0];
    return {
      siteId: site.id,
      siteName: site.name,
      auditCount: siteAudits.length,
      latest: latest
        ? {
            id: latest.id,
            rating: latest.rating as AuditRatingName,
            auditedOn: latest.auditedOn,
            expiresOn: latest.expiresOn,
            status: auditStatus(latest.expiresOn, now, settings.auditWarningDays),
            openActions: latest.actions.filter((a) => a.completedOn === null).length,
            overdueActions: latest.actions.filter((a) => isOverdue(a, now)).length,
          }
        : null,
      feedback: providerFeedbackView(
        feedback
          .filter((f) => f.siteId === site.id)
          .map((f) => ({ overall: f.overall, induction: f.induction, supervision: f.supervision, learning: f.learning, comments: f.comments, createdAt: f.createdAt })),
      ),
    };
  });
  const flags = providerFlags(
    quality.map((q) => q.input),
    now,
    settings,
  );
  return { sites: rows, flags, auditWarningDays: settings.auditWarningDays };
}

export interface AuditInput {
  siteId: string;
  rating: AuditRatingName;
  auditedOn: string;
  expiresOn?: string;
  summary?: string;
}

export async function createAudit(user: SessionUser, input: AuditInput, now = new Date()) {
  const providerId = requireAuditingProvider(user);
  const site = await prisma.site.findFirst({ where: { id: input.siteId, organisationId: providerId }, select: { id: true } });
  if (!site) throw new Refusal(400, "Choose one of your sites", "siteId");
  const auditedOn = parseDay(input.auditedOn);
  const expiresOn = input.expiresOn ? parseDay(input.expiresOn) : defaultExpiry(auditedOn);
  const problem = checkAuditDates(auditedOn, expiresOn, now);
  if (problem) throw new Refusal(400, problem.message, problem.field);
  return prisma.$transaction(async (tx) => {
    const audit = await tx.placementAudit.create({
      data: { siteId: site.id, providerId, rating: input.rating, auditedOn, expiresOn, summary: input.summary || null, recordedById: user.id },
      select: { id: true },
    });
    await recordAudit(tx, { actorId: user.id, action: "audit.recorded", entityType: "PlacementAudit", entityId: audit.id, details: { siteId: site.id, rating: input.rating } });
    return audit;
  });
}

/**
 * One audit with its action plan. Educators see their own provider's; universities and facilitators
 * those of their region. Anything else is not found.
 */
export async function getAudit(user: SessionUser, auditId: string, now = new Date()) {
  const audit = await prisma.placementAudit.findUnique({
    where: { id: auditId },
    select: {
      id: true,
      providerId: true,
      rating: true,
      auditedOn: true,
      expiresOn: true,
      summary: true,
      createdAt: true,
      siteId: true,
      actions: { orderBy: [{ dueOn: "asc" }, { createdAt: "asc" }], select: { id: true, description: true, dueOn: true, completedOn: true } },
    },
  });
  const site = audit ? await prisma.site.findUnique({ where: { id: audit.siteId }, select: { name: true, organisation: { select: { name: true, regionId: true } } } }) : null;
  if (!audit || !site || !(await canSeeAudit(user, audit.providerId, site.organisation.regionId))) throw new Refusal(404, "Audit not found");
  const settings = await getSettings();
  return {
    id: audit.id,
    rating: audit.rating as AuditRatingName,
    auditedOn: audit.auditedOn,
    expiresOn: audit.expiresOn,
    summary: audit.summary,
    siteName: site.name,
    providerName: site.organisation.name,
    status: auditStatus(audit.expiresOn, now, settings.auditWarningDays),
    canEdit: canEditAudit(user, audit),
    actions: audit.actions.map((item) => ({ ...item, overdue: isOverdue(item, now) })),
  };
}

async function canSeeAudit(user: SessionUser, providerId: string, regionId: string): Promise<boolean> {
  const universityId = universityScopeOf(user);
  const university = universityId ? await prisma.organisation.findUnique({ where: { id: universityId }, select: { regionId: true } }) : null;
  return canViewAudit(user, { providerId, regionId }, university?.regionId ?? null);
}

async function ownAudit(user: SessionUser, auditId: string) {
  const providerId = requireAuditingProvider(user);
  const audit = await prisma.placementAudit.findFirst({ where: { id: auditId, providerId }, select: { id: true, auditedOn: true } });
  if (!audit) throw new Refusal(404, "Audit not found");
  return audit;
}

export async function addActionItem(user: SessionUser, auditId: string, input: { description: string; dueOn: string }) {
  const audit = await ownAudit(user, auditId);
  const dueOn = parseDay(input.dueOn);
  if (dueOn.getTime() < audit.auditedOn.getTime()) throw new Refusal(400, "The due date cannot be before the audit date", "dueOn");
  return prisma.$transaction(async (tx) => {
    const item = await tx.auditActionItem.create({ data: { auditId: audit.id, description: input.description, dueOn }, select: { id: true } });
    await recordAudit(tx, { actorId: user.id, action: "audit.action-added", entityType: "PlacementAudit", entityId: audit.id, details: { itemId: item.id } });
    return item;
  });
}

export async function completeActionItem(user: SessionUser, auditId: string, itemId: string, now = new Date()) {
  const audit = await ownAudit(user, auditId);
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const updated = await prisma.auditActionItem.updateMany({ where: { id: itemId, auditId: audit.id, completedOn: null }, data: { completedOn: today } });
  if (updated.count === 0) {
    const exists = await prisma.auditActionItem.findFirst({ where: { id: itemId, auditId: audit.id }, select: { id: true } });
    if (!exists) throw new Refusal(404, "Action not found");
    throw new Refusal(409, "This action is already done.");
  }
  await recordAudit(prisma, { actorId: user.id, action: "audit.action-completed", entityType: "PlacementAudit", entityId: audit.id, details: { itemId } });
}
