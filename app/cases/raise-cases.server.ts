import { Prisma } from "~/platform/db/db.server";
import { allocationLabel, caseSeverity, daysUntil } from "./case-rules";
import { PROFESSION_LABELS } from "~/vocabulary/roles";

type Tx = Prisma.TransactionClient;

/** Creates the case unless its source has raised one already (safe if two runs race). */
export async function createOnce(tx: Tx, data: Prisma.ShortfallCaseCreateManyInput & { sourceKey: string }, note: string) {
  const [created] = await tx.shortfallCase.createManyAndReturn({ data: [data], skipDuplicates: true, select: { id: true, title: true, regionId: true } });
  if (!created) return null;
  await tx.caseNote.create({ data: { caseId: created.id, type: "raised", body: note } });
  return created;
}

/**
 * Raises a case for an allocation that was just cancelled or declined, in the caller's transaction.
 * Raises no notification of its own: the allocation's "cancelled"/"declined" notification already
 * reaches the region's facilitators, and a second one would email them twice about one event.
 * Returns the case, or null if this allocation has raised one already.
 */
export async function raiseCaseForCancellation(
  tx: Tx,
  input: { allocationId: string; status: "CANCELLED" | "DECLINED"; reason?: string | null; now?: Date },
): Promise<{ id: string } | null> {
  const allocation = await tx.allocation.findUniqueOrThrow({
    where: { id: input.allocationId },
    select: {
      students: true,
      offer: { select: { profession: true, providerId: true, provider: { select: { name: true } }, site: { select: { name: true } } } },
      request: { select: { startDate: true, endDate: true, universityId: true, programme: { select: { name: true } }, university: { select: { name: true, regionId: true } } } },
    },
  });
  const { offer, request } = allocation;
  const verb = input.status === "CANCELLED" ? "Cancelled" : "Declined";
  const created = await createOnce(
    tx,
    {
      sourceKey: `cancellation:${input.allocationId}`,
      regionId: request.university.regionId,
      kind: "CANCELLATION",
      severity: caseSeverity(allocation.students, daysUntil(request.startDate, input.now ?? new Date())),
      title: `${verb}: ${allocation.students} ${PROFESSION_LABELS[offer.profession]} ${allocation.students === 1 ? "student" : "students"} at ${offer.provider.name} for ${request.university.name}`,
      profession: offer.profession,
      organisationIds: [offer.providerId, request.universityId],
      studentsAffected: allocation.students,
      dueOn: request.startDate,
    },
    `Raised when the allocation ${allocationLabel({
      students: allocation.students,
      profession: offer.profession,
      programmeName: request.programme.name,
      universityName: request.university.name,
      providerName: offer.provider.name,
      siteName: offer.site.name,
      startDate: request.startDate,
      endDate: request.endDate,
    })} was ${verb.toLowerCase()}${input.reason?.trim() ? `: ${input.reason.trim()}` : ""}`,
  );
  return created ? { id: created.id } : null;
}

