import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireRole, requireUserForm } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { ProgrammeFormSchema } from "~/funding/funding-forms";
import { formatPence } from "~/funding/funding-rules";
import { createProgramme, listProgrammes } from "~/funding/funding.server";
import { canRecordFunding } from "~/funding/policy";
import { redirectWithFlash } from "~/platform/flash.server";
import { submitIntent } from "~/platform/form-submission.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { formatDateRange, plural } from "~/vocabulary/labels";
import { ProgrammeForm } from "./funding.shared/funding-forms";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR", "ADMIN");
  try {
    return { programmes: await listProgrammes(user), canCreate: canRecordFunding(user), showRegion: user.role === "ADMIN" };
  } catch (error) {
    throw refusalReply(error);
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, form } = await requireUserForm(request, "FACILITATOR");
  return submitIntent(form, "create", ProgrammeFormSchema, async (value) => {
    const created = await createProgramme(user, value);
    return redirectWithFlash(`/facilitator/funding/${created.id}`, `The programme ${value.name} has been recorded.`);
  });
}

export default function FundingProgrammes() {
  const { programmes, canCreate, showRegion } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  return (
    <>
      <PageHeader title="Expansion funding" caption="Funding programmes" />
      <p className="mb-6 max-w-3xl">
        Programmes fund providers to create placement capacity over their baseline. Open a programme to see what its awards have delivered, counted from the placements
        accepted in the portal.
      </p>
      {programmes.length === 0 ? (
        <p className="card mb-8">No funding programmes yet.</p>
      ) : (
        <ScrollTable label="Funding programmes: table">
          <table className="data-table">
            <caption className="sr-only">Funding programmes, newest period first</caption>
            <thead>
              <tr>
                <th scope="col">Programme</th>
                {showRegion && <th scope="col">Region</th>}
                <th scope="col">Period</th>
                <th scope="col" className="text-right">Amount</th>
                <th scope="col" className="text-right">Awarded</th>
                <th scope="col">Awards</th>
              </tr>
            </thead>
            <tbody>
              {programmes.map((programme) => (
                <tr key={programme.id}>
                  <th scope="row" className="font-normal">
                    <Link to={`/facilitator/funding/${programme.id}`}>{programme.name}</Link>
                  </th>
                  {showRegion && <td>{programme.regionName}</td>}
                  <td>{formatDateRange(programme.periodStart, programme.periodEnd)}</td>
                  <td className="text-right">{formatPence(programme.amountPence)}</td>
                  <td className="text-right">{formatPence(programme.awardedPence)}</td>
                  <td>{plural(programme.awardCount, "award")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      )}
      {canCreate && (
        <section aria-labelledby="new-programme-heading" className="max-w-3xl">
          <h2 id="new-programme-heading">Record a funding programme</h2>
          <ProgrammeForm id="create-programme" intent="create" lastResult={actionData?.result} submitLabel="Record the programme" />
        </section>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Expansion funding · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
