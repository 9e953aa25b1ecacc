import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { optionalCalendarDateField } from "~/vocabulary/calendar-date";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { caseChoices, createCase } from "~/cases/cases.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { CASE_KIND_LABELS, CASE_KINDS, CASE_SEVERITIES, CASE_SEVERITY_LABELS } from "~/cases/case-rules";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";
import { refusalReply } from "~/platform/refusal-reply.server";

const NewCaseSchema = z.object({
  regionId: z.string().max(40).optional(),
  kind: z.enum(CASE_KINDS, { errorMap: () => ({ message: "Choose a kind" }) }),
  severity: z.enum(CASE_SEVERITIES, { errorMap: () => ({ message: "Choose a severity" }) }),
  title: z.string({ required_error: "Enter a title" }).trim().min(3, "Enter a title of 3 characters or more").max(200, "Keep the title to 200 characters"),
  profession: z.union([z.literal(""), z.enum(PROFESSIONS)]).optional(),
  organisationIds: z.array(z.string().max(40)).max(50, "Choose 50 organisations or fewer"),
  studentsAffected: z.coerce.number({ invalid_type_error: "Enter a whole number" }).int("Enter a whole number").min(0, "Enter 0 or more").max(10000, "Enter 10,000 or fewer"),
  ownerId: z.string().max(40).optional(),
  dueOn: optionalCalendarDateField("Enter the due date as a real date, like 2027-01-04"),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  return caseChoices(user);
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN");
  const parsed = NewCaseSchema.safeParse({ ...Object.fromEntries(form), organisationIds: form.getAll("organisationIds") });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data({ error: issue.message, field: String(issue.path[0]) }, { status: 400 });
  }
  try {
    const created = await createCase(user, {
      ...parsed.data,
      profession: parsed.data.profession || null,
      ownerId: parsed.data.ownerId || null,
      dueOn: parsed.data.dueOn ? new Date(`${parsed.data.dueOn}T00:00:00Z`) : null,
    });
    return redirect(`/facilitator/cases/${created.id}`);
  } catch (error) {
    return refusalReply(error, (refusal) => ({ error: refusal.message, field: refusal.field ?? null }));
  }
}

export default function NewCase() {
  const { organisations, facilitators, regions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const invalid = (field: string) => (actionData?.field === field ? true : undefined);
  return (
    <>
      <PageHeader title="Open a case" caption="Record a shortfall to work on" />
      {actionData?.error && <FormMessage>{actionData.error}</FormMessage>}
      <Form method="post" className="card grid max-w-3xl gap-4 sm:grid-cols-2">
        <CsrfInput />
        {regions.length > 0 && (
          <Field label="Region" id="regionId">
            <select id="regionId" name="regionId" required className="field-input" aria-invalid={invalid("regionId")}>
              {regions.map((region) => (
                <option key={region.id} value={region.id}>
                  {region.name}
                </option>
              ))}
            </select>
          </Field>
        )}
        <Field label="Title" id="title" wide>
          <input id="title" name="title" required maxLength={200} className="field-input" aria-invalid={invalid("title")} />
        </Field>
        <Field label="Kind" id="kind">
          <select id="kind" name="kind" required className="field-input" defaultValue="OTHER" aria-invalid={invalid("kind")}>
            {CASE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {CASE_KIND_LABELS[kind]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Severity" id="severity">
          <select id="severity" name="severity" required className="field-input" defaultValue="MEDIUM" aria-invalid={invalid("severity")}>
            {CASE_SEVERITIES.map((severity) => (
              <option key={severity} value={severity}>
                {CASE_SEVERITY_LABELS[severity]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Profession" id="profession">
          <select id="profession" name="profession" className="field-input" defaultValue="">
            <option value="">Not one profession</option>
            {PROFESSIONS.map((profession) => (
              <option key={profession} value={profession}>
                {PROFESSION_LABELS[profession]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Students affected" id="studentsAffected">
          <input id="studentsAffected" name="studentsAffected" type="number" min={0} max={10000} defaultValue={0} required className="field-input" aria-invalid={invalid("studentsAffected")} />
        </Field>
        <Field label="Owner" id="ownerId">
          <select id="ownerId" name="ownerId" className="field-input" defaultValue="" aria-invalid={invalid("ownerId")}>
            <option value="">Unassigned</option>
            {facilitators.map((facilitator) => (
              <option key={facilitator.id} value={facilitator.id}>
                {facilitator.name}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Due on" id="dueOn">
          <input id="dueOn" name="dueOn" type="date" className="field-input" aria-invalid={invalid("dueOn")} />
        </Field>
        <Field label="Organisations involved" id="organisationIds" wide hint="Hold Ctrl (or Cmd) to choose more than one.">
          <select id="organisationIds" name="organisationIds" multiple size={8} className="field-input" aria-invalid={invalid("organisationIds")} aria-describedby="organisationIds-hint">
            {organisations.map((organisation) => (
              <option key={organisation.id} value={organisation.id}>
                {organisation.name} ({organisation.kind === "PROVIDER" ? "provider" : "university"})
              </option>
            ))}
          </select>
        </Field>
        <div className="sm:col-span-2">
          <button type="submit" className="btn">
            Open the case
          </button>
        </div>
      </Form>
    </>
  );
}

function Field({ label, id, wide, hint, children }: { label: string; id: string; wide?: boolean; hint?: string; children: React.ReactNode }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Open a case · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
