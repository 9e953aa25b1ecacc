import type { SessionUser } from "~/accounts/session.server";
import { pushNotificationsAfterResponse, raiseNotification, type RaisedNotification } from "~/notifications/notify.server";
import { prisma } from "~/platform/db/db.server";
import { Refusal } from "~/platform/refusal";
import { formatDateRange } from "~/vocabulary/labels";
import { ALLOCATION_STATUS_LABELS, checkTransition } from "./allocation-rules";
import { ALLOCATION_STATE_SELECT, allocationPartyOf, applyTransition } from "./allocations.server";
import { describeBulkOutcome, MAX_ALLOCATIONS_AT_ONCE, type BulkFailure, type BulkMove } from "./bulk-rules";

export interface BulkOutcome {
  moved: number;
  failures: BulkFailure[];
  message: string;
}

/**
 * Moves many allocations at once: a provider confirms or declines proposals, a university accepts
 * confirmed ones. Every id must be the user's to move this way, or nothing changes. Each allocation
 * then moves in its own transaction, with its own audit row and notifications, so one that someone
 * else has just changed is named in the outcome and the rest still move.
 */
export async function transitionAllocations(
  user: SessionUser,
  input: {
    allocationIds: readonly string[];
    to: BulkMove;
    reason?: string | null;
  },
): Promise<BulkOutcome> {
  const ids = [...new Set(input.allocationIds)];
  if (ids.length === 0) throw new Refusal(400, "Choose at least one allocation", "allocationIds");
  if (ids.length > MAX_ALLOCATIONS_AT_ONCE) {
    throw new Refusal(400, `Choose at most ${MAX_ALLOCATIONS_AT_ONCE} allocations at a time`, "allocationIds");
  }
  const rows = await prisma.allocation.findMany({
    where: { id: { in: ids } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      ...ALLOCATION_STATE_SELECT,
      offer: {
        select: {
          providerId: true,
          site: { select: { name: true } },
          provider: { select: { name: true, regionId: true } },
        },
      },
      request: {
        select: {
          universityId: true,
          startDate: true,
          endDate: true,
          programme: { select: { name: true } },
          university: { select: { name: true, regionId: true } },
        },
      },
    },
  });
  const checked = rows.map((row) => {
    const party = allocationPartyOf(user, row);
    return {
      row,
      party,
      check: checkTransition(row.status, input.to, party, input.reason),
    };
  });
  // One id that is not theirs, or not theirs to move this way, refuses the whole action before anything moves.
  if (rows.length !== ids.length || checked.some(({ party, check }) => !party || (!check.ok && check.status === 403))) {
    throw new Refusal(404, "One or more of the chosen allocations is not yours to change, so nothing was changed", "allocationIds");
  }
  const reasonMissing = checked.find(({ check }) => !check.ok && check.status === 400);
  if (reasonMissing && !reasonMissing.check.ok) throw new Refusal(400, reasonMissing.check.message, "reason");

  const raised: RaisedNotification[] = [];
  const failures: BulkFailure[] = [];
  let moved = 0;
  const reason = input.reason?.trim() || null;
  try {
    for (const { row, party, check } of checked) {
      const label =
        party === "provider"
          ? `${row.request.university.name}, ${row.request.programme.name}, ${formatDateRange(row.request.startDate, row.request.endDate)}`
          : `${row.offer.provider.name}, ${row.offer.site.name}, ${formatDateRange(row.request.startDate, row.request.endDate)}`;
      if (!check.ok) {
        failures.push({ label, message: `it is ${ALLOCATION_STATUS_LABELS[row.status].toLowerCase()}` });
        continue;
      }
      try {
        const mine: RaisedNotification[] = [];
        await prisma.$transaction((tx) =>
          applyTransition(tx, async (event) => void mine.push(...(await raiseNotification(tx, event))), user, row, {
            to: input.to,
            reason,
            auditReason: reason,
          }),
        );
        raised.push(...mine);
        moved += 1;
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        failures.push({ label, message: error.message });
      }
    }
  } finally {
    // Saved and queued already; the live push to open browsers goes once, after every move.
    pushNotificationsAfterResponse(raised);
  }
  return {
    moved,
    failures,
    message: describeBulkOutcome(input.to, moved, failures),
  };
}
