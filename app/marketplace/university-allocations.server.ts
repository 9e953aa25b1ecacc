import { OFFER_TERMS_SELECT } from "./offer-terms";
import { z } from "zod";
import { Refusal } from "~/platform/refusal";
import { CANNOT_INVITE_HERE, createInvitation } from "~/accounts/invitations.server";
import type { SessionUser } from "~/accounts/session.server";
import { prisma, type Prisma } from "~/platform/db/db.server";
import { ALLOCATION_STATUSES, STUDENT_HOLDING_STATUSES, type AllocationStatusName } from "./allocation-rules";
import { offerAcceptsRequest } from "./compatibility";
import { pageWindow } from "~/platform/paging";
import { requireUniversityScope } from "./policy";
import { REQUEST_ROW_SELECT } from "./requests.server";
import { optionalParam, PageParam } from "~/platform/form-fields";

export const AllocationFiltersSchema = z.object({
  status: optionalParam(z.enum(ALLOCATION_STATUSES)),
  page: PageParam,
});
export type AllocationFilters = z.output<typeof AllocationFiltersSchema>;

export function parseAllocationFilters(searchParams: URLSearchParams): AllocationFilters {
  return AllocationFiltersSchema.parse(Object.fromEntries(searchParams));
}

/** A long page, so the allocations providers have confirmed can be accepted together. */
const ALLOCATIONS_PER_PAGE = 100;

/** One page of allocations on the university's requests, the newest changes first. */
export async function listUniversityAllocations(user: SessionUser, filters: AllocationFilters) {
  const universityId = requireUniversityScope(user);
  const where: Prisma.AllocationWhereInput = { request: { universityId }, status: filters.status };
  const [total, byStatus] = await Promise.all([
    prisma.allocation.count({ where }),
    prisma.allocation.groupBy({ by: ["status"], where: { request: { universityId } }, _count: { _all: true }, _sum: { students: true } }),
  ]);
  const window = pageWindow(total, filters.page, ALLOCATIONS_PER_PAGE);
  const allocations = await prisma.allocation.findMany({
    where,
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    skip: window.skip,
    take: window.take,
    select: {
      id: true,
      status: true,
      students: true,
      updatedAt: true,
      offer: { select: { specialty: true, provider: { select: { name: true } }, site: { select: { name: true } } } },
      request: {
        select: { id: true, yearOfStudy: true, startDate: true, endDate: true, programme: { select: { name: true } }, block: { select: { name: true } } },
      },
    },
  });
  // Each state counted apart, allocations and their students: a proposal only holds places.
  const counts = Object.fromEntries(byStatus.map((row) => [row.status, { allocations: row._count._all, students: row._sum.students ?? 0 }])) as Partial<
    Record<AllocationStatusName, { allocations: number; students: number }>
  >;
  return { window, allocations, counts };
}

/** An allocation on one of the university's requests, for naming its students; null when not theirs. */
export async function getAllocationForUniversity(user: SessionUser, allocationId: string) {
  const universityId = requireUniversityScope(user);
  return prisma.allocation.findFirst({
    where: { id: allocationId, request: { universityId } },
    select: {
      id: true,
      status: true,
      students: true,
      offer: {
        select: { specialty: true, startDate: true, endDate: true, provider: { select: { name: true } }, site: { select: { name: true } } },
      },
      request: {
        select: { id: true, programmeId: true, yearOfStudy: true, startDate: true, endDate: true, programme: { select: { name: true } }, block: { select: { name: true } } },
      },
      namedStudents: { select: { student: { select: { id: true, name: true, email: true } } }, orderBy: { student: { name: "asc" } } },
    },
  });
}

export const STUDENT_PAGE_SIZE = 25;

type StudentChoice = { id: string; name: string; email: string };
const STUDENT_CHOICE_SELECT = { id: true, name: true, email: true, programmeId: true, yearOfStudy: true, programme: { select: { name: true } } } as const;

