import { Link } from "@remix-run/react";
import { ScrollTable } from "~/components/scroll-table";
import { formatRatio } from "~/fair-share/fair-share";
import { awardDeliveryRow, type AwardWithDelivery } from "~/funding/award-delivery-row";
import { formatPence, formatPencePerWeek, type DeliveryGroup } from "~/funding/funding-rules";
import { formatUnits } from "~/funding/notifications";
import { formatDate } from "~/vocabulary/labels";

export function AwardsTable({ rows, caption, showProvider = true }: { rows: readonly AwardWithDelivery[]; caption: string; showProvider?: boolean }) {
  return (
    <ScrollTable label={`${caption}: table`}>
      <table className="data-table data-table-compact">
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{showProvider ? "Provider" : "Programme"}</th>
            <th scope="col">Profession</th>
            <th scope="col">Period</th>
            <th scope="col">Committed</th>
            <th scope="col" className="text-right">Baseline (students / weeks)</th>
            <th scope="col" className="text-right">Placed (students / weeks)</th>
            <th scope="col" className="text-right">Additional secured</th>
            <th scope="col" className="text-right">Delivered so far / expected</th>
            <th scope="col">Status</th>
            <th scope="col" className="text-right">Awarded / paid</th>
            <th scope="col" className="text-right">£ per additional week</th>
            <th scope="col" className="text-right">Fair-share ratio (without award)</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(awardDeliveryRow).map((row) => (
            <tr key={row.awardId}>
              <th scope="row" className="font-normal">
                <Link to={`/funding/awards/${row.awardId}`}>{showProvider ? row.providerName : (row.programmeName ?? "Award")}</Link>
              </th>
              <td>{row.profession}</td>
              <td>
                <span className="whitespace-nowrap">{formatDate(row.periodStart)} –</span> <span className="whitespace-nowrap">{formatDate(row.periodEnd)}</span>
              </td>
              <td>
                {row.committed} {row.unit}
              </td>
              <td className="text-right">
                {row.baselineStudents} / {row.baselineWeeks}
              </td>
              <td className="text-right">
                {row.placedStudents} / {row.placedWeeks}
              </td>
              <td className="text-right">
                {row.delivered} {row.unit}
              </td>
              <td className="text-right">
                {formatUnits(row.deliveredToDate)} / {formatUnits(row.expectedToDate)}
              </td>
              <td>
                <strong className={row.behind ? "text-nhs-red" : undefined}>{row.status}</strong>
              </td>
              <td className="text-right">
                {formatPence(row.amountPence)} / {formatPence(row.paidPence)}
              </td>
              <td className="text-right">{formatPencePerWeek(row.pencePerAdditionalWeek)}</td>
              <td className="text-right">{row.fairShareRatioNow === null && row.fairShareRatioWithout === null ? "—" : `${formatRatio(row.fairShareRatioNow)} (${formatRatio(row.fairShareRatioWithout)})`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

export type GroupRowView = DeliveryGroup;

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
              <td className="text-right">
                {formatPence(row.amountPence)} / {formatPence(row.paidPence)}
              </td>
              <td className="text-right">{formatPencePerWeek(row.pencePerAdditionalWeek)}</td>
              <td className="text-right">{row.behind}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}

