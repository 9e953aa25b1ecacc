import type { NotificationEvent } from "~/notifications/notification-kinds";
import { plural } from "~/vocabulary/labels";

/** Whoever started the run and the region's facilitators. */
export function matchingRunFinishedNotification(run: {
  id: string;
  regionId: string;
  startedById: string;
  studentsPlaced: number;
  studentsToPlace: number;
  /** Why there was nothing to match, when there was nothing. */
  empty: string | null;
}): NotificationEvent<"matching-run-finished"> {
  return {
    kind: "matching-run-finished",
    eventKey: `matching-run:${run.id}`,
    title: run.empty ? "Matching run finished: nothing to match" : `Matching run finished: ${run.studentsPlaced} of ${plural(run.studentsToPlace, "student")} placed`,
    body:
      run.empty ??
      (run.studentsPlaced === 0
        ? "It placed no students: open it to see why each request could not be placed, then discard it."
        : "Review the proposals and publish them to providers."),
    link: `/facilitator/matching/${run.id}`,
    audience: { users: [run.startedById], regionFacilitators: [run.regionId] },
  };
}
