import type { SubmissionResult } from "@conform-to/react";
import { Form,type useActionData,type useLoaderData } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { formatLondonDate, formatNumber } from "~/vocabulary/labels";
import type { action,loader } from "../admin.organisations.$organisationId";

export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
export type Organisation = LoaderData["organisation"];
export type ActionData = ReturnType<typeof useActionData<typeof action>>;

export function resultFor(actionData: ActionData, ...intents: string[]): SubmissionResult<string[]> | undefined {
  return actionData && intents.includes(actionData.intent) ? (actionData.result ?? undefined) : undefined;
}

/** Form-level errors of the one-button forms in a table (remove, deactivate). */
export function rowErrors(actionData: ActionData, ...intents: string[]): string[] {
  const result = resultFor(actionData, ...intents);
  return result?.error ? Object.values(result.error).flatMap((messages) => messages ?? []) : [];
}

/** The error summary's entries, in the order the fields appear. */
export function fieldErrors(fields: { id: string; errors?: string[] }[]) {
  return fields
    .filter((field) => field.errors?.length)
    .map((field) => ({ id: field.id, message: field.errors![0] }));
}

export const formatWte = (wte: number) => formatNumber(wte, 2);
export const formatDate = (date: Date) => formatLondonDate(date);

export function RowButton({
  intent,
  name,
  value,
  label,
  hiddenLabel,
  tone = "secondary",
}: {
  intent: string;
  name: string;
  value: string;
  label: string;
  hiddenLabel: string;
  tone?: "secondary" | "warning";
}) {
  return (
    <Form method="post" className="inline">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={name} value={value} />
      <button type="submit" className={tone === "warning" ? "btn-warning" : "btn-secondary"}>
        {label}
        <span className="sr-only"> {hiddenLabel}</span>
      </button>
    </Form>
  );
}
