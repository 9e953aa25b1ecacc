import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { zodConstraint } from "~/platform/conform-zod";
import { parseSubmission } from "~/platform/form-submission.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { ErrorSummary, FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { OfferFieldsSchema } from "~/marketplace/offer-form";
import { createOffer, listProviderSites } from "~/marketplace/offers.server";
import { requireProviderScope } from "~/marketplace/policy";
import { redirectWithFlash } from "~/platform/flash.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { OFFER_PUBLISHED, OFFER_SAVED } from "./provider.shared/offer-flash";
import { OfferFormFields, offerFieldErrors } from "./provider.shared/offer-form-fields";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  return { sites: await listProviderSites(requireProviderScope(user)) };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "EDUCATOR");
  const submission = parseSubmission(form, OfferFieldsSchema);
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  const publish = form.get("intent") === "publish";
  try {
    const offer = await createOffer(user, submission.value, { publish });
    return await redirectWithFlash(`/provider/offers/${offer.id}`, publish ? OFFER_PUBLISHED : OFFER_SAVED);
  } catch (error) {
    return refusalReply(error, submission);
  }
}

export default function NewOffer() {
  const { sites } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "new-offer",
    lastResult: actionData?.result,
    constraint: zodConstraint(OfferFieldsSchema),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OfferFieldsSchema }),
    defaultValue: sites.length === 1 ? { siteId: sites[0].id } : undefined,
  });
  const busy = navigation.state === "submitting";
  return (
    <div className="max-w-4xl">
      <PageHeader title="New offer" caption="Placement capacity" />
      <p className="mb-6 text-lg">
        Save it as a draft to finish later, or publish it so universities can book it and the matching service can use it.
      </p>
      <ErrorSummary errors={offerFieldErrors(fields)} />
      {form.errors && form.errors.length > 0 && (
        <FormMessage>
          <p id={form.errorId}>{form.errors.join(" ")}</p>
        </FormMessage>
      )}
      <Form method="post" {...getFormProps(form)} className="card">
        <CsrfInput />
        <OfferFormFields fields={fields} sites={sites} />
        <div className="flex flex-wrap items-center gap-4">
          {/* Save draft comes first: pressing Enter in a field submits with the first button, and should never publish. */}
          <button type="submit" name="intent" value="save-draft" className="btn-secondary" disabled={busy}>
            Save draft
          </button>
          <button type="submit" name="intent" value="publish" className="btn" disabled={busy}>
            Publish
          </button>
          <Link to="/provider/offers">Cancel</Link>
        </div>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "New offer · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
