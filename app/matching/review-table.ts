import { paramOr } from "~/platform/form-fields";
import { sortedOncePerOrder } from "~/platform/kept-per-object";
import { z } from "zod";
import { PROFESSIONS } from "~/vocabulary/roles";

/** The request a review row is about, as the review tables show it: its university and programme by name. */
interface RequestCells {
  requestId: string;
  universityId: string;
  university: string;
  programme: string;
  profession: string;
  start: string;
  end: string;
  students: number;
}

/** One proposal as the review table shows it: every id already turned into a name. */
export interface ProposalRow extends RequestCells {
  offerId: string;
  providerId: string;
  provider: string;
  site: string;
  travelMinutes: number | null;
  specialtyMatched: boolean | null;
  explanation: string;
  /** Kept from the earlier run because the facilitator locked it. */
  locked?: boolean;
}

/** One request the run could not (fully) place, with the matcher's reason. */
export interface UnmetRow extends RequestCells {
  reason: string;
}

export const PROPOSAL_SORTS = ["provider", "university", "start", "travel", "students"] as const;
export type ProposalSort = (typeof PROPOSAL_SORTS)[number];

/** The review's query string; anything unrecognised falls back to the default rather than failing. */
export const ReviewQuerySchema = z.object({
  view: paramOr(z.enum(["proposals", "unmet"]), "proposals"),
  q: paramOr(z.string().trim().max(100), ""),
  provider: paramOr(z.string().max(40), ""),
  university: paramOr(z.string().max(40), ""),
  profession: paramOr(z.enum(["", ...PROFESSIONS]), ""),
  sort: paramOr(z.enum(PROPOSAL_SORTS), "provider"),
  dir: paramOr(z.enum(["asc", "desc"]), "asc"),
  page: paramOr(z.coerce.number().int().min(1), 1),
});
export type ReviewQuery = z.infer<typeof ReviewQuerySchema>;

export function parseReviewQuery(params: URLSearchParams): ReviewQuery {
  return ReviewQuerySchema.parse({
    view: params.get("view") ?? undefined,
    q: params.get("q") ?? undefined,
    provider: params.get("provider") ?? undefined,
    university: params.get("university") ?? undefined,
    profession: params.get("profession") ?? undefined,
    sort: params.get("sort") ?? undefined,
    dir: params.get("dir") ?? undefined,
    page: params.get("page") ?? undefined,
  });
}

const contains = (haystack: string, needle: string) => haystack.toLocaleLowerCase("en-GB").includes(needle);

/** The rows the filters keep: provider, university and profession exactly; the search in any name or the reason. */
export function filterProposals(rows: readonly ProposalRow[], query: Pick<ReviewQuery, "q" | "provider" | "university" | "profession">): ProposalRow[] {
  const needle = query.q.toLocaleLowerCase("en-GB");
  return rows.filter(
    (row) =>
      (!query.provider || row.providerId === query.provider) &&
      (!query.university || row.universityId === query.university) &&
      (!query.profession || row.profession === query.profession) &&
      (!needle || [row.provider, row.site, row.university, row.programme, row.explanation].some((text) => contains(text, needle))),
  );
}

export function filterUnmet(rows: readonly UnmetRow[], query: Pick<ReviewQuery, "q" | "university" | "profession">): UnmetRow[] {
  const needle = query.q.toLocaleLowerCase("en-GB");
  return rows.filter(
    (row) =>
      (!query.university || row.universityId === query.university) &&
      (!query.profession || row.profession === query.profession) &&
      (!needle || [row.university, row.programme, row.reason].some((text) => contains(text, needle))),
  );
}

// One collator for every comparison: localeCompare with a locale builds one per call, most of a 2,000-row sort.
const compareText = new Intl.Collator("en-GB").compare;

/** Sorted by the chosen column, ties broken by provider, university and start so pages are stable. */
export function sortProposals(rows: readonly ProposalRow[], sort: ProposalSort, dir: "asc" | "desc"): ProposalRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const primary: Record<ProposalSort, (a: ProposalRow, b: ProposalRow) => number> = {
    provider: (a, b) => compareText(a.provider, b.provider) || compareText(a.site, b.site),
    university: (a, b) => compareText(a.university, b.university) || compareText(a.programme, b.programme),
    start: (a, b) => compareText(a.start, b.start),
    // Unknown travel sorts last whichever way.
    travel: (a, b) => (a.travelMinutes ?? Infinity * sign) - (b.travelMinutes ?? Infinity * sign) || 0,
    students: (a, b) => a.students - b.students,
  };
  const tie = (a: ProposalRow, b: ProposalRow) =>
    compareText(a.provider, b.provider) || compareText(a.university, b.university) || compareText(a.start, b.start) || compareText(a.requestId + a.offerId, b.requestId + b.offerId);
  return [...rows].sort((a, b) => sign * primary[sort](a, b) || tie(a, b));
}

const sortedProposals = sortedOncePerOrder<ProposalRow>();

/**
 * `sortProposals` kept per rows array and order. A finished run's rows are kept a while per process
 * (`finishedRunRows`), so each of its orders is sorted once rather than on every page view; filter the
 * result (filtering keeps the order) instead of sorting what a filter returns.
 */
export function sortProposalsOnce(rows: readonly ProposalRow[], sort: ProposalSort, dir: "asc" | "desc"): readonly ProposalRow[] {
  return sortedProposals(rows, `${sort}:${dir}`, () => sortProposals(rows, sort, dir));
}

/** Unmet requests, most students first, then by university and start. */
export function sortUnmet(rows: readonly UnmetRow[]): UnmetRow[] {
  return [...rows].sort((a, b) => b.students - a.students || a.university.localeCompare(b.university) || a.start.localeCompare(b.start));
}

export interface ReviewChoices {
  providers: [string, string][];
  universities: [string, string][];
  professions: string[];
}

/** The filters' options of a run's rows: id and name, by name; professions by code. */
export function reviewChoices(proposals: readonly ProposalRow[], unmet: readonly UnmetRow[]): ReviewChoices {
  const byName = (pairs: [string, string][]) => [...new Map(pairs)].sort((a, b) => compareText(a[1], b[1]));
  return {
    providers: byName(proposals.map((row) => [row.providerId, row.provider])),
    universities: byName([...proposals, ...unmet].map((row) => [row.universityId, row.university])),
    professions: [...new Set([...proposals, ...unmet].map((row) => row.profession))].filter(Boolean).sort(),
  };
}