/**
 * The university's active students to choose from: the ones already chosen (kept across searches),
 * then one page of those matching the search, students on the request's programme and year first.
 * Each comes with their other placements, and whether one overlaps this placement's dates.
 */
export async function listStudentsToName(
  user: SessionUser,
  options: { q?: string; page?: number; selectedIds: string[]; placement: { allocationId: string; programmeId: string; yearOfStudy: number; startDate: Date; endDate: Date } },
) {
  const universityId = requireUniversityScope(user);
  const base: Prisma.UserWhereInput = { organisationId: universityId, role: "STUDENT", active: true };
  const where: Prisma.UserWhereInput = options.q
    ? {
        ...base,
        OR: [{ name: { contains: options.q, mode: "insensitive" } }, { email: { contains: options.q, mode: "insensitive" } }],
      }
    : base;
  const { placement } = options;
  const onCohort: Prisma.UserWhereInput = { programmeId: placement.programmeId, yearOfStudy: placement.yearOfStudy };
  const cohortWhere: Prisma.UserWhereInput = { AND: [where, onCohort] };
  // Spelled out because NOT of a comparison with a missing programme or year is null in SQL, not true.
  const othersWhere: Prisma.UserWhereInput = {
    AND: [
      where,
      { OR: [{ programmeId: null }, { yearOfStudy: null }, { programmeId: { not: placement.programmeId } }, { yearOfStudy: { not: placement.yearOfStudy } }] },
    ],
  };
  const selectedIds = [...new Set(options.selectedIds)].slice(0, 500);
  const [cohortTotal, othersTotal] = await Promise.all([prisma.user.count({ where: cohortWhere }), prisma.user.count({ where: othersWhere })]);
  const window = pageWindow(cohortTotal + othersTotal, options.page, STUDENT_PAGE_SIZE);
  const orderBy: Prisma.UserOrderByWithRelationInput[] = [{ name: "asc" }, { id: "asc" }];
  const cohortSkip = Math.min(window.skip, cohortTotal);
  const cohortTake = Math.max(0, Math.min(window.take, cohortTotal - cohortSkip));
  const [cohort, others, selected] = await Promise.all([
    cohortTake > 0 ? prisma.user.findMany({ where: cohortWhere, orderBy, skip: cohortSkip, take: cohortTake, select: STUDENT_CHOICE_SELECT }) : [],
    window.take - cohortTake > 0
      ? prisma.user.findMany({ where: othersWhere, orderBy, skip: Math.max(0, window.skip - cohortTotal), take: window.take - cohortTake, select: STUDENT_CHOICE_SELECT })
      : [],
    selectedIds.length ? prisma.user.findMany({ where: { ...base, id: { in: selectedIds } }, orderBy, select: STUDENT_CHOICE_SELECT }) : [],
  ]);
  const shownIds = [...new Set([...selected, ...cohort, ...others].map((student) => student.id))];
  const placements = await prisma.allocationStudent.findMany({
    where: { studentId: { in: shownIds }, allocationId: { not: placement.allocationId }, allocation: { status: { in: [...STUDENT_HOLDING_STATUSES] } } },
    orderBy: { allocation: { request: { startDate: "asc" } } },
    select: {
      studentId: true,
      allocation: { select: { id: true, offer: { select: { provider: { select: { name: true } } } }, request: { select: { startDate: true, endDate: true } } } },
    },
  });
  const describe = (student: StudentChoice & { programmeId: string | null; yearOfStudy: number | null; programme: { name: string } | null }) => {
    const own = placements.filter((entry) => entry.studentId === student.id);
    return {
      id: student.id,
      name: student.name,
      email: student.email,
      programmeName: student.programme?.name ?? null,
      yearOfStudy: student.yearOfStudy,
      onCohort: student.programmeId === placement.programmeId && student.yearOfStudy === placement.yearOfStudy,
      otherPlacements: own.map(({ allocation }) => ({
        id: allocation.id,
        providerName: allocation.offer.provider.name,
        startDate: allocation.request.startDate,
        endDate: allocation.request.endDate,
        clashes: allocation.request.startDate <= placement.endDate && allocation.request.endDate >= placement.startDate,
      })),
    };
  };
  return { window, cohortTotal, students: [...cohort, ...others].map(describe), selected: selected.map(describe) };
}

