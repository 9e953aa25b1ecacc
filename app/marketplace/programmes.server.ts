import { Refusal } from "~/platform/refusal";
import type { SessionUser } from "~/accounts/session.server";
import { constraintViolation } from "~/platform/db/constraint-violation.server";
import { prisma, type Prisma } from "~/platform/db/db.server";
import { recordAudit } from "~/platform/audit.server";
import { pageWindow } from "~/platform/paging";
import type { BlockFormValue, ProgrammeFormValue } from "./programme-form";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { requireUniversityScope } from "./policy";

/** A programme's own fields: its name, the profession it trains and how many years it runs. */
export const PROGRAMME_SELECT = { id: true, name: true, profession: true, years: true } satisfies Prisma.ProgrammeSelect;

/** A block's own fields: its name, the year of study it is for and its dates. */
export const BLOCK_SELECT = { id: true, name: true, yearOfStudy: true, startDate: true, endDate: true } satisfies Prisma.PlacementBlockSelect;

/** Blocks in the order a university plans them: by year of study, then by when they start. */
export const BLOCK_ORDER = [{ yearOfStudy: "asc" }, { startDate: "asc" }, { name: "asc" }] satisfies Prisma.PlacementBlockOrderByWithRelationInput[];

export async function listProgrammes(user: SessionUser, page: number | undefined) {
  const universityId = requireUniversityScope(user);
  const where = { universityId };
  const total = await prisma.programme.count({ where });
  const window = pageWindow(total, page);
  const programmes = await prisma.programme.findMany({
    where,
    orderBy: [{ name: "asc" }, { id: "asc" }],
    skip: window.skip,
    take: window.take,
    select: { ...PROGRAMME_SELECT, _count: { select: { blocks: true, requests: true } } },
  });
  return {
    window,
    programmes: programmes.map(({ _count, ...programme }) => ({ ...programme, blockCount: _count.blocks, requestCount: _count.requests })),
  };
}

/** One of the user's programmes with its blocks; null when it is not theirs (the page answers 404). */
export async function getProgramme(user: SessionUser, programmeId: string) {
  const universityId = requireUniversityScope(user);
  const programme = await prisma.programme.findFirst({
    where: { id: programmeId, universityId },
    select: {
      ...PROGRAMME_SELECT,
      blocks: { orderBy: BLOCK_ORDER, select: { ...BLOCK_SELECT, _count: { select: { requests: true } } } },
      _count: { select: { requests: true } },
    },
  });
  if (!programme) return null;
  const { _count, blocks, ...rest } = programme;
  return {
    ...rest,
    requestCount: _count.requests,
    blocks: blocks.map(({ _count: counts, ...block }) => ({ ...block, requestCount: counts.requests })),
  };
}

async function requireOwnProgramme(universityId: string, programmeId: string) {
  const programme = await prisma.programme.findFirst({
    where: { id: programmeId, universityId },
    select: PROGRAMME_SELECT,
  });
  if (!programme) throw new Refusal(404, "Programme not found");
  return programme;
}

async function assertProgrammeNameFree(universityId: string, name: string, exceptId?: string) {
  const same = await prisma.programme.findFirst({
    where: { universityId, name: { equals: name, mode: "insensitive" }, NOT: exceptId ? { id: exceptId } : undefined },
    select: { name: true },
  });
  if (same) throw new Refusal(400, `You already have a programme called ${same.name}`, "name");
}

function programmeNameTaken(error: unknown, name: string): Refusal | null {
  return constraintViolation(error, "unique") ? new Refusal(400, `You already have a programme called ${name}`, "name") : null;
}

export async function createProgramme(user: SessionUser, value: ProgrammeFormValue) {
  const universityId = requireUniversityScope(user);
  await assertProgrammeNameFree(universityId, value.name);
  try {
    return await prisma.$transaction(async (tx) => {
      const programme = await tx.programme.create({ data: { universityId, ...value }, select: { id: true } });
      await recordAudit(tx, { actorId: user.id, action: "programme-created", entityType: "Programme", entityId: programme.id, details: { ...value } });
      return programme;
    });
  } catch (error) {
    throw programmeNameTaken(error, value.name) ?? error;
  }
}

/**
 * Renames a programme or changes its length. Its profession is copied into its requests, so it
 * stays once there are requests; and it cannot get shorter than a block's year of study.
 */
export async function updateProgramme(user: SessionUser, programmeId: string, value: ProgrammeFormValue) {
  const universityId = requireUniversityScope(user);
  const programme = await requireOwnProgramme(universityId, programmeId);
  await assertProgrammeNameFree(universityId, value.name, programme.id);
  if (value.profession !== programme.profession) {
    const requests = await prisma.placementRequest.count({ where: { programmeId } });
    if (requests > 0) {
      throw new Refusal(
        409,
        `This programme has ${requests} ${requests === 1 ? "request" : "requests"} for ${PROFESSION_LABELS[programme.profession].toLowerCase()} students, so its profession cannot change`,
        "profession",
      );
    }
  }
  const tooLate = await prisma.placementBlock.findFirst({
    where: { programmeId, yearOfStudy: { gt: value.years } },
    orderBy: { yearOfStudy: "desc" },
    select: { name: true, yearOfStudy: true },
  });
  if (tooLate) {
    throw new Refusal(400, `The block ${tooLate.name} is for year ${tooLate.yearOfStudy}: change or remove it first`, "years");
  }
  try {
    return await prisma.$transaction(async (tx) => {
      await tx.programme.update({ where: { id: programmeId }, data: value });
      await recordAudit(tx, {
        actorId: user.id,
        action: "programme-updated",
        entityType: "Programme",
        entityId: programmeId,
        details: { before: { ...programme }, after: { ...value } },
      });
      return { id: programmeId };
    });
  } catch (error) {
    throw programmeNameTaken(error, value.name) ?? error;
  }
}

