import { Form, Link, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";

export interface PublishPreview {
  proposals: number;
  students: number;
  providers: number;
  people: number;
}

const plural = (count: number, noun: string, nouns = `${noun}s`) => `${count.toLocaleString("en-GB")} ${count === 1 ? noun : nouns}`;

/**
 * Publishing sends every proposal to providers at once and cannot be undone, so it takes two
 * steps: the first says exactly what will happen, the second does it. The confirmation is a page
 * state (?confirm=publish) so it works without JavaScript too.
 */
export function PublishPanel({ preview, confirming, runPath }: { preview: PublishPreview; confirming: boolean; runPath: string }) {
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formMethod?.toLowerCase() === "post";
  const publishing = busy && navigation.formData?.get("intent") === "publish";
  if (confirming) {
    return (
      <section aria-labelledby="confirm-heading" className="card mb-8 border-l-8 border-l-nhs-blue">
        <h2 id="confirm-heading">Publish this run?</h2>
        <p className="mb-2">
          This sends {plural(preview.proposals, "proposal")} for {plural(preview.students, "student")} to {plural(preview.providers, "provider")}.
          {" "}
          {plural(preview.people, "person", "people")} at those providers will be notified, by email if they have chosen it.
        </p>
        <p className="mb-4">Each provider then confirms or declines its proposals. Publishing is all or nothing, and cannot be undone.</p>
        <div className="flex flex-wrap items-center gap-4">
          <Form method="post" action={runPath}>
            <CsrfInput />
            <button type="submit" name="intent" value="publish" className="btn" disabled={busy} aria-disabled={busy}>
              {publishing ? "Publishing…" : `Yes, publish ${plural(preview.proposals, "proposal")}`}
            </button>
          </Form>
          <Link to={runPath} className="self-center">
            Cancel
          </Link>
        </div>
        {publishing && (
          <p role="status" className="mt-3">
            Publishing {plural(preview.proposals, "proposal")}: this can take a little while for a large run.
          </p>
        )}
      </section>
    );
  }
  return (
    <div className="mb-8 flex flex-wrap gap-4">
      <Link to={`${runPath}?confirm=publish`} className="btn">
        Publish {plural(preview.proposals, "proposal")} to providers…
      </Link>
      <DiscardButton busy={busy} />
    </div>
  );
}

export function DiscardButton({ busy, label = "Discard this run" }: { busy: boolean; label?: string }) {
  return (
    <Form method="post">
      <CsrfInput />
      <button type="submit" name="intent" value="discard" className="btn-secondary" disabled={busy}>
        {label}
      </button>
    </Form>
  );
}
