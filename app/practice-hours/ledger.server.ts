import { prisma } from "~/platform/db/db.server";
import type { ProfessionCode } from "~/vocabulary/roles";
import { addKinds, computeLedger, plannedMinutes, ZERO, type ByKind, type Ledger, type PlacementForPlan } from "./hours-rules";
import { requirementsInForce, type RequirementRow } from "./requirements.server";

/** Placements whose named students record hours on them. */
export const RECORDING_STATUSES = ["STUDENTS_NAMED", "COMPLETED"] as const;

export interface StudentLedger {
  studentId: string;
  name: string;
  email: string;
  yearOfStudy: number | null;
  universityId: string | null;
  programmeId: string;
  programmeName: string;
  profession: ProfessionCode;
  /** The last day of the programme's placement blocks, when it has any. */
  programmeEnd: Date | null;
  requirement: RequirementRow | null;
  /** Null when the profession has no requirement in force. */
  ledger: Ledger | null;
}

function kinds(row: { inPersonMinutes: number; telehealthMinutes: number; simulationMinutes: number }): ByKind {
  return { inPerson: row.inPersonMinutes, telehealth: row.telehealthMinutes, simulation: row.simulationMinutes };
}

/**
 * The ledgers of students on a programme, against the requirement in force today for its profession.
 * Students with no programme have no ledger and are left out.
 */
export async function loadLedgers(where: { studentIds?: string[]; universityIds?: string[]; programmeId?: string }, now = new Date()): Promise<StudentLedger[]> {
  const students = await prisma.user.findMany({
    where: {
      role: "STUDENT",
      active: true,
      programmeId: where.programmeId ?? { not: null },
      ...(where.studentIds ? { id: { in: where.studentIds } } : {}),
      ...(where.universityIds ? { organisationId: { in: where.universityIds } } : {}),
    },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      email: true,
      yearOfStudy: true,
      organisationId: true,
      programme: { select: { id: true, name: true, profession: true, blocks: { orderBy: { endDate: "desc" }, take: 1, select: { endDate: true } } } },
    },
  });
  if (students.length === 0) return [];
  const ids = students.map((student) => student.id);
  const [requirements, timesheets, named] = await Promise.all([
    requirementsInForce(now),
    prisma.timesheet.findMany({
      where: { studentId: { in: ids } },
      select: { studentId: true, allocationId: true, weekStarting: true, status: true, inPersonMinutes: true, telehealthMinutes: true, simulationMinutes: true },
    }),
    prisma.allocationStudent.findMany({
      where: { studentId: { in: ids }, allocation: { status: { in: [...RECORDING_STATUSES] } } },
      select: { studentId: true, allocationId: true, allocation: { select: { status: true, request: { select: { startDate: true, endDate: true } } } } },
    }),
  ]);
  const sums = new Map<string, { confirmed: ByKind; awaiting: ByKind; queried: ByKind }>();
  const recordedWeeks = new Map<string, Date[]>();
  for (const sheet of timesheets) {
    const sum = sums.get(sheet.studentId) ?? { confirmed: ZERO, awaiting: ZERO, queried: ZERO };
    const key = sheet.status === "CONFIRMED" ? "confirmed" : sheet.status === "SUBMITTED" ? "awaiting" : "queried";
    sum[key] = addKinds(sum[key], kinds(sheet));
    sums.set(sheet.studentId, sum);
    const placementKey = `${sheet.studentId}:${sheet.allocationId}`;
    recordedWeeks.set(placementKey, [...(recordedWeeks.get(placementKey) ?? []), sheet.weekStarting]);
  }
  const placements = new Map<string, PlacementForPlan[]>();
  for (const row of named) {
    const list = placements.get(row.studentId) ?? [];
    list.push({
      startDate: row.allocation.request.startDate,
      endDate: row.allocation.request.endDate,
      completed: row.allocation.status === "COMPLETED",
      recordedWeeks: recordedWeeks.get(`${row.studentId}:${row.allocationId}`) ?? [],
    });
    placements.set(row.studentId, list);
  }
  return students.map((student) => {
    const programme = student.programme!;
    const programmeEnd = programme.blocks[0]?.endDate ?? null;
    const requirement = requirements.get(programme.profession) ?? null;
    const sum = sums.get(student.id) ?? { confirmed: ZERO, awaiting: ZERO, queried: ZERO };
    const planned = { ...ZERO, inPerson: plannedMinutes(placements.get(student.id) ?? [], programmeEnd) };
    return {
      studentId: student.id,
      name: student.name,
      email: student.email,
      yearOfStudy: student.yearOfStudy,
      universityId: student.organisationId,
      programmeId: programme.id,
      programmeName: programme.name,
      profession: programme.profession,
      programmeEnd,
      requirement,
      ledger: requirement ? computeLedger({ ...sum, planned }, requirement) : null,
    };
  });
}
