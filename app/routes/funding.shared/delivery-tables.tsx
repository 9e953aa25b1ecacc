import { Link } from "@remix-run/react";
import { ScrollTable } from "~/components/scroll-table";
import { formatRatio } from "~/fair-share/fair-share";
import { FUNDING_UNIT_LABELS, formatPence, formatPencePerWeek, type FundingUnitName } from "~/funding/funding-rules";
import { formatUnits } from "~/funding/notifications";
import { formatDateRange } from "~/vocabulary/labels";
import { PROFESSION_LABELS, type ProfessionCode } from "~/vocabulary/roles";

export interface AwardRowView {
  award: {
    id: string;
    providerId: string;
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
  delivery: {
    secured: { students: number; weeks: number };
    additional: { students: number; weeks: number };
    delivered: number;
    elapsed: number;
    deliveredToDate: number;
    expectedToDate: number;
    behind: boolean;
    paidPence: number;
    pencePerAdditionalWeek: number | null;
  };
  fairShare: { ratioNow: number | null; ratioWithout: number | null } | null;
  programmeName?: string;
}

export function awardStatus(delivery: { behind: boolean; elapsed: number }): string {
  if (delivery.elapsed === 0) return "Not started";
  return delivery.behind ? "Behind" : "On track";
}

const unitWord = (unit: FundingUnitName) => (unit === "WEEKS" ? "weeks" : "students");

export function AwardsTable({ rows, caption, showProvider = true }: { rows: readonly AwardRowView[]; caption: string; showProvider?: boolean }) {
  return (
    <ScrollTable label={`${caption}: table`}>
      <table className="data-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{showProvider ? "Provider" : "Programme"}</th>
            <th scope="col">Profession</th>
            <th scope="col">Period</th>
            <th scope="col">Commitment</th>
            <th scope="col" className="text-right">Baseline (students / weeks)</th>
            <th scope="col" className="text-right">Placed (students / weeks)</th>
            <th scope="col" className="text-right">Additional secured</th>
            <th scope="col" className="text-right">Delivered so far / expected</th>
            <th scope="col">Status</th>
            <th scope="col" className="text-right">Awarded</th>
            <th scope="col" className="text-right">Paid</th>
            <th scope="col" className="text-right">£ per additional week</th>
            <th scope="col" className="text-right">Hosted fair-share ratio (without the award)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ award, delivery, fairShare, programmeName }) => (
            <tr key={award.id}>
              <th scope="row" className="font-normal">
                <Link to={`/funding/awards/${award.id}`}>{showProvider ? award.provider.name : (programmeName ?? "Award")}</Link>
              </th>
              <td>{PROFESSION_LABELS[award.profession]}</td>
              <td>{formatDateRange(award.periodStart, award.periodEnd)}</td>
              <td>
                {award.committed} {unitWord(award.unit)}
              </td>
              <td className="text-right">
                {award.baselineStudents} / {award.baselineWeeks}
              </td>
              <td className="text-right">
                {delivery.secured.students} / {delivery.secured.weeks}
              </td>
              <td className="text-right">
                {delivery.delivered} {unitWord(award.unit)}
              </td>
              <td className="text-right">
                {formatUnits(round1(delivery.deliveredToDate))} / {formatUnits(round1(delivery.expectedToDate))}
              </td>
              <td>
                <strong className={delivery.behind ? "text-nhs-red" : undefined}>{awardStatus(delivery)}</strong>
              </td>
              <td className="text-right">{formatPence(award.amountPence)}</td>
              <td className="text-right">{formatPence(delivery.paidPence)}</td>
              <td className="text-right">{formatPencePerWeek(delivery.pencePerAdditionalWeek)}</td>
              <td className="text-right">{fairShare ? `${formatRatio(fairShare.ratioNow)} (${formatRatio(fairShare.ratioWithout)})` : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export interface GroupRowView {
  key: string;
  label: string;
  committedWeeks: number;
  committedStudents: number;
  additionalWeeks: number;
  additionalStudents: number;
  amountPence: number;
  paidPence: number;
  behind: number;
  pencePerAdditionalWeek: number | null;
}

export function GroupTable({ rows, caption, heading }: { rows: readonly GroupRowView[]; caption: string; heading: string }) {
  return (
    <ScrollTable label={`${caption}: table`}>
      <table className="data-table">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            <th scope="col" className="text-right">Committed weeks</th>
            <th scope="col" className="text-right">Additional weeks</th>
            <th scope="col" className="text-right">Committed students</th>
            <th scope="col" className="text-right">Additional students</th>
            <th scope="col" className="text-right">Awarded</th>
            <th scope="col" className="text-right">Paid</th>
            <th scope="col" className="text-right">£ per additional week</th>
            <th scope="col" className="text-right">Awards behind</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row" className="font-normal">
                {row.label}
              </th>
              <td className="text-right">{row.committedWeeks}</td>
              <td className="text-right">{row.additionalWeeks}</td>
              <td className="text-right">{row.committedStudents}</td>
              <td className="text-right">{row.additionalStudents}</td>
              <td className="text-right">{formatPence(row.amountPence)}</td>
              <td className="text-right">{formatPence(row.paidPence)}</td>
              <td className="text-right">{formatPencePerWeek(row.pencePerAdditionalWeek)}</td>
              <td className="text-right">{row.behind}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

export { FUNDING_UNIT_LABELS };
