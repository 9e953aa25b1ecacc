import type { Actor } from "~/accounts/policy";
import { prisma } from "~/platform/db/db.server";
import { writeCsv } from "~/platform/csv";
import { Refusal } from "~/platform/refusal";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import { formatHours } from "./hours-rules";
import { loadLedgers, type StudentLedger } from "./ledger.server";
import { requireHoursRegion, requireHoursUniversity } from "./policy";

/**
 * A university's programmes and, for the one chosen, every student's ledger. Without a choice the
 * page opens on the first programme that has students, not on an empty one that happens to sort first.
 */
export async function getProgrammeHours(actor: Actor, programmeId: string | undefined, now = new Date()) {
  const universityId = requireHoursUniversity(actor);
  const listed = await prisma.programme.findMany({
    where: { universityId },
    orderBy: { name: "asc" },
    select: { id: true, name: true, profession: true, _count: { select: { students: { where: { role: "STUDENT", active: true } } } } },
  });
  const programmes = listed.map(({ _count, ...programme }) => ({ ...programme, students: _count.students }));
  if (programmeId && !programmes.some((programme) => programme.id === programmeId)) throw new Refusal(404, "Programme not found");
  const chosen = programmeId
    ? programmes.find((programme) => programme.id === programmeId)!
    : (programmes.find((programme) => programme.students > 0) ?? programmes[0] ?? null);
  const students = chosen ? await loadLedgers({ programmeId: chosen.id, universityIds: [universityId] }, now) : [];
  return { programmes, programme: chosen, students };
}

const hours = (minutes: number | undefined) => (minutes === undefined ? "" : formatHours(minutes).replace(/,/g, ""));

export function programmeHoursCsv(students: readonly StudentLedger[]): string {
  return writeCsv(
    ["student", "email", "programme", "profession", "year_of_study", "required_hours", "confirmed_hours", "waiting_hours", "planned_hours", "not_counted_hours", "still_needed_hours", "uncovered_hours", "at_risk"],
    students.map((row) => [
      row.name,
      row.email,
      row.programmeName,
      PROFESSION_LABELS[row.profession],
      row.yearOfStudy ?? "",
      hours(row.ledger?.required),
      hours(row.ledger?.confirmedCounted),
      hours(row.ledger ? row.ledger.recordedCounted - row.ledger.confirmedCounted : undefined),
      hours(row.ledger?.plannedCounted),
      hours(row.ledger?.notCounted),
      hours(row.ledger?.stillNeeded),
      hours(row.ledger?.uncovered),
      row.ledger ? (row.ledger.atRisk ? "yes" : "no") : "",
    ]),
  );
}

/** The region's at-risk counts by university and profession, as on the facilitator's page. */
export function regionAtRiskCsv(rows: readonly AtRiskRow[]): string {
  return writeCsv(
    ["university", "profession", "students", "at_risk", "uncovered_hours"],
    rows.map((row) => [row.universityName, PROFESSION_LABELS[row.profession], row.students, row.atRisk, hours(row.uncoveredMinutes)]),
  );
}

export interface AtRiskRow {
  universityId: string;
  universityName: string;
  profession: ProfessionCode;
  students: number;
  atRisk: number;
  uncoveredMinutes: number;
}

/** The region's students on programmes, by university and profession: how many, and how many at risk. */
export async function getRegionAtRisk(actor: Actor, now = new Date()): Promise<AtRiskRow[]> {
  const regionId = requireHoursRegion(actor);
  const universities = await prisma.organisation.findMany({ where: { regionId, kind: "UNIVERSITY", active: true }, orderBy: { name: "asc" }, select: { id: true, name: true } });
  const names = new Map(universities.map((university) => [university.id, university.name]));
  const ledgers = universities.length ? await loadLedgers({ universityIds: universities.map((university) => university.id) }, now) : [];
  const rows = new Map<string, AtRiskRow>();
  for (const student of ledgers) {
    if (!student.universityId || !student.ledger) continue;
    const key = `${student.universityId}:${student.profession}`;
    const row = rows.get(key) ?? { universityId: student.universityId, universityName: names.get(student.universityId) ?? "", profession: student.profession, students: 0, atRisk: 0, uncoveredMinutes: 0 };
    row.students += 1;
    if (student.ledger.atRisk) {
      row.atRisk += 1;
      row.uncoveredMinutes += student.ledger.uncovered;
    }
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.universityName.localeCompare(b.universityName) || a.profession.localeCompare(b.profession));
}

/**
 * What a request for an at-risk student's remaining hours starts from: their programme, one
 * student, and the programme's next block for their year (or any next block).
 */
export async function getHoursRequestDraft(actor: Actor, studentId: string, now = new Date()) {
  const universityId = requireHoursUniversity(actor);
  const [student] = await loadLedgers({ studentIds: [studentId], universityIds: [universityId] }, now);
  if (!student?.ledger) return null;
  const blocks = await prisma.placementBlock.findMany({
    where: { programmeId: student.programmeId, startDate: { gt: now } },
    orderBy: { startDate: "asc" },
    select: { id: true, yearOfStudy: true },
  });
  const block = blocks.find((candidate) => candidate.yearOfStudy === student.yearOfStudy) ?? blocks[0] ?? null;
  return { studentName: student.name, programmeId: student.programmeId, blockId: block?.id ?? null, uncoveredMinutes: student.ledger.uncovered };
}
