import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GroupedBarChart } from "~/components/charts/grouped-bars";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { fundingUnitWord } from "~/funding/award-delivery-row";
import { providerAwards } from "~/funding/funding.server";
import { refusalReply } from "~/platform/refusal-reply.server";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { AwardsTable } from "./funding.shared/delivery-tables";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  try {
    return { awards: await providerAwards(user) };
  } catch (error) {
    throw refusalReply(error);
  }
}

export default function ProviderFunding() {
  const { awards } = useLoaderData<typeof loader>();
  const title = "Committed and delivered by award, in each award's unit";
  return (
    <>
      <PageHeader title="Expansion funding" caption="Your awards" />
      <p className="mb-6 max-w-3xl">
        Each award funds placements over your baseline. Delivered counts your placed students (accepted by the university) in the award&apos;s profession, for blocks starting
        in its period. Behind means what has started so far, less the baseline pro rata, is below the commitment pro rata to the time gone.
      </p>
      {awards.length === 0 ? (
        <p className="card">Your organisation has no expansion funding awards.</p>
      ) : (
        <>
          <GroupedBarChart
            title={title}
            summary={awards.map(({ award, delivery }) => `${PROFESSION_LABELS[award.profession]}: committed ${award.committed} ${fundingUnitWord(award.unit)}, delivered ${delivery.delivered}`).join("; ") + "."}
            series={[
              { key: "committed", label: "Committed", colour: "#005eb8" },
              { key: "delivered", label: "Additional secured", colour: "#007f3b" },
            ]}
            groups={awards.map(({ award, delivery, programmeName }) => ({
              // The awards count in different units on one axis, so each bar's label says which.
              label: `${PROFESSION_LABELS[award.profession]} (${fundingUnitWord(award.unit)}), ${programmeName}`,
              values: { committed: award.committed, delivered: delivery.delivered },
            }))}
          />
          <AwardsTable rows={awards} caption="Your expansion funding awards" showProvider={false} />
        </>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Expansion funding · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
