import { prisma, type Prisma } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import { recordAudit } from "~/platform/audit.server";
import {
  type OrganisationFormValue,
  type SiteFormValue,
  type WorkforceFormValue,
} from "./organisation-forms";
import { formatAcademicYear } from "~/vocabulary/academic-year";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { constraintViolation } from "~/platform/db/constraint-violation.server";
import { ORGANISATION_DETAILS_SELECT, ORGANISATION_SITES_SELECT } from "./directory.server";

/** How many of an organisation's users its admin page lists; the users page has the rest. */
export const ORGANISATION_PAGE_USER_LIMIT = 50;

/** Every row the administrator's organisation page shows. */
export async function getOrganisationForAdmin(organisationId: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: {
      ...ORGANISATION_DETAILS_SELECT,
      regionId: true,
      region: { select: { name: true } },
      sites: ORGANISATION_SITES_SELECT,
      workforce: {
        select: { id: true, profession: true, year: true, wte: true },
        orderBy: [{ year: "desc" }, { profession: "asc" }],
      },
      users: {
        select: { id: true, name: true, email: true, role: true, active: true, deactivatedAt: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
        take: ORGANISATION_PAGE_USER_LIMIT,
      },
      invitations: {
        where: { acceptedAt: null, revokedAt: null },
        select: { id: true, email: true, name: true, role: true, expiresAt: true },
        orderBy: { createdAt: "desc" },
        take: ORGANISATION_PAGE_USER_LIMIT,
      },
      _count: { select: { users: true } },
    },
  });
  if (!organisation) return null;
  const { _count, ...rest } = organisation;
  return { ...rest, userCount: _count.users };
}

async function requireRegion(regionId: string) {
  const region = await prisma.region.findUnique({ where: { id: regionId }, select: { id: true } });
  if (!region) throw new Refusal(400, "Choose a region from the list", "regionId");
}

/** Friendly checks first; the unique constraints catch a concurrent twin (see organisationConflict). */
async function assertOrganisationIsUnique(value: OrganisationFormValue, exceptId?: string) {
  const sameName = await prisma.organisation.findFirst({
    where: { regionId: value.regionId, name: { equals: value.name, mode: "insensitive" }, NOT: exceptId ? { id: exceptId } : undefined },
    select: { name: true },
  });
  if (sameName) throw new Refusal(400, `There is already an organisation called ${sameName.name} in this region`, "name");
  if (value.code) {
    const sameCode = await prisma.organisation.findFirst({
      where: { code: value.code, NOT: exceptId ? { id: exceptId } : undefined },
      select: { name: true },
    });
    if (sameCode) throw new Refusal(400, `${sameCode.name} already has the code ${value.code}`, "code");
  }
}

function organisationConflict(error: unknown): Refusal | null {
  const violation = constraintViolation(error, "unique");
  if (!violation) return null;
  if (violation.constraint?.includes("code")) return new Refusal(400, "Another organisation already has this code", "code");
  return new Refusal(400, "There is already an organisation with this name in this region", "name");
}

function organisationData(value: OrganisationFormValue) {
  return {
    name: value.name,
    kind: value.kind,
    providerType: value.kind === "PROVIDER" ? (value.providerType ?? null) : null,
    code: value.code ?? null,
    regionId: value.regionId,
  };
}

export async function createOrganisation(actorId: string, value: OrganisationFormValue) {
  await requireRegion(value.regionId);
  await assertOrganisationIsUnique(value);
  const data = organisationData(value);
  try {
    return await prisma.$transaction(async (tx) => {
      const organisation = await tx.organisation.create({ data, select: { id: true } });
      await recordAudit(tx, { actorId, action: "organisation-created", entityType: "Organisation", entityId: organisation.id, details: data });
      return organisation;
    });
  } catch (error) {
    throw organisationConflict(error) ?? error;
  }
}

export async function updateOrganisation(actorId: string, organisationId: string, value: OrganisationFormValue) {
  const before = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: {
      name: true,
      kind: true,
      providerType: true,
      code: true,
      regionId: true,
      _count: { select: { users: true, workforce: true, invitations: { where: { acceptedAt: null, revokedAt: null } } } },
    },
  });
  if (!before) throw new Refusal(404, "This organisation no longer exists");
  if (before.kind !== value.kind && (before._count.users > 0 || before._count.invitations > 0 || before._count.workforce > 0)) {
    // Users' roles and workforce figures only make sense for the kind they were made for.
    throw new Refusal(400, "The kind cannot change once the organisation has users, open invitations or workforce figures", "kind");
  }
  await requireRegion(value.regionId);
  await assertOrganisationIsUnique(value, organisationId);
  const data = organisationData(value);
  const changes = changedFields(before, data);
  if (Object.keys(changes).length === 0) return;
  try {
    await prisma.$transaction(async (tx) => {
      await tx.organisation.update({ where: { id: organisationId }, data });
      await recordAudit(tx, { actorId, action: "organisation-updated", entityType: "Organisation", entityId: organisationId, details: { changes } });
    });
  } catch (error) {
    throw organisationConflict(error) ?? error;
  }
}

function changedFields<T extends Record<string, unknown>>(before: Record<string, unknown>, after: T) {
  const changes: Record<string, { from: Prisma.InputJsonValue | null; to: Prisma.InputJsonValue | null }> = {};
  for (const [key, value] of Object.entries(after)) {
    if (before[key] !== value) changes[key] = { from: (before[key] ?? null) as Prisma.InputJsonValue | null, to: (value ?? null) as Prisma.InputJsonValue | null };
  }
  return changes;
}

