import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoleHome } from "~/components/role-home";
import { getHomeSummary } from "~/dashboards/home.server";
import { formatRatio } from "~/fair-share/fair-share";
import { OFFER_LIST_STATUS_LABELS, OFFER_LIST_STATUSES } from "~/marketplace/offer-form";
import { currentAcademicYear, formatAcademicYear } from "~/vocabulary/academic-year";
import { getProviderSummary } from "~/fair-share/provider-capacity.server";
import { BandTag } from "./provider.shared/tags";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const year = currentAcademicYear();
  const [home, summary] = await Promise.all([getHomeSummary(user), getProviderSummary(user, year)]);
  return { ...home, summary, year };
}

export default function ProviderHome() {
  const { scopeName, links, summary, year } = useLoaderData<typeof loader>();
  const { counts, awaitingConfirmation, fairShare } = summary;
  return (
    <RoleHome
      title="Your placements"
      scopeName={scopeName}
      intro="Post placement capacity, confirm allocations and see how your organisation compares with its fair share."
      links={links}
    >
      <section aria-labelledby="summary-heading" className="mb-8">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <div className="card">
            <h3>Offers</h3>
            <ul className="grid grid-cols-2 gap-2">
              {OFFER_LIST_STATUSES.map((status) => (
                <li key={status}>
                  <Link to={`/provider/offers?status=${status}`}>
                    <span className="block text-2xl font-bold">{counts[status]}</span>
                    {OFFER_LIST_STATUS_LABELS[status]}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
          <div className={`card ${awaitingConfirmation > 0 ? "border-l-8 border-l-nhs-amber" : ""}`}>
            <h3>Awaiting your confirmation</h3>
            <p className="text-4xl font-bold">{awaitingConfirmation}</p>
            <p>
              <Link to="/provider/allocations">
                {awaitingConfirmation === 0
                  ? "See your allocations"
                  : `Confirm or decline ${awaitingConfirmation === 1 ? "the allocation" : "the allocations"}`}
              </Link>
            </p>
          </div>
          <div className="card">
            <h3>Fair share {formatAcademicYear(year)}</h3>
            <p className="text-4xl font-bold">{formatRatio(fairShare.ratio)}</p>
            <p className="mb-2">
              {fairShare.offered} {fairShare.offered === 1 ? "slot" : "slots"} offered against a fair share of {fairShare.fairShare}
            </p>
            <BandTag band={fairShare.band} />
            <p className="mt-2">
              <Link to="/provider/capacity">See capacity and fair share</Link>
            </p>
          </div>
        </div>
      </section>
    </RoleHome>
  );
}

export const meta: MetaFunction = () => [{ title: "Your placements · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
