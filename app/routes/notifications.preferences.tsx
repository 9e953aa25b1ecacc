import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireUser, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import {
  CATEGORY_LABELS,
  CHANNEL_LABELS,
  channelFor,
  NOTIFICATION_CHANNELS,
  NOTIFICATION_KIND_NAMES,
  NOTIFICATION_KINDS,
  type NotificationCategory,
} from "~/notifications/notification-kinds";
import { getPreferences, setPreferences } from "~/notifications/inbox.server";

const PreferencesSchema = z.object(
  Object.fromEntries(NOTIFICATION_KIND_NAMES.map((kind) => [kind, z.enum(NOTIFICATION_CHANNELS, { errorMap: () => ({ message: "Choose how to hear about this" }) })])),
);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const chosen = await getPreferences(user.id);
  return {
    kinds: NOTIFICATION_KIND_NAMES.map((kind) => ({
      kind,
      label: NOTIFICATION_KINDS[kind].label,
      category: NOTIFICATION_KINDS[kind].category as NotificationCategory,
      channel: channelFor(kind, chosen.get(kind)),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request);
  const parsed = PreferencesSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data({ saved: false, error: `${NOTIFICATION_KINDS[issue.path[0] as keyof typeof NOTIFICATION_KINDS]?.label ?? "A setting"}: ${issue.message}`, field: String(issue.path[0]) }, { status: 400 });
  }
  await setPreferences(user.id, parsed.data);
  return { saved: true, error: null, field: null };
}

export default function NotificationPreferences() {
  const { kinds } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const categories = Object.keys(CATEGORY_LABELS) as NotificationCategory[];
  return (
    <>
      <PageHeader title="How you hear about things" caption="Notification preferences" />
      {result?.saved && <FormMessage tone="success">Your preferences are saved.</FormMessage>}
      {result?.error && <FormMessage>{result.error}</FormMessage>}
      <Form method="post" className="grid gap-6">
        <CsrfInput />
        {categories.map((category) => (
          <fieldset key={category} className="card">
            <legend className="text-xl font-bold">{CATEGORY_LABELS[category]}</legend>
            {kinds
              .filter((kind) => kind.category === category)
              .map((kind) => (
                <div key={kind.kind} className="mt-4">
                  <label htmlFor={`pref-${kind.kind}`} className="field-label">
                    {kind.label}
                  </label>
                  <select
                    id={`pref-${kind.kind}`}
                    name={kind.kind}
                    defaultValue={kind.channel}
                    aria-invalid={result?.field === kind.kind || undefined}
                    className="field-input"
                  >
                    {NOTIFICATION_CHANNELS.map((channel) => (
                      <option key={channel} value={channel}>
                        {CHANNEL_LABELS[channel]}
                      </option>
                    ))}
                  </select>
                </div>
              ))}
          </fieldset>
        ))}
        <div>
          <button type="submit" className="btn">
            Save preferences
          </button>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Notification preferences · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
