import type { NotificationEvent } from "~/notifications/notification-kinds";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import { FUNDING_UNIT_LABELS, type FundingUnitName } from "./funding-rules";

export const awardLink = (awardId: string) => `/funding/awards/${awardId}`;

/**
 * An award behind its commitment concerns its provider's educators and its region's facilitators.
 * Told once per award per month while it stays behind, however often the daily scan runs.
 */
export function awardBehindNotification(
  award: { id: string; providerId: string; providerName: string; regionId: string; programmeName: string; profession: ProfessionCode; unit: FundingUnitName },
  delivery: { deliveredToDate: number; expectedToDate: number },
  now: Date,
): NotificationEvent<"funding-award-behind"> {
  const what = FUNDING_UNIT_LABELS[award.unit].toLowerCase();
  return {
    kind: "funding-award-behind",
    eventKey: `funding-award-behind:${award.id}:${now.toISOString().slice(0, 7)}`,
    title: `${award.providerName}: ${PROFESSION_LABELS[award.profession]} expansion funding is behind its commitment`,
    body: `${award.programmeName}: ${formatUnits(delivery.deliveredToDate)} ${what} delivered so far against ${formatUnits(delivery.expectedToDate)} expected by now.`,
    link: awardLink(award.id),
    audience: { organisations: [{ organisationId: award.providerId, roles: ["EDUCATOR"] }], regionFacilitators: [award.regionId] },
  };
}

/** Whole numbers as they are; fractions (pro-rata figures) to one decimal place. */
export function formatUnits(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString("en-GB") : value.toLocaleString("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
