import { Form,useActionData,useLoaderData } from "@remix-run/react";
import { useRef, type ReactNode } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { FormMessage } from "~/components/forms";
import {
allowedCaseMoves,CASE_NOTE_TYPE_LABELS,CASE_STATUS_LABELS,type CaseStatusName
} from "~/cases/case-rules";
import { formatDateTime } from "~/vocabulary/labels";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import type { action,loader } from "../facilitator.cases.$caseId";
import { SearchPicker } from "./search-picker";

type CaseData = ReturnType<typeof useLoaderData<typeof loader>>;
type ActionData = ReturnType<typeof useActionData<typeof action>>;

/** The facilitator's work on a case: status, owner, messages, proposals, asks and the timeline. */
export function CaseWorkPanels({ data, actionData }: { data: CaseData; actionData: ActionData }) {
  const { case: item, organisations, notes, facilitators, choices } = data;
  const providers = organisations.filter((o) => o.kind === "PROVIDER");
  const universities = organisations.filter((o) => o.kind === "UNIVERSITY");
  const moves = allowedCaseMoves(item.status as CaseStatusName);
  // Kept across a failed action, so a refused form keeps what was typed; changed by each success, which clears every form.
  const lastSuccess = useRef("initial");
  if (actionData?.doneKey) lastSuccess.current = actionData.doneKey;
  const formKey = (intent: string) => `${intent}-${lastSuccess.current}`;
  const messageFor = (intent: string) =>
    actionData?.intent === intent ? (
      actionData.error ? <FormMessage>{actionData.error}</FormMessage> : actionData.done ? <FormMessage tone="success">{actionData.done}</FormMessage> : null
    ) : null;
  return (
    <div className="space-y-6 lg:col-span-2">
      <Panel title="Change status" id="status">
        {messageFor("status")}
        {moves.length === 0 ? (
          <p>A closed case cannot change.</p>
        ) : (
          <Form key={formKey("status")} method="post" className="grid gap-3 sm:grid-cols-2">
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
            <SearchPicker
              caseId={item.id}
              type="offer"
              id="resolvedByOfferId"
              name="resolvedByOfferId"
              label="Fixed by offer (when resolving)"
              noun="offer"
              searchHint="Provider, site, specialty or profession"
              initial={choices.offer}
              optional
              invalid={actionData?.field === "resolvedByOfferId"}
            />
            <SearchPicker
              caseId={item.id}
              type="allocation"
              id="resolvedByAllocationId"
              name="resolvedByAllocationId"
              label="Fixed by allocation (when resolving)"
              noun="allocation"
              searchHint="Provider, site, university, programme or profession"
              initial={choices.allocation}
              optional
              invalid={actionData?.field === "resolvedByAllocationId"}
            />
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
        <Form key={formKey("assign")} method="post" className="flex flex-wrap items-end gap-3">
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
          <Form key={formKey("message")} method="post" className="grid gap-3">
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
        {universities.length === 0 || choices["open-offer"].length === 0 ? (
          <p>{universities.length === 0 ? "No university is involved in this case." : "No published offer in the region has places left."}</p>
        ) : (
          <Form key={formKey("propose")} method="post" className="grid gap-3">
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
            <SearchPicker
              caseId={item.id}
              type="open-offer"
              id="offerId"
              name="offerId"
              label="Offer"
              noun="offer"
              searchHint="Published offers with places left: provider, site, specialty or profession"
              initial={choices["open-offer"]}
              invalid={actionData?.intent === "propose" && actionData.field === "offerId"}
            />
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
          <Form key={formKey("ask-capacity")} method="post">
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
        <Form key={formKey("note")} method="post" className="grid gap-3">
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