/** What the student-invite form says after every invitation it accepts, sent or not. */
export function studentInvitedMessage(email: string) {
  return `If ${email} can be invited, an invitation is on its way. You can name them once they have accepted it; if it does not arrive, ask them to contact the Placement Exchange administrator.`;
}

/**
 * Invites a student to the user's own university. Only the university's placement team may,
 * and only as a student: the role and organisation come from here, never from the form.
 * An address in use elsewhere (an account, another organisation's invitation) gets nothing sent
 * and null back, and the form answers as for a fresh invitation: nobody learns of other organisations' people.
 */
export async function inviteStudent(user: SessionUser, input: { email: string; name: string; programmeId?: string; yearOfStudy?: number }) {
  const universityId = requireUniversityScope(user);
  let student: { programmeId: string; yearOfStudy: number } | undefined;
  if (input.programmeId !== undefined || input.yearOfStudy !== undefined) {
    const programme = input.programmeId
      ? await prisma.programme.findFirst({ where: { id: input.programmeId, universityId }, select: { id: true, years: true } })
      : null;
    if (!programme) throw new Refusal(400, "Choose one of your university's programmes", "programmeId");
    const year = input.yearOfStudy;
    if (year === undefined || !Number.isInteger(year) || year < 1 || year > programme.years) {
      throw new Refusal(400, `Choose a year of study from 1 to ${programme.years}`, "yearOfStudy");
    }
    student = { programmeId: programme.id, yearOfStudy: year };
  }
  try {
    return await createInvitation({ email: input.email, name: input.name, role: "STUDENT", organisationId: universityId, regionId: null, invitedById: user.id, student });
  } catch (error) {
    if (error instanceof Refusal && error.message === CANNOT_INVITE_HERE) return null;
    throw error;
  }
}

/** A published offer and which of the university's open requests it could take. */
export async function getBookingPage(user: SessionUser, offerId: string) {
  const universityId = requireUniversityScope(user);
  const offer = await prisma.offer.findFirst({
    where: { id: offerId, status: "PUBLISHED" },
    select: {
      ...OFFER_TERMS_SELECT,
      notes: true,
      provider: { select: { name: true } },
      site: { select: { name: true, postcode: true } },
    },
  });
  if (!offer) return null;
  const requests = await prisma.placementRequest.findMany({
    where: { universityId, status: { in: ["OPEN", "PARTLY_ALLOCATED"] } },
    orderBy: [{ startDate: "asc" }, { id: "asc" }],
    take: 500,
    select: REQUEST_ROW_SELECT,
  });
  const assessed = requests.map((request) => ({
    id: request.id,
    programmeName: request.programme.name,
    blockName: request.block.name,
    profession: request.profession,
    yearOfStudy: request.yearOfStudy,
    startDate: request.startDate,
    endDate: request.endDate,
    remaining: request.students - request.studentsAllocated,
    problem: offerAcceptsRequest(offer, request),
  }));
  return {
    offer: { ...offer, placesLeft: Math.max(0, offer.slots - offer.slotsTaken) },
    compatible: assessed.filter((request) => request.problem === null && request.remaining > 0),
    incompatible: assessed.filter((request) => request.problem !== null),
  };
}

/** The university's programmes, for the invitation form's choice of a student's programme. */
export async function listProgrammeChoices(user: SessionUser) {
  const universityId = requireUniversityScope(user);
  return prisma.programme.findMany({ where: { universityId }, orderBy: [{ name: "asc" }, { id: "asc" }], select: { id: true, name: true, years: true } });
}
