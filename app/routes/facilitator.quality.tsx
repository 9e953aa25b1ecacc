import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/accounts/guards.server";
import { facilitatedRegionOf } from "~/accounts/policy";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { ScrollTable } from "~/components/scroll-table";
import { pageWindow } from "~/platform/paging";
import { ANONYMITY_THRESHOLD, QUALITY_FLAG_LABELS, QUALITY_FLAGS } from "~/quality/quality-rules";
import { listRegionQuality } from "~/quality/quality.server";
import { getSettings } from "~/settings/settings.server";
import { plural } from "~/vocabulary/labels";

const QualityParamsSchema = z.object({
  flag: z.enum(QUALITY_FLAGS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "FACILITATOR");
  const regionId = facilitatedRegionOf(user);
  if (!regionId) throw new Response("You are not assigned to a region.", { status: 403 });
  const params = QualityParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const settings = await getSettings();
  const quality = await listRegionQuality(regionId, new Date(), settings, params.flag);
  const window = pageWindow(quality.providers.length, params.page ?? 1);
  return {
    ...quality,
    providers: quality.providers.slice(window.skip, window.skip + window.take),
    shown: quality.providers.length,
    window,
    flag: params.flag ?? null,
  };
}

export default function FacilitatorQuality() {
  const { providers, counts, providersFlagged, totalProviders, shown, window, flag } = useLoaderData<typeof loader>();
  const filters = flag ? { flag } : {};
  return (
    <>
      <PageHeader title="Placement quality" caption="Providers in your region" />
      <p className="mb-4">
        {providersFlagged} of {plural(totalProviders, "provider")} {providersFlagged === 1 ? "has" : "have"} at least one quality flag.
      </p>
      <ul className="mb-6 grid gap-4 sm:grid-cols-5" aria-label="Flags in the region">
        {QUALITY_FLAGS.map((name) => (
          <li key={name} className="card">
            <p className="text-3xl font-bold">{counts[name]}</p>
            <p>{QUALITY_FLAG_LABELS[name]}</p>
          </li>
        ))}
      </ul>
      <Form method="get" className="card mb-6 flex flex-wrap items-end gap-4" aria-label="Filter providers">
        <div>
          <label htmlFor="flag" className="field-label">
            Flag
          </label>
          <select id="flag" name="flag" defaultValue={flag ?? ""} className="field-input">
            <option value="">Any flag</option>
            {QUALITY_FLAGS.map((name) => (
              <option key={name} value={name}>
                {QUALITY_FLAG_LABELS[name]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Show
        </button>
      </Form>
      <p className="mb-2">
        {plural(shown, "provider")}, worst first.
      </p>
      <ScrollTable label="Providers and their quality flags, scrollable">
        <table className="data-table">
          <caption className="sr-only">Providers with their quality flags and average student feedback</caption>
          <thead>
            <tr>
              <th scope="col">Provider</th>
              <th scope="col">Flags</th>
              <th scope="col" className="text-right">
                Responses
              </th>
              <th scope="col" className="text-right">
                Overall
              </th>
              <th scope="col" className="text-right">
                Induction
              </th>
              <th scope="col" className="text-right">
                Supervision
              </th>
              <th scope="col" className="text-right">
                Learning
              </th>
            </tr>
          </thead>
          <tbody>
            {providers.map((provider) => (
              <tr key={provider.id}>
                <th scope="row">{provider.name}</th>
                <td>
                  {provider.flags.length === 0 ? (
                    "None"
                  ) : (
                    <ul>
                      {provider.flags.map((f) => (
                        <li key={`${f.siteId}:${f.flag}`}>
                          <strong>{QUALITY_FLAG_LABELS[f.flag]}</strong>: {f.siteName}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
                <td className="text-right">{provider.feedback.count}</td>
                <td className="text-right">{provider.feedback.overall ?? "—"}</td>
                <td className="text-right">{provider.feedback.induction ?? "—"}</td>
                <td className="text-right">{provider.feedback.supervision ?? "—"}</td>
                <td className="text-right">{provider.feedback.learning ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
      <p className="field-hint">Average ratings are shown once {ANONYMITY_THRESHOLD} students have answered, so no one can be identified: until then, only the count.</p>
      <Pagination window={window} pathname="/facilitator/quality" filters={filters} label="Providers pages" noun="provider" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Placement quality · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
