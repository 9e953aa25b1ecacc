import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormMessage, TextField } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { PortalSettingsSchema } from "~/settings/settings";
import { getSettings, saveSettings } from "~/settings/settings.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireRole(request, "ADMIN");
  return { settings: await getSettings() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "ADMIN");
  const submission = parseSubmission(form, PortalSettingsSchema);
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  await saveSettings(user.id, submission.value);
  return { result: submission.reply(), saved: true };
}

export default function AdminSettings() {
  const { settings } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "settings",
    lastResult: actionData?.result,
    defaultValue: Object.fromEntries(Object.entries(settings).map(([key, value]) => [key, String(value)])),
    constraint: zodConstraint(PortalSettingsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PortalSettingsSchema }),
  });
  const all = [fields.fairShareRed, fields.fairShareAmber, fields.unmetRequestWeeks, fields.feedbackThreshold, fields.auditWarningDays, fields.matchingLeadDays];
  return (
    <>
      <PageHeader title="Thresholds" caption="Administration" />
      {actionData?.saved && <FormMessage tone="success">The thresholds are saved and apply from now on.</FormMessage>}
      <ErrorSummary errors={all.filter((f) => f.errors?.length).map((f) => ({ id: f.id, message: f.errors![0] }))} />
      <Form method="post" {...getFormProps(form)} className="card max-w-3xl">
        <CsrfInput />
        <fieldset className="mb-6">
          <legend className="mb-2 text-xl font-bold">Fair-share bands</legend>
          <p className="mb-4">A provider&apos;s fair-share ratio is what it offers divided by its fair share.</p>
          <TextField meta={fields.fairShareRed} label="Red below" type="number" hint="For example 0.8: a provider offering less than 80% of its share is red." />
          <TextField meta={fields.fairShareAmber} label="Amber below" type="number" hint="For example 1.0: between red and this is amber; at or above it is green." />
        </fieldset>
        <fieldset className="mb-6">
          <legend className="mb-2 text-xl font-bold">Alerts</legend>
          <TextField meta={fields.unmetRequestWeeks} label="Warn about unmet requests this many weeks before the block starts" type="number" />
          <TextField meta={fields.feedbackThreshold} label="Flag feedback with an average rating below" type="number" hint="Ratings run from 1 (poor) to 5 (excellent)." />
          <TextField meta={fields.auditWarningDays} label="Warn this many days before a placement audit expires" type="number" />
        </fieldset>
        <fieldset className="mb-6">
          <legend className="mb-2 text-xl font-bold">Matching</legend>
          <TextField
            meta={fields.matchingLeadDays}
            label="Matching runs start with blocks at least this many days away"
            type="number"
            hint="For example 14: a run started today proposes places in blocks starting in two weeks or later, so providers and students have time to prepare."
          />
        </fieldset>
        <button type="submit" className="btn">
          Save thresholds
        </button>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Thresholds · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