async function requireOrganisation(organisationId: string) {
  const organisation = await prisma.organisation.findUnique({ where: { id: organisationId }, select: { id: true, kind: true } });
  if (!organisation) throw new Refusal(404, "This organisation no longer exists");
  return organisation;
}

async function assertSiteNameIsFree(organisationId: string, name: string, exceptId?: string) {
  const clash = await prisma.site.findFirst({
    where: { organisationId, name: { equals: name, mode: "insensitive" }, NOT: exceptId ? { id: exceptId } : undefined },
    select: { name: true },
  });
  if (clash) throw new Refusal(400, `This organisation already has a site called ${clash.name}`, "name");
}

function siteConflict(error: unknown): Refusal | null {
  return constraintViolation(error, "unique") ? new Refusal(400, "This organisation already has a site with this name", "name") : null;
}

export async function addSite(actorId: string, organisationId: string, value: SiteFormValue) {
  await requireOrganisation(organisationId);
  await assertSiteNameIsFree(organisationId, value.name);
  try {
    return await prisma.$transaction(async (tx) => {
      const site = await tx.site.create({ data: { organisationId, ...value }, select: { id: true } });
      await recordAudit(tx, { actorId, action: "site-added", entityType: "Site", entityId: site.id, details: { organisationId, ...value } });
      return site;
    });
  } catch (error) {
    throw siteConflict(error) ?? error;
  }
}

export async function updateSite(actorId: string, organisationId: string, siteId: string, value: SiteFormValue) {
  const before = await prisma.site.findFirst({
    where: { id: siteId, organisationId },
    select: { name: true, postcode: true, latitude: true, longitude: true },
  });
  if (!before) throw new Refusal(404, "This site no longer exists");
  await assertSiteNameIsFree(organisationId, value.name, siteId);
  const changes = changedFields(before, value);
  if (Object.keys(changes).length === 0) return;
  try {
    await prisma.$transaction(async (tx) => {
      await tx.site.update({ where: { id: siteId }, data: value });
      await recordAudit(tx, { actorId, action: "site-updated", entityType: "Site", entityId: siteId, details: { organisationId, changes } });
    });
  } catch (error) {
    throw siteConflict(error) ?? error;
  }
}

export async function removeSite(actorId: string, organisationId: string, siteId: string) {
  const site = await prisma.site.findFirst({ where: { id: siteId, organisationId }, select: { name: true, postcode: true } });
  if (!site) throw new Refusal(404, "This site no longer exists");
  try {
    await prisma.$transaction(async (tx) => {
      await tx.site.delete({ where: { id: siteId } });
      await recordAudit(tx, { actorId, action: "site-removed", entityType: "Site", entityId: siteId, details: { organisationId, ...site } });
    });
  } catch (error) {
    if (constraintViolation(error, "foreign-key")) {
      throw new Refusal(409, `${site.name} has placement offers, so it cannot be removed. Move or withdraw its offers first.`);
    }
    throw error;
  }
}

async function requireProvider(organisationId: string) {
  const organisation = await requireOrganisation(organisationId);
  if (organisation.kind !== "PROVIDER") throw new Refusal(400, "Only placement providers have workforce figures");
}

function workforceLabel(value: { profession: WorkforceFormValue["profession"]; year: number }) {
  return `${PROFESSION_LABELS[value.profession]} in ${formatAcademicYear(value.year)}`;
}

/** Adds a figure for a profession and year that has none; an existing figure is changed with updateWorkforce. */
export async function addWorkforce(actorId: string, organisationId: string, value: WorkforceFormValue) {
  await requireProvider(organisationId);
  const existing = await prisma.workforce.findUnique({
    where: { organisationId_profession_year: { organisationId, profession: value.profession, year: value.year } },
    select: { wte: true },
  });
  const duplicate = () =>
    new Refusal(400, `There is already a figure for ${workforceLabel(value)}: change it in the table instead`, "profession");
  if (existing) throw duplicate();
  try {
    return await prisma.$transaction(async (tx) => {
      const row = await tx.workforce.create({ data: { organisationId, ...value }, select: { id: true } });
      await recordAudit(tx, { actorId, action: "workforce-set", entityType: "Workforce", entityId: row.id, details: { organisationId, ...value, previousWte: null } });
      return row;
    });
  } catch (error) {
    throw constraintViolation(error, "unique") ? duplicate() : error;
  }
}

export async function updateWorkforce(actorId: string, organisationId: string, workforceId: string, wte: number) {
  const row = await prisma.workforce.findFirst({
    where: { id: workforceId, organisationId },
    select: { profession: true, year: true, wte: true },
  });
  if (!row) throw new Refusal(404, "This workforce figure no longer exists");
  if (row.wte === wte) return;
  await prisma.$transaction(async (tx) => {
    await tx.workforce.update({ where: { id: workforceId }, data: { wte } });
    await recordAudit(tx, {
      actorId,
      action: "workforce-set",
      entityType: "Workforce",
      entityId: workforceId,
      details: { organisationId, profession: row.profession, year: row.year, wte, previousWte: row.wte },
    });
  });
}

export async function removeWorkforce(actorId: string, organisationId: string, workforceId: string) {
  const row = await prisma.workforce.findFirst({
    where: { id: workforceId, organisationId },
    select: { profession: true, year: true, wte: true },
  });
  if (!row) throw new Refusal(404, "This workforce figure no longer exists");
  await prisma.$transaction(async (tx) => {
    await tx.workforce.delete({ where: { id: workforceId } });
    await recordAudit(tx, { actorId, action: "workforce-removed", entityType: "Workforce", entityId: workforceId, details: { organisationId, ...row } });
  });
}
