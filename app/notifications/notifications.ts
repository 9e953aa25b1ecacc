import { formatDate } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import type { NotificationEvent } from "./notification-kinds";

/** Told once per request and start date: its university's placement team and its region's facilitators. */
export function requestUnmetNotification(request: {
  id: string;
  students: number;
  studentsAllocated: number;
  startDate: Date;
  profession: ProfessionCode;
  universityId: string;
  universityName: string;
  programmeName: string;
  regionId: string;
}): NotificationEvent<"request-unmet-near-start"> {
  const short = request.students - request.studentsAllocated;
  return {
    kind: "request-unmet-near-start",
    eventKey: `request-unmet:${request.id}:${request.startDate.toISOString().slice(0, 10)}`,
    title: `${short} ${PROFESSION_LABELS[request.profession].toLowerCase()} ${short === 1 ? "student has" : "students have"} no placement yet: block starts ${formatDate(request.startDate)}`,
    body: `${request.universityName}, ${request.programmeName}. ${request.studentsAllocated} of ${request.students} placed.`,
    link: `/university/requests/${request.id}`,
    audience: { organisations: [{ organisationId: request.universityId, roles: ["UNIVERSITY"] }], regionFacilitators: [request.regionId] },
  };
}

/** Told once per provider, profession, academic year and band: its educators and its region's facilitators. */
export function providerBelowFairShareNotification(input: {
  providerId: string;
  providerName: string;
  regionId: string;
  profession: ProfessionCode;
  /** The academic year that starts in this calendar year. */
  year: number;
  band: "red" | "amber";
  offered: number;
  fairShare: number;
  ratio: number | null;
}): NotificationEvent<"provider-below-fair-share"> {
  return {
    kind: "provider-below-fair-share",
    eventKey: `below-fair-share:${input.providerId}:${input.profession}:${input.year}:${input.band}`,
    title: `${input.providerName} is ${input.band === "red" ? "well below" : "below"} its fair share of ${PROFESSION_LABELS[input.profession].toLowerCase()} placements`,
    body: `Offering ${input.offered} against a fair share of ${input.fairShare} for ${input.year}/${String(input.year + 1).slice(2)} (ratio ${input.ratio?.toFixed(2)}, ${input.band}).`,
    link: "/provider/capacity",
    audience: { organisations: [{ organisationId: input.providerId, roles: ["EDUCATOR"] }], regionFacilitators: [input.regionId] },
  };
}
