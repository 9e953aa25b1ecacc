import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireRole } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { RoleHome } from "~/components/role-home";
import { AttentionPanel } from "~/components/attention-panel";
import { requireProviderScope } from "~/marketplace/policy";
import { getHomeSummary, getProviderAttention } from "~/dashboards/home.server";
import { plural } from "~/vocabulary/labels";
import { formatRatio } from "~/fair-share/fair-share";
import { OFFER_LIST_STATUS_LABELS, OFFER_LIST_STATUSES } from "~/marketplace/offer-form";
import { currentAcademicYear, formatAcademicYear } from "~/vocabulary/academic-year";
import { getProviderSummary } from "~/fair-share/provider-capacity.server";
import { BandTag } from "./provider.shared/tags";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const year = currentAcademicYear();
  const providerId = requireProviderScope(user);
  const [home, summary, attention] = await Promise.all([getHomeSummary(user), getProviderSummary(user, year), getProviderAttention(providerId)]);
  return { scopeName: home.scopeName, summary, attention, year };
}

export default function ProviderHome() {
  const { scopeName, summary, attention, year } = useLoaderData<typeof loader>();
  const { counts, fairShare } = summary;
  return (
    <RoleHome
      title="Your placements"
      scopeName={scopeName}
      intro="Post placement capacity, confirm allocations and see how your organisation compares with its fair share."
    >
      <AttentionPanel
        items={[
          {
            title: "Proposals to confirm or decline",
            count: attention.proposed.allocations,
            detail: `${plural(attention.proposed.students, "student")} held until you answer`,
            to: "/provider/allocations?status=PROPOSED",
            linkLabel: attention.proposed.allocations === 0 ? "See your allocations" : "Confirm or decline",
            action: true,
          },
          {
            title: "Confirmed, waiting for the university",
            count: attention.confirmed.allocations,
            detail: plural(attention.confirmed.students, "student"),
            to: "/provider/allocations?status=CONFIRMED",
            linkLabel: "See confirmed allocations",
          },
          {
            title: "Students placed",
            count: attention.placed.students,
            detail: "Confirmed by you, whether or not the university has accepted yet",
            to: "/provider/allocations",
            linkLabel: "See all allocations",
          },
          {
            title: "Placements to mark completed",
            count: attention.toComplete,
            detail: "Their dates have ended",
            to: "/provider/allocations?status=STUDENTS_NAMED",
            linkLabel: "Mark them completed",
            action: true,
          },
          {
            title: "Audit actions due",
            count: attention.actionsOverdue + attention.actionsDueSoon,
            detail: `${attention.actionsOverdue} overdue, ${attention.actionsDueSoon} due within ${attention.noticeDays.actions} days`,
            to: "/provider/audits",
            linkLabel: "See the action plans",
            action: true,
          },
          {
            title: "Site audits to renew",
            count: attention.auditsDue,
            detail: `Expired or expiring within ${attention.noticeDays.audits} days`,
            to: "/provider/audits",
            linkLabel: "See the audits",
            action: true,
          },
        ]}
      />
      <section aria-labelledby="summary-heading" className="mb-8">
        <h2 id="summary-heading" className="sr-only">
          Summary
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
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
