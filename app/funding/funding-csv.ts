import { writeCsv } from "~/platform/csv";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";
import { type FundingUnitName } from "./funding-rules";

interface CsvAward {
  award: {
    profession: ProfessionCode;
    periodStart: Date;
    periodEnd: Date;
    unit: FundingUnitName;
    committed: number;
    baselineStudents: number;
    baselineWeeks: number;
    amountPence: number;
    provider: { name: string };
  };
  delivery: {
    secured: { students: number; weeks: number };
    additional: { students: number; weeks: number };
    deliveredToDate: number;
    expectedToDate: number;
    behind: boolean;
    paidPence: number;
    pencePerAdditionalWeek: number | null;
  };
  fairShare: { ratioNow: number | null; ratioWithout: number | null } | null;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const pounds = (pence: number | null) => (pence === null ? "" : (pence / 100).toFixed(2));
const ratio = (value: number | null | undefined) => (value === null || value === undefined ? "" : value.toFixed(2));
const oneDecimal = (value: number) => (Math.round(value * 10) / 10).toFixed(1);

/** One row per award: its terms, what it has delivered, what it cost, and its effect on fair share. */
export function awardsDeliveryCsv(rows: readonly CsvAward[]): string {
  return writeCsv(
    [
      "provider",
      "profession",
      "period_start",
      "period_end",
      "unit",
      "committed",
      "baseline_students",
      "baseline_weeks",
      "placed_students",
      "placed_weeks",
      "additional_students",
      "additional_weeks",
      "delivered_to_date",
      "expected_to_date",
      "behind",
      "awarded_gbp",
      "paid_gbp",
      "gbp_per_additional_week",
      "placed_fair_share_ratio",
      "placed_fair_share_ratio_without_award",
    ],
    rows.map(({ award, delivery, fairShare }) => [
      award.provider.name,
      PROFESSION_LABELS[award.profession],
      iso(award.periodStart),
      iso(award.periodEnd),
      award.unit === "WEEKS" ? "weeks" : "students",
      award.committed,
      award.baselineStudents,
      award.baselineWeeks,
      delivery.secured.students,
      delivery.secured.weeks,
      delivery.additional.students,
      delivery.additional.weeks,
      oneDecimal(delivery.deliveredToDate),
      oneDecimal(delivery.expectedToDate),
      delivery.behind ? "yes" : "no",
      pounds(award.amountPence),
      pounds(delivery.paidPence),
      pounds(delivery.pencePerAdditionalWeek === null ? null : Math.round(delivery.pencePerAdditionalWeek)),
      ratio(fairShare?.ratioNow),
      ratio(fairShare?.ratioWithout),
    ]),
  );
}
