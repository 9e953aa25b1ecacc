import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import type { AwardDelivery, FundingUnitName } from "./funding-rules";

/** An award with what it has delivered, as the programme and provider pages and the CSV receive it. */
export interface AwardWithDelivery {
  award: {
    id: string;
    profession: ProfessionCode;
    periodStart: Date | string;
    periodEnd: Date | string;
    unit: FundingUnitName;
    committed: number;
    baselineStudents: number;
    baselineWeeks: number;
    amountPence: number;
    provider: { name: string };
  };
  delivery: Pick<
    AwardDelivery,
    "secured" | "additional" | "delivered" | "elapsed" | "deliveredToDate" | "expectedToDate" | "behind" | "paidPence" | "pencePerAdditionalWeek"
  >;
  fairShare: { ratioNow: number | null; ratioWithout: number | null } | null;
  programmeName?: string;
}

/** One award's line in the awards table and the delivery CSV: the same figures, each formatted by its reader. */
export interface AwardDeliveryRow {
  awardId: string;
  providerName: string;
  programmeName: string | null;
  profession: string;
  periodStart: Date;
  periodEnd: Date;
  unit: "weeks" | "students";
  committed: number;
  baselineStudents: number;
  baselineWeeks: number;
  placedStudents: number;
  placedWeeks: number;
  additionalStudents: number;
  additionalWeeks: number;
  /** Additional students or weeks secured, in the award's unit. */
  delivered: number;
  /** Pro-rata figures, to one decimal place. */
  deliveredToDate: number;
  expectedToDate: number;
  behind: boolean;
  status: AwardStatus;
  amountPence: number;
  paidPence: number;
  pencePerAdditionalWeek: number | null;
  fairShareRatioNow: number | null;
  fairShareRatioWithout: number | null;
}

export type AwardStatus = "Not started" | "Behind" | "On track";

export function awardStatus(delivery: { behind: boolean; elapsed: number }): AwardStatus {
  if (delivery.elapsed === 0) return "Not started";
  return delivery.behind ? "Behind" : "On track";
}

/** The unit an award counts in, as a plain word after a number. */
export function fundingUnitWord(unit: FundingUnitName): "weeks" | "students" {
  return unit === "WEEKS" ? "weeks" : "students";
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export function awardDeliveryRow({ award, delivery, fairShare, programmeName }: AwardWithDelivery): AwardDeliveryRow {
  return {
    awardId: award.id,
    providerName: award.provider.name,
    programmeName: programmeName ?? null,
    profession: PROFESSION_LABELS[award.profession],
    periodStart: new Date(award.periodStart),
    periodEnd: new Date(award.periodEnd),
    unit: fundingUnitWord(award.unit),
    committed: award.committed,
    baselineStudents: award.baselineStudents,
    baselineWeeks: award.baselineWeeks,
    placedStudents: delivery.secured.students,
    placedWeeks: delivery.secured.weeks,
    additionalStudents: delivery.additional.students,
    additionalWeeks: delivery.additional.weeks,
    delivered: delivery.delivered,
    deliveredToDate: round1(delivery.deliveredToDate),
    expectedToDate: round1(delivery.expectedToDate),
    behind: delivery.behind,
    status: awardStatus(delivery),
    amountPence: award.amountPence,
    paidPence: delivery.paidPence,
    pencePerAdditionalWeek: delivery.pencePerAdditionalWeek,
    fairShareRatioNow: fairShare?.ratioNow ?? null,
    fairShareRatioWithout: fairShare?.ratioWithout ?? null,
  };
}
