import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { z } from "zod";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { addCaseNote, askForCapacity, assignCase, getCaseDetail, messageProvider, moveCase, proposeOffer } from "~/cases/cases.server";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import {
  allowedCaseMoves,
  CASE_KIND_LABELS,
  CASE_NOTE_TYPE_LABELS,
  CASE_SEVERITY_LABELS,
  CASE_STATUS_LABELS,
  CASE_STATUSES,
  type CaseStatusName,
} from "~/cases/case-rules";
import { formatDate, formatDateTime } from "~/vocabulary/labels";
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
    return data({ error: issue.message, field: String(issue.path[0]), intent: String(form.get("intent") ?? ""), done: null }, { status: 400 });
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
    return data({ error: null, field: null, intent: input.intent, done });
  } catch (error) {
    return refusalReply(error, (refusal) => ({ error: refusal.message, field: refusal.field ?? null, intent: input.intent, done: null }), { notFoundIsPage: true });
  }
}

export default function CaseDetail() {
  const { case: item, organisations, notes, facilitators, offers, supportRequests } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const providers = organisations.filter((o) => o.kind === "PROVIDER");
  const universities = organisations.filter((o) => o.kind === "UNIVERSITY");
  const moves = allowedCaseMoves(item.status as CaseStatusName);
  const messageFor = (intent: string) =>
    actionData?.intent === intent ? (
      actionData.error ? <FormMessage>{actionData.error}</FormMessage> : actionData.done ? <FormMessage tone="success">{actionData.done}</FormMessage> : null
    ) : null;
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
            {item.resolvedByOfferId && (
              <>
                <dt>Fixed by offer</dt>
                <dd>{item.resolvedByOfferId}</dd>
              </>
            )}
            {item.resolvedByAllocationId && (
              <>
                <dt>Fixed by allocation</dt>
                <dd>
                  <Link to={`/allocations/${item.resolvedByAllocationId}`}>{item.resolvedByAllocationId}</Link>
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

        <div className="space-y-6 lg:col-span-2">
          <Panel title="Change status" id="status">
            {messageFor("status")}
            {moves.length === 0 ? (
              <p>A closed case cannot change.</p>
            ) : (
              <Form method="post" className="grid gap-3 sm:grid-cols-2">
                <CsrfInput />
                <input type="hidden" name="intent" value="status" />
                <Labelled label="New status" htmlFor="to">
                  <select id="to" name="to" className="field-input" aria-invalid={actionData?.field === "to" || undefined}>
                    {moves.map((to) => (
                      <option key={to} value={to}>
                        {item.status === "RESOLVED" && to === "IN_PROGRESS" ? "Reopen (in progress)" : CASE_STATUS_LABELS[to]}
                      </option>
                    ))}
                  </select>
                </Labelled>
                <Labelled label="Note (optional)" htmlFor="status-note">
                  <input id="status-note" name="note" maxLength={2000} className="field-input" />
                </Labelled>
                <Labelled label="Fixed by offer (reference, when resolving)" htmlFor="resolvedByOfferId">
                  <input id="resolvedByOfferId" name="resolvedByOfferId" maxLength={40} className="field-input" aria-invalid={actionData?.field === "resolvedByOfferId" || undefined} />
                </Labelled>
                <Labelled label="Fixed by allocation (reference, when resolving)" htmlFor="resolvedByAllocationId">
                  <input id="resolvedByAllocationId" name="resolvedByAllocationId" maxLength={40} className="field-input" aria-invalid={actionData?.field === "resolvedByAllocationId" || undefined} />
                </Labelled>
                <div className="sm:col-span-2">
                  <button type="submit" className="btn">
                    Change status
                  </button>
                </div>
              </Form>
            )}
          </Panel>

          <Panel title="Owner" id="assign">
            {messageFor("assign")}
            <Form method="post" className="flex flex-wrap items-end gap-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="assign" />
              <Labelled label="Owner" htmlFor="ownerId">
                <select id="ownerId" name="ownerId" defaultValue={item.ownerId ?? ""} className="field-input">
                  <option value="">Unassigned</option>
                  {facilitators.map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.name}
                    </option>
                  ))}
                </select>
              </Labelled>
              <button type="submit" className="btn btn-secondary">
                Assign
              </button>
            </Form>
          </Panel>

          <Panel title="Message the provider's education lead" id="message">
            {messageFor("message")}
            {providers.length === 0 ? (
              <p>No provider is involved in this case.</p>
            ) : (
              <Form method="post" className="grid gap-3">
                <CsrfInput />
                <input type="hidden" name="intent" value="message" />
                <Labelled label="Provider" htmlFor="message-organisation">
                  <select id="message-organisation" name="organisationId" className="field-input">
                    {providers.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </Labelled>
                <Labelled label="Message" htmlFor="message-body">
                  <textarea id="message-body" name="body" rows={4} required maxLength={4000} className="field-input" aria-invalid={(actionData?.intent === "message" && actionData.field === "body") || undefined} />
                </Labelled>
                <div>
                  <button type="submit" className="btn btn-secondary">
                    Send in the portal and by email
                  </button>
                </div>
              </Form>
            )}
          </Panel>

          <Panel title="Propose an alternative offer to the university" id="propose">
            {messageFor("propose")}
            {universities.length === 0 || offers.length === 0 ? (
              <p>{universities.length === 0 ? "No university is involved in this case." : "No published offer in the region has places left."}</p>
            ) : (
              <Form method="post" className="grid gap-3">
                <CsrfInput />
                <input type="hidden" name="intent" value="propose" />
                <Labelled label="University" htmlFor="propose-organisation">
                  <select id="propose-organisation" name="organisationId" className="field-input">
                    {universities.map((o) => (
                      <option key={o.id} value={o.id}>
                        {o.name}
                      </option>
                    ))}
                  </select>
                </Labelled>
                <Labelled label="Offer" htmlFor="offerId">
                  <select id="offerId" name="offerId" className="field-input">
                    {offers.map((offer) => (
                      <option key={offer.id} value={offer.id}>
                        {PROFESSION_LABELS[offer.profession]} · {offer.provider.name} · {formatDate(offer.startDate)}–{formatDate(offer.endDate)} · {offer.slots - offer.slotsTaken} places
                      </option>
                    ))}
                  </select>
                </Labelled>
                <div>
                  <button type="submit" className="btn btn-secondary">
                    Propose the offer
                  </button>
                </div>
              </Form>
            )}
          </Panel>

          <Panel title="Ask providers below their share to post capacity" id="ask-capacity">
            {messageFor("ask-capacity")}
            {item.profession ? (
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="ask-capacity" />
                <p className="mb-3">Notifies the education leads of every provider in the region whose {PROFESSION_LABELS[item.profession]} offers are below the amber fair-share threshold.</p>
                <button type="submit" className="btn btn-secondary">
                  Ask for capacity
                </button>
              </Form>
            ) : (
              <p>This case has no profession, so there is no fair share to compare.</p>
            )}
          </Panel>

          <Panel title="Timeline" id="timeline">
            {messageFor("note")}
            <ol className="mb-4 space-y-3">
              {notes.map((note) => (
                <li key={note.id} className="border-l-4 border-nhs-grey-4 pl-3">
                  <p className="text-sm">
                    <strong>{CASE_NOTE_TYPE_LABELS[note.type] ?? note.type}</strong> · {note.authorName} · <time dateTime={String(note.createdAt)}>{formatDateTime(note.createdAt)}</time>
                  </p>
                  <p className="whitespace-pre-line">{note.body}</p>
                </li>
              ))}
            </ol>
            <Form method="post" className="grid gap-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="note" />
              <Labelled label="Add a note" htmlFor="note-body">
                <textarea id="note-body" name="body" rows={3} required maxLength={4000} className="field-input" />
              </Labelled>
              <div>
                <button type="submit" className="btn btn-secondary">
                  Add note
                </button>
              </div>
            </Form>
          </Panel>
        </div>
      </div>
    </>
  );
}

function Panel({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="card">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

function Labelled({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={htmlFor} className="field-label">
        {label}
      </label>
      {children}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.case.title ?? "Case"} · Placement Exchange` }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
