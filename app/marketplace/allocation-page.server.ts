import type { SessionUser } from "~/accounts/session.server";
import { prisma } from "~/platform/db/db.server";
import { availableTransitions } from "./allocation-rules";
import { recordSensitiveViews } from "./sensitive-views.server";
import { loadAllocationParty } from "./allocations.server";

/** Whether the student is named on the allocation. */
export async function isNamedOnAllocation(studentId: string, allocationId: string): Promise<boolean> {
  const named = await prisma.allocationStudent.findUnique({ where: { allocationId_studentId: { allocationId, studentId } }, select: { studentId: true } });
  return named !== null;
}

/** Everything the allocation page shows, for a party to the allocation; null for anyone else. */
export async function getAllocationForParty(user: SessionUser, allocationId: string) {
  const loaded = await loadAllocationParty(user, allocationId);
  if (!loaded?.party) return null;
  const allocation = await prisma.allocation.findUniqueOrThrow({
    where: { id: allocationId },
    select: {
      id: true,
      status: true,
      students: true,
      source: true,
      explanation: true,
      createdAt: true,
      offer: {
        select: {
          id: true,
          profession: true,
          specialty: true,
          startDate: true,
          endDate: true,
          supervisionModel: true,
          provider: { select: { id: true, name: true } },
          site: { select: { name: true, postcode: true } },
        },
      },
      request: {
        select: {
          id: true,
          yearOfStudy: true,
          startDate: true,
          endDate: true,
          students: true,
          reasonableAdjustments: true,
          university: { select: { id: true, name: true } },
          programme: { select: { name: true } },
          block: { select: { name: true } },
        },
      },
      namedStudents: { select: { student: { select: { id: true, name: true, email: true } } }, orderBy: { createdAt: "asc" } },
      events: { select: { id: true, fromStatus: true, toStatus: true, reason: true, createdAt: true, actorId: true }, orderBy: { createdAt: "asc" } },
    },
  });
  const actorIds = [...new Set(allocation.events.map((event) => event.actorId).filter((id): id is string => Boolean(id)))];
  const actors = await prisma.user.findMany({
    where: { id: { in: actorIds } },
    select: { id: true, name: true, organisation: { select: { name: true } }, role: true },
  });
  const actorById = new Map(actors.map((actor) => [actor.id, actor]));
  const timeline = allocation.events.map((event) => {
    const actor = event.actorId ? actorById.get(event.actorId) : undefined;
    return {
      ...event,
      actor: actor ? `${actor.name}${actor.organisation ? ` (${actor.organisation.name})` : ""}` : "Placement Exchange",
    };
  });
  if (allocation.request.reasonableAdjustments) {
    await recordSensitiveViews(user.id, [allocation.request.id], `allocation ${allocation.id}`);
  }
  const transitions = availableTransitions(allocation.status, loaded.party).map(({ to, verb, reasonRequired }) => ({ to, verb, reasonRequired }));
  return { allocation: { ...allocation, events: undefined }, timeline, transitions, party: loaded.party };
}
