import { writeCsv } from "~/platform/csv";
import { awardDeliveryRow, type AwardWithDelivery } from "./award-delivery-row";

const iso = (date: Date) => date.toISOString().slice(0, 10);
const pounds = (pence: number | null) => (pence === null ? "" : (pence / 100).toFixed(2));
const ratio = (value: number | null) => (value === null ? "" : value.toFixed(2));

/** One row per award: its terms, what it has delivered, what it cost, and its effect on fair share. */
export function awardsDeliveryCsv(awards: readonly AwardWithDelivery[]): string {
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
    awards.map(awardDeliveryRow).map((row) => [
      row.providerName,
      row.profession,
      iso(row.periodStart),
      iso(row.periodEnd),
      row.unit,
      row.committed,
      row.baselineStudents,
      row.baselineWeeks,
      row.placedStudents,
      row.placedWeeks,
      row.additionalStudents,
      row.additionalWeeks,
      row.deliveredToDate.toFixed(1),
      row.expectedToDate.toFixed(1),
      row.behind ? "yes" : "no",
      pounds(row.amountPence),
      pounds(row.paidPence),
      pounds(row.pencePerAdditionalWeek === null ? null : Math.round(row.pencePerAdditionalWeek)),
      ratio(row.fairShareRatioNow),
      ratio(row.fairShareRatioWithout),
    ]),
  );
}
