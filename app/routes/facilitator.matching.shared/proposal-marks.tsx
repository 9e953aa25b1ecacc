import { Form, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { FieldErrors } from "~/components/forms";
import type { ProposalRow } from "~/matching/review-table";
import { formatDateRange, plural } from "~/vocabulary/labels";

/** The marks of an unpublished run: exclude or lock, by `requestId:offerId`, and the last refusal. */
export interface ProposalMarks {
  decisions: Record<string, "EXCLUDE" | "LOCK">;
  error: string | null;
}

const ERROR_ID = "proposals-error";
const markKey = (row: Pick<ProposalRow, "requestId" | "offerId">) => `${row.requestId}:${row.offerId}`;

function useMarking() {
  const navigation = useNavigation();
  return navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";
}

/** The buttons above the table: what to do with the ticked proposals. */
export function MarkBar({ marks }: { marks: ProposalMarks }) {
  const busy = useMarking();
  return (
    <fieldset className="card mb-4" aria-describedby={marks.error ? ERROR_ID : undefined}>
      {/* Floated, a legend sits inside the card's padding instead of on its top edge. */}
      <legend className="float-left mb-2 w-full font-bold">Change the proposals you tick, then re-run</legend>
      <p className="clear-left mb-3 text-sm">
        Exclude: this provider and request must not be paired. Lock: keep this pairing with its students. A re-run keeps your marks and matches the rest again.
      </p>
      <CsrfInput />
      <input type="hidden" name="intent" value="mark" />
      <FieldErrors id={ERROR_ID} errors={marks.error ? [marks.error] : undefined} />
      <div className="flex flex-wrap gap-3">
        <button type="submit" name="mark" value="EXCLUDE" className="btn-secondary" disabled={busy}>
          Exclude ticked
        </button>
        <button type="submit" name="mark" value="LOCK" className="btn-secondary" disabled={busy}>
          Lock ticked
        </button>
        <button type="submit" name="mark" value="CLEAR" className="btn-secondary" disabled={busy}>
          Clear marks of ticked
        </button>
      </div>
    </fieldset>
  );
}

export function MarkCheckbox({ row }: { row: ProposalRow }) {
  const id = `choose-${row.requestId}-${row.offerId}`;
  return (
    <>
      <input id={id} type="checkbox" name="proposal" value={markKey(row)} className="h-6 w-6" aria-describedby={`mark-${row.requestId}-${row.offerId}`} />
      <label htmlFor={id} className="sr-only">
        Tick {row.provider}, {row.site} for {row.university}, {row.start ? formatDateRange(row.start, row.end) : ""}
      </label>
    </>
  );
}

export function MarkCell({ row, marks }: { row: ProposalRow; marks: ProposalMarks | null }) {
  const mark = marks?.decisions[markKey(row)];
  const text = mark === "EXCLUDE" ? "Excluded" : mark === "LOCK" ? "Locked" : row.locked ? "Kept (locked)" : "—";
  return (
    <td id={`mark-${row.requestId}-${row.offerId}`} className={mark ? "font-bold whitespace-nowrap" : "whitespace-nowrap"}>
      {text}
    </td>
  );
}

/** How many proposals are marked, and the button that starts the re-run. */
export function RerunPanel({ excluded, locked }: { excluded: number; locked: number }) {
  const busy = useMarking();
  if (excluded + locked === 0) return null;
  return (
    <section aria-labelledby="rerun-heading" className="card mb-8 border-l-8 border-l-nhs-blue">
      <h2 id="rerun-heading">Re-run with your decisions</h2>
      <p className="mb-4">
        {plural(excluded, "proposal")} excluded and {plural(locked, "proposal")} locked. A re-run matches everything else again, exactly as a new run would, around these
        decisions. This run is then replaced and can no longer be published.
      </p>
      <Form method="post">
        <CsrfInput />
        <button type="submit" name="intent" value="rerun" className="btn" disabled={busy}>
          Re-run with these decisions
        </button>
      </Form>
    </section>
  );
}
