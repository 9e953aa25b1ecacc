import type { Actor } from "~/accounts/policy";
import { recordAudit } from "~/platform/audit.server";
import { prisma, Prisma } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import type { ProfessionCode } from "~/vocabulary/roles";
import { BASELINE_REQUIREMENTS } from "./baseline-requirements";
import type { RequirementInput } from "./hours-forms";
import { minutesFromHours, requirementOn } from "./hours-rules";
import { requireRequirementsAdmin } from "./policy";

const isoDay = (iso: string) => new Date(`${iso}T00:00:00Z`);

export const REQUIREMENT_SELECT = {
  id: true,
  profession: true,
  minimumMinutes: true,
  countsInPerson: true,
  countsTelehealth: true,
  countsSimulation: true,
  simulationCapMinutes: true,
  simulationCapPercent: true,
  source: true,
  sourceUrl: true,
  notes: true,
  effectiveFrom: true,
} as const;

export type RequirementRow = Prisma.HoursRequirementGetPayload<{ select: typeof REQUIREMENT_SELECT }>;

/** Every requirement ever recorded, newest first within each profession. */
export function listRequirements(): Promise<RequirementRow[]> {
  return prisma.hoursRequirement.findMany({ select: REQUIREMENT_SELECT, orderBy: [{ profession: "asc" }, { effectiveFrom: "desc" }] });
}

/** The requirement in force on a day for each profession that has one. */
export async function requirementsInForce(day: Date): Promise<Map<ProfessionCode, RequirementRow>> {
  const rows = await listRequirements();
  const byProfession = new Map<ProfessionCode, RequirementRow[]>();
  for (const row of rows) byProfession.set(row.profession, [...(byProfession.get(row.profession) ?? []), row]);
  const inForce = new Map<ProfessionCode, RequirementRow>();
  for (const [profession, list] of byProfession) {
    const found = requirementOn(list, day);
    if (found) inForce.set(profession, found);
  }
  return inForce;
}

const DUPLICATE = "That profession already has a requirement from this date: choose another date.";

/** A new row; an earlier one for the profession stays in the history and applies until this one's date. */
export async function addRequirement(actor: Actor, input: RequirementInput) {
  requireRequirementsAdmin(actor);
  try {
    return await prisma.$transaction(async (tx) => {
      const clash = await tx.hoursRequirement.findUnique({
        where: { profession_effectiveFrom: { profession: input.profession, effectiveFrom: isoDay(input.effectiveFrom) } },
        select: { id: true },
      });
      if (clash) throw new Refusal(409, DUPLICATE, "effectiveFrom");
      const created = await tx.hoursRequirement.create({
        data: {
          profession: input.profession,
          minimumMinutes: minutesFromHours(input.minimumHours),
          countsInPerson: input.countsInPerson,
          countsTelehealth: input.countsTelehealth,
          countsSimulation: input.countsSimulation,
          simulationCapMinutes: input.simulationCapHours === undefined ? null : minutesFromHours(input.simulationCapHours),
          simulationCapPercent: input.simulationCapPercent ?? null,
          source: input.source,
          sourceUrl: input.sourceUrl ?? null,
          notes: input.notes || null,
          effectiveFrom: isoDay(input.effectiveFrom),
          createdById: actor.id,
        },
        select: { id: true },
      });
      await recordAudit(tx, { actorId: actor.id, action: "hours-requirement-added", entityType: "HoursRequirement", entityId: created.id, details: { ...input } });
      return created;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new Refusal(409, DUPLICATE, "effectiveFrom");
    }
    throw error;
  }
}

/** Writes the published baseline where a profession has no requirement yet. */
export async function seedBaselineRequirements(): Promise<number> {
  const result = await prisma.hoursRequirement.createMany({
    data: BASELINE_REQUIREMENTS.map((row) => ({
      profession: row.profession,
      minimumMinutes: minutesFromHours(row.minimumHours),
      countsInPerson: row.countsInPerson,
      countsTelehealth: row.countsTelehealth,
      countsSimulation: row.countsSimulation,
      simulationCapMinutes: row.simulationCapHours === null ? null : minutesFromHours(row.simulationCapHours),
      simulationCapPercent: row.simulationCapPercent,
      source: row.source,
      sourceUrl: row.sourceUrl,
      notes: row.notes,
      effectiveFrom: isoDay(row.effectiveFrom),
    })),
    skipDuplicates: true,
  });
  return result.count;
}
