import { writeCsv } from "~/platform/csv";
import type { AnonymisedRatioRow, ProviderRatioRow, SupplyDemandRow, UniversityShareRow } from "./dashboard-rules";
import { FAIR_SHARE_BAND_LABELS, formatRatio } from "~/fair-share/fair-share";
import { LIVE_STATUS_NAMES, STAGE_CSV_COLUMNS } from "~/marketplace/allocation-rules";

/** A CSV download; every text cell goes through writeCsv's formula neutralising. */
export function csvResponse(csv: string, filename: string): Response {
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
      "Cache-Control": "private, no-store",
    },
  });
}

/** Sections of the region overview in one table: view ("profession", "month", "total"), then the figures. */
export function supplyDemandCsv(sections: readonly { view: string; rows: readonly SupplyDemandRow[] }[]): string {
  return writeCsv(
    ["view", "group", "demand", "offered", "placed", "confirmed_awaiting_university", "accepted_or_later", "proposed_held", "unmet"],
    sections.flatMap(({ view, rows }) => rows.map((row) => [view, row.label, row.demand, row.offered, row.placed, row.confirmed, row.accepted, row.held, row.unmet])),
  );
}

const perWte = (value: number | null) => (value === null ? "" : value.toFixed(2));

export function providerRatiosCsv(profession: string, rows: readonly ProviderRatioRow[]): string {
  return writeCsv(
    ["profession", "provider", "wte", "fair_share", "offered", ...LIVE_STATUS_NAMES.map((status) => STAGE_CSV_COLUMNS[status]), "hosted", "ratio", "band", "placement_weeks_per_wte"],
    rows.map((row) => [profession, row.providerName, row.wte, row.fairShare, row.offered, ...LIVE_STATUS_NAMES.map((status) => row.stages[status]), row.hosted, formatRatio(row.ratio), row.band ? FAIR_SHARE_BAND_LABELS[row.band] : "", perWte(row.weeksPerWte)]),
  );
}

export function anonymisedRatiosCsv(profession: string, rows: readonly AnonymisedRatioRow[]): string {
  return writeCsv(
    ["profession", "provider", "ratio", "band", "placement_weeks_per_wte"],
    rows.map((row) => [profession, row.label, formatRatio(row.ratio), row.band ? FAIR_SHARE_BAND_LABELS[row.band] : "", perWte(row.weeksPerWte)]),
  );
}

const percent = (value: number | null) => (value === null ? "" : (value * 100).toFixed(1));

export function universitySharesCsv(rows: readonly UniversityShareRow[]): string {
  return writeCsv(
    ["university", "demand", ...LIVE_STATUS_NAMES.map((status) => STAGE_CSV_COLUMNS[status]), "placed", "unmet", "placed_of_requested_pct", "share_of_demand_pct", "share_of_placed_pct"],
    rows.map((row) => [
      row.universityName,
      row.demand,
      ...LIVE_STATUS_NAMES.map((status) => row.byStatus[status]),
      row.placed,
      row.unmet,
      percent(row.fillRate),
      percent(row.demandShare),
      percent(row.placedShare),
    ]),
  );
}
