import { data,type ActionFunctionArgs,type LoaderFunctionArgs,type MetaFunction } from "@remix-run/node";
import { Link,useActionData,useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CaseWorkPanels } from "./facilitator.cases.shared/case-work-panels";
import { requireRole,requireUserForm } from "~/accounts/guards.server";
import { addCaseNote,askForCapacity,assignCase,getCaseDetail,messageProvider,moveCase,proposeOffer } from "~/cases/cases.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import {
CASE_KIND_LABELS,CASE_SEVERITY_LABELS,
CASE_STATUS_LABELS,
CASE_STATUSES
} from "~/cases/case-rules";
import { formatDate,formatDateTime } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { refusalReply } from "~/platform/refusal-reply.server";

const id = z.string().trim().max(40);
const ActionSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("status"),
    to: z.enum(CASE_STATUSES, { errorMap: () => ({ message: "Choose a status" }) }),
    note: z.string().trim().max(2000, "Keep the note to 2,000 characters").optional(),
    resolvedByOfferId: id.optional(),
    resolvedByAllocationId: id.optional(),
  }),
  z.object({ intent: z.literal("assign"), ownerId: id.optional() }),
  z.object({ intent: z.literal("note"), body: z.string({ required_error: "Write a note" }).trim().min(1, "Write a note").max(4000, "Keep the note to 4,000 characters") }),
  z.object({
    intent: z.literal("message"),
    organisationId: id.min(1, "Choose a provider"),
    body: z.string({ required_error: "Write a message" }).trim().min(1, "Write a message").max(4000, "Keep the message to 4,000 characters"),
  }),
  z.object({ intent: z.literal("propose"), organisationId: id.min(1, "Choose a university"), offerId: id.min(1, "Choose an offer") }),
  z.object({ intent: z.literal("ask-capacity") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  try {
    return await getCaseDetail(user, params.caseId ?? "");
  } catch (error) {
    throw refusalReply(error);
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN");
  const caseId = params.caseId ?? "";
  const parsed = ActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return data({ error: issue.message, field: String(issue.path[0]), intent: String(form.get("intent") ?? ""), done: null, doneKey: null }, { status: 400 });
  }
  const input = parsed.data;
  try {
    let done: string;
    switch (input.intent) {
      case "status":
        await moveCase(user, caseId, input);
        done = `Status changed to ${CASE_STATUS_LABELS[input.to].toLowerCase()}`;
        break;
      case "assign":
        await assignCase(user, caseId, input.ownerId || null);
        done = "Owner changed";
        break;
      case "note":
        await addCaseNote(user, caseId, input.body);
        done = "Note added";
        break;
      case "message":
        await messageProvider(user, caseId, input);
        done = "Message sent to the provider's education leads";
        break;
      case "propose":
        await proposeOffer(user, caseId, input);
        done = "Offer proposed to the university";
        break;
      case "ask-capacity": {
        const { asked } = await askForCapacity(user, caseId);
        done = asked === 0 ? "No provider is below its fair share: nobody was asked" : `Asked ${asked} ${asked === 1 ? "provider" : "providers"} to post capacity`;
        break;
      }
    }
    // A new key on every success remounts the forms, so nothing typed for this action is sent with the next.
    return data({ error: null, field: null, intent: input.intent, done, doneKey: crypto.randomUUID() });
  } catch (error) {
    return refusalReply(error, (refusal) => ({ error: refusal.message, field: refusal.field ?? null, intent: input.intent, done: null, doneKey: null }), { notFoundIsPage: true });
  }
}

export default function CaseDetail() {
  const data = useLoaderData<typeof loader>();
  const { case: item, organisations, supportRequests } = data;
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title={item.title} caption={`${CASE_KIND_LABELS[item.kind]} case`} actions={<Link to="/facilitator/cases">All cases</Link>} />
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="details-heading" className="card lg:col-span-1">
          <h2 id="details-heading">Details</h2>
          <dl className="grid grid-cols-2 gap-2">
            <dt>Status</dt>
            <dd>{CASE_STATUS_LABELS[item.status]}</dd>
            <dt>Severity</dt>
            <dd>{CASE_SEVERITY_LABELS[item.severity]}</dd>
            <dt>Profession</dt>
            <dd>{item.profession ? PROFESSION_LABELS[item.profession] : "—"}</dd>
            <dt>Students affected</dt>
            <dd>{item.studentsAffected}</dd>
            <dt>Owner</dt>
            <dd>{item.ownerName ?? "Unassigned"}</dd>
            <dt>Due</dt>
            <dd>{item.dueOn ? formatDate(item.dueOn) : "—"}</dd>
            <dt>Opened</dt>
            <dd>{formatDateTime(item.createdAt)}</dd>
            {item.resolvedAt && (
              <>
                <dt>Resolved</dt>
                <dd>{formatDateTime(item.resolvedAt)}</dd>
              </>
            )}
            {item.resolvedByOfferName && (
              <>
                <dt>Fixed by offer</dt>
                <dd>{item.resolvedByOfferName}</dd>
              </>
            )}
            {item.resolvedByAllocationId && (
              <>
                <dt>Fixed by allocation</dt>
                <dd>
                  <Link to={`/allocations/${item.resolvedByAllocationId}`}>{item.resolvedByAllocationName}</Link>
                </dd>
              </>
            )}
          </dl>
          <h3 className="mt-4">Organisations involved</h3>
          {organisations.length === 0 ? (
            <p>None recorded.</p>
          ) : (
            <ul>
              {organisations.map((o) => (
                <li key={o.id}>
                  <Link to={`/organisations/${o.id}`}>{o.name}</Link> ({o.kind === "PROVIDER" ? "provider" : "university"})
                </li>
              ))}
            </ul>
          )}
          {supportRequests.map((request) => (
            <p key={request.id} className="mt-4">
              From a support request of {formatDateTime(request.createdAt)}.
            </p>
          ))}
        </section>

        <CaseWorkPanels data={data} actionData={actionData} />
      </div>
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.case.title ?? "Case"} · Placement Exchange` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