async function assertBlockNameFree(programmeId: string, name: string, exceptId?: string) {
  const same = await prisma.placementBlock.findFirst({
    where: { programmeId, name: { equals: name, mode: "insensitive" }, NOT: exceptId ? { id: exceptId } : undefined },
    select: { name: true },
  });
  if (same) throw new Refusal(400, `This programme already has a block called ${same.name}`, "name");
}

function blockNameTaken(error: unknown, name: string): Refusal | null {
  return constraintViolation(error, "unique") ? new Refusal(400, `This programme already has a block called ${name}`, "name") : null;
}

function assertYearInProgramme(programme: { years: number }, yearOfStudy: number) {
  if (yearOfStudy < 1 || yearOfStudy > programme.years) {
    throw new Refusal(400, `Enter the year of study as a whole number from 1 to ${programme.years}`, "yearOfStudy");
  }
}

export async function addBlock(user: SessionUser, programmeId: string, value: BlockFormValue) {
  const universityId = requireUniversityScope(user);
  const programme = await requireOwnProgramme(universityId, programmeId);
  assertYearInProgramme(programme, value.yearOfStudy);
  await assertBlockNameFree(programmeId, value.name);
  try {
    return await prisma.$transaction(async (tx) => {
      const block = await tx.placementBlock.create({ data: { programmeId, ...value }, select: { id: true } });
      await recordAudit(tx, { actorId: user.id, action: "block-created", entityType: "PlacementBlock", entityId: block.id, details: { programmeId, ...value } });
      return block;
    });
  } catch (error) {
    throw blockNameTaken(error, value.name) ?? error;
  }
}

/**
 * Changes a block. Its year and dates are copied into its requests, so they move with it; but not
 * once students of those requests are allocated, because the offers were matched to the old dates.
 */
export async function updateBlock(user: SessionUser, programmeId: string, blockId: string, value: BlockFormValue) {
  const universityId = requireUniversityScope(user);
  const programme = await requireOwnProgramme(universityId, programmeId);
  const block = await prisma.placementBlock.findFirst({
    where: { id: blockId, programmeId },
    select: { id: true, name: true, yearOfStudy: true, startDate: true, endDate: true },
  });
  if (!block) throw new Refusal(404, "Block not found");
  assertYearInProgramme(programme, value.yearOfStudy);
  await assertBlockNameFree(programmeId, value.name, blockId);
  const timingChanged =
    block.yearOfStudy !== value.yearOfStudy ||
    block.startDate.getTime() !== value.startDate.getTime() ||
    block.endDate.getTime() !== value.endDate.getTime();
  try {
    return await prisma.$transaction(async (tx) => {
      if (timingChanged) {
        // Lock the block's requests so no booking lands on them while their dates move.
        const locked = await tx.$queryRaw<{ studentsAllocated: number }[]>`
          SELECT "studentsAllocated" FROM "PlacementRequest" WHERE "blockId" = ${blockId} FOR UPDATE`;
        if (locked.some((request) => request.studentsAllocated > 0)) {
          throw new Refusal(
            409,
            "Students on this block's requests are already allocated: cancel those allocations before changing its year or dates",
            "startDate",
          );
        }
        await tx.placementRequest.updateMany({
          where: { blockId, status: { not: "CANCELLED" } },
          data: { yearOfStudy: value.yearOfStudy, startDate: value.startDate, endDate: value.endDate },
        });
      }
      await tx.placementBlock.update({ where: { id: blockId }, data: value });
      await recordAudit(tx, {
        actorId: user.id,
        action: "block-updated",
        entityType: "PlacementBlock",
        entityId: blockId,
        details: {
          before: { ...block, startDate: block.startDate.toISOString(), endDate: block.endDate.toISOString() },
          after: { ...value, startDate: value.startDate.toISOString(), endDate: value.endDate.toISOString() },
        },
      });
      return { id: blockId };
    });
  } catch (error) {
    throw blockNameTaken(error, value.name) ?? error;
  }
}

function blockInUse(requests: number) {
  return new Refusal(
    409,
    `This block has ${requests} ${requests === 1 ? "request" : "requests"}, so it cannot be removed: it stays as the record of ${requests === 1 ? "that request" : "those requests"}`,
  );
}

export async function removeBlock(user: SessionUser, programmeId: string, blockId: string) {
  const universityId = requireUniversityScope(user);
  await requireOwnProgramme(universityId, programmeId);
  const block = await prisma.placementBlock.findFirst({
    where: { id: blockId, programmeId },
    select: { id: true, name: true, _count: { select: { requests: true } } },
  });
  if (!block) throw new Refusal(404, "Block not found");
  if (block._count.requests > 0) throw blockInUse(block._count.requests);
  try {
    await prisma.$transaction(async (tx) => {
      await tx.placementBlock.delete({ where: { id: blockId } });
      await recordAudit(tx, { actorId: user.id, action: "block-removed", entityType: "PlacementBlock", entityId: blockId, details: { programmeId, name: block.name } });
    });
  } catch (error) {
    // A request made for the block a moment ago: the foreign key keeps the block.
    if (constraintViolation(error, "foreign-key")) throw blockInUse(1);
    throw error;
  }
  return block;
}
