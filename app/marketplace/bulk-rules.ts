import { z } from "zod";
import { plural } from "~/vocabulary/labels";

/** The most allocations one bulk action takes: a few pages of a run's proposals, well inside the form field limit. */
export const MAX_ALLOCATIONS_AT_ONCE = 200;

/** The moves a list page can make to many allocations at once, with the words its message uses. */
export const BULK_MOVES = {
  CONFIRMED: { done: "Confirmed", verb: "confirmed" },
  DECLINED: { done: "Declined", verb: "declined" },
  ACCEPTED: { done: "Accepted", verb: "accepted" },
} as const;
export type BulkMove = keyof typeof BULK_MOVES;

export interface BulkFailure {
  /** The allocation in words: who and when, never an id. */
  label: string;
  message: string;
}

/** Names at most this many failures in the message; the rest are counted. */
const NAMED_FAILURES = 5;

/**
 * What the page says after a bulk action: how many moved, and each one that did not with why.
 * "Confirmed 7 allocations." or "Confirmed 5 allocations. 2 could not be confirmed: …".
 */
export function describeBulkOutcome(move: BulkMove, moved: number, failures: readonly BulkFailure[]): string {
  const words = BULK_MOVES[move];
  const parts: string[] = [];
  if (moved > 0 || failures.length === 0) parts.push(`${words.done} ${plural(moved, "allocation")}.`);
  if (failures.length > 0) {
    const named = failures.slice(0, NAMED_FAILURES).map((failure) => `${failure.label} (${failure.message})`);
    const rest = failures.length - named.length;
    parts.push(
      `${failures.length === 1 ? "1 could" : `${failures.length.toLocaleString("en-GB")} could`} not be ${words.verb}: ${named.join("; ")}${rest > 0 ? `; and ${plural(rest, "other")}` : ""}.`,
    );
  }
  return parts.join(" ");
}

/** The ticked allocations of a list page, as the form sends them. */
export const AllocationIdsSchema = z
  .array(z.string().trim().min(1).max(40), {
    required_error: "Choose at least one allocation",
  })
  .min(1, "Choose at least one allocation")
  .max(MAX_ALLOCATIONS_AT_ONCE, `Choose at most ${MAX_ALLOCATIONS_AT_ONCE} allocations at a time`);
