import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { caseAgeing, caseChoices, listCases, listRegionSupportRequests, turnSupportRequestIntoCase } from "~/cases/cases.server";
import { SUPPORT_TOPIC_LABELS, type SupportTopic } from "~/cases/case-rules";
import { GroupedBarChart } from "~/components/charts/grouped-bars";
import { CsrfInput } from "~/components/csrf-input";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { FormMessage } from "~/components/forms";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { CASE_KIND_LABELS, CASE_KINDS, CASE_SEVERITY_LABELS, CASE_STATUS_LABELS, CASE_STATUSES } from "~/cases/case-rules";
import { formatDate, formatDateTime } from "~/vocabulary/labels";
import { PROFESSION_LABELS, PROFESSIONS } from "~/vocabulary/roles";
import { refusalReply } from "~/platform/refusal-reply.server";

const FiltersSchema = z.object({
  kind: z.enum(CASE_KINDS).optional().catch(undefined),
  status: z.enum(CASE_STATUSES).optional().catch(undefined),
  owner: z.enum(["me", "unassigned"]).optional().catch(undefined),
  profession: z.enum(PROFESSIONS).optional().catch(undefined),
  provider: z.string().max(40).optional().catch(undefined),
  university: z.string().max(40).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});

const SupportToCaseSchema = z.object({ intent: z.literal("support-to-case"), supportRequestId: z.string().min(1).max(40) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  const filters = FiltersSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [list, ageing, choices, support] = await Promise.all([listCases(user, filters), caseAgeing(user), caseChoices(user), listRegionSupportRequests(user)]);
  return { ...list, ageing, filters, organisations: choices.organisations, support };
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR", "ADMIN");
  const parsed = SupportToCaseSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return data({ error: "Choose a support request" }, { status: 400 });
  try {
    const created = await turnSupportRequestIntoCase(user, parsed.data.supportRequestId);
    return redirect(`/facilitator/cases/${created.id}`);
  } catch (error) {
    return refusalReply(error, (refusal) => ({ error: refusal.message }));
  }
}

export default function CasesIndex() {
  const { cases, window, ageing, filters, organisations, support } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { pathname } = useLocation();
  const providers = organisations.filter((o) => o.kind === "PROVIDER");
  const universities = organisations.filter((o) => o.kind === "UNIVERSITY");
  return (
    <>
      <PageHeader
        title="Shortfall cases"
        caption="Unmet demand, providers below their fair share, cancellations and requests for support"
        actions={
          <div className="flex flex-wrap gap-3">
            <Link to="/facilitator/cases/new" className="btn">
              Open a case
            </Link>
            <Link to="/facilitator/cases/board" className="btn btn-secondary">
              Board view
            </Link>
          </div>
        }
      />

      <section aria-labelledby="ageing-heading" className="mb-8">
        <h2 id="ageing-heading">Ageing of cases still open</h2>
        <div className="card grid gap-6 md:grid-cols-2">
          <GroupedBarChart
            title="Open, in-progress and waiting cases by days since they were opened"
            summary={ageing.map((bucket) => `${bucket.label}: ${bucket.count}`).join("; ") + "."}
            series={[{ key: "count", label: "Cases", colour: "#005eb8" }]}
            groups={ageing.map((bucket) => ({ label: bucket.label, values: { count: bucket.count } }))}
            className="min-w-0"
          />
          <table className="data-table">
            <caption className="sr-only">Cases still open by age</caption>
            <thead>
              <tr>
                <th scope="col">Age</th>
                <th scope="col">Cases</th>
              </tr>
            </thead>
            <tbody>
              {ageing.map((bucket) => (
                <tr key={bucket.key}>
                  <td>{bucket.label}</td>
                  <td>{bucket.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="support-heading" className="mb-8">
        <h2 id="support-heading">Support requests ({support.total})</h2>
        {actionData?.error && <FormMessage>{actionData.error}</FormMessage>}
        {support.requests.length === 0 ? (
          <p className="card">No support requests are waiting.</p>
        ) : (
          <div className="relative overflow-x-auto" role="region" aria-label="Support requests" tabIndex={0}>
            <table className="data-table">
              <caption className="sr-only">Support requests not yet turned into cases, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Asked</th>
                  <th scope="col">Organisation</th>
                  <th scope="col">Topic</th>
                  <th scope="col">Request</th>
                  <th scope="col">Action</th>
                </tr>
              </thead>
              <tbody>
                {support.requests.map((item) => (
                  <tr key={item.id}>
                    <td>{formatDateTime(item.createdAt)}</td>
                    <td>
                      {item.organisationName}
                      <br />
                      <span className="text-nhs-grey-1">{item.authorName}</span>
                    </td>
                    <td>{SUPPORT_TOPIC_LABELS[item.topic as SupportTopic] ?? item.topic}</td>
                    <td className="whitespace-pre-line">{item.body}</td>
                    <td>
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="intent" value="support-to-case" />
                        <input type="hidden" name="supportRequestId" value={item.id} />
                        <button type="submit" className="btn btn-secondary">
                          Turn into a case
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="cases-heading">
        <h2 id="cases-heading">Cases</h2>
        <Form method="get" className="card mb-4 grid gap-4 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter cases">
          <FilterSelect name="kind" label="Kind" value={filters.kind} options={CASE_KINDS.map((k) => [k, CASE_KIND_LABELS[k]])} all="All kinds" />
          <FilterSelect name="status" label="Status" value={filters.status} options={CASE_STATUSES.map((s) => [s, CASE_STATUS_LABELS[s]])} all="All statuses" />
          <FilterSelect name="owner" label="Owner" value={filters.owner} options={[["me", "Me"], ["unassigned", "Unassigned"]]} all="Anyone" />
          <FilterSelect name="profession" label="Profession" value={filters.profession} options={PROFESSIONS.map((p) => [p, PROFESSION_LABELS[p]])} all="All professions" />
          <FilterSelect name="provider" label="Provider" value={filters.provider} options={providers.map((o) => [o.id, o.name])} all="Any provider" />
          <FilterSelect name="university" label="University" value={filters.university} options={universities.map((o) => [o.id, o.name])} all="Any university" />
          <div className="sm:col-span-3 lg:col-span-6">
            <button type="submit" className="btn btn-secondary">
              Filter
            </button>
          </div>
        </Form>
        {cases.length === 0 ? (
          <p className="card">No cases match.</p>
        ) : (
          <div className="relative overflow-x-auto" role="region" aria-label="Cases" tabIndex={0}>
            <table className="data-table">
              <caption className="sr-only">Shortfall cases, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Severity</th>
                  <th scope="col">Status</th>
                  <th scope="col">Students</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">Opened</th>
                </tr>
              </thead>
              <tbody>
                {cases.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <Link to={`/facilitator/cases/${item.id}`}>{item.title}</Link>
                    </td>
                    <td>{CASE_KIND_LABELS[item.kind]}</td>
                    <td>{CASE_SEVERITY_LABELS[item.severity]}</td>
                    <td>{CASE_STATUS_LABELS[item.status]}</td>
                    <td>{item.studentsAffected}</td>
                    <td>{item.ownerName ?? "Unassigned"}</td>
                    <td>{item.dueOn ? formatDate(item.dueOn) : "—"}</td>
                    <td>{formatDate(item.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination window={window} pathname={pathname} filters={filters} label="Cases pages" noun="case" />
      </section>
    </>
  );
}

function FilterSelect({ name, label, value, options, all }: { name: string; label: string; value?: string; options: [string, string][]; all: string }) {
  return (
    <div>
      <label htmlFor={`filter-${name}`} className="field-label">
        {label}
      </label>
      <select id={`filter-${name}`} name={name} defaultValue={value ?? ""} className="field-input">
        <option value="">{all}</option>
        {options.map(([key, text]) => (
          <option key={key} value={key}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Shortfall cases · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
