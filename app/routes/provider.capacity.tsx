import { optionalParam } from "~/platform/form-fields";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireRole } from "~/accounts/guards.server";
import { CapacityTimelineChart, CapacityTimelineLegend } from "~/components/charts/capacity-timeline";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { ScrollTable } from "~/components/scroll-table";
import { GRANULARITIES } from "~/fair-share/capacity-timeline";
import { formatRatio, RCSLT_WEEKS_PER_WTE } from "~/fair-share/fair-share";
import { currentAcademicYear, formatAcademicYear } from "~/vocabulary/academic-year";
import { PROFESSION_LABELS } from "~/vocabulary/roles";
import { formatNumber } from "~/vocabulary/labels";
import { getProviderCapacity } from "~/fair-share/provider-capacity.server";
import { BandTag } from "./provider.shared/tags";

const CapacityParamsSchema = z.object({
  year: optionalParam(z.coerce.number().int().min(2000).max(2100)),
  view: optionalParam(z.enum(GRANULARITIES)),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, "EDUCATOR");
  const params = CapacityParamsSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const thisYear = currentAcademicYear();
  const year = params.year ?? thisYear;
  const view = params.view ?? "month";
  const capacity = await getProviderCapacity(user, year, view);
  const years = [...new Set([thisYear - 3, thisYear - 2, thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year])].sort((a, b) => a - b);
  return { ...capacity, year, view, years };
}

const formatWte = (value: number) => formatNumber(value, 2);
const perWte = (value: number | null) => (value === null ? "—" : value.toFixed(2));

export default function ProviderCapacity() {
  const { organisation, timeline, rows, summary, bands, workforce, year, view, years } = useLoaderData<typeof loader>();
  const academicYear = formatAcademicYear(year);
  const hasSlt = rows.some((row) => row.profession === "SLT");
  return (
    <>
      <PageHeader title="Capacity and fair share" caption={organisation.name} />
      <Form method="get" className="card mb-8 flex flex-wrap items-end gap-4" aria-label="Choose the year and view">
        <div>
          <label htmlFor="year" className="field-label">
            Academic year
          </label>
          <select id="year" name="year" defaultValue={String(year)} className="field-input">
            {years.map((option) => (
              <option key={option} value={option}>
                {formatAcademicYear(option)} (Sep–Aug)
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="view" className="field-label">
            Show slots
          </label>
          <select id="view" name="view" defaultValue={view} className="field-input">
            <option value="month">By month</option>
            <option value="week">By week</option>
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Show
        </button>
      </Form>

      <section aria-labelledby="fair-share-heading" className="mb-10">
        <h2 id="fair-share-heading">Fair share in {academicYear}</h2>
        <div className="mb-6 grid gap-4 sm:grid-cols-3">
          <Figure label="Your fair share" value={String(summary.fairShare)} detail="students, all professions" />
          <Figure label="You offered" value={String(summary.offered)} detail={`slots in published offers starting in ${academicYear}`} />
          <div className="card">
            <p className="text-nhs-grey-1">Offered ÷ fair share</p>
            <p className="text-4xl font-bold">{formatRatio(summary.ratio)}</p>
            <BandTag band={summary.band} />
          </div>
        </div>
        {rows.length === 0 ? (
          <p className="card">
            There are no workforce figures or published offers for {academicYear}. Workforce figures are kept on your{" "}
            <Link to={`/organisations/${organisation.id}`}>organisation&apos;s record</Link> by an administrator.
          </p>
        ) : (
          <ScrollTable label={`Fair share by profession in ${academicYear}, scrollable`}>
            <table className="data-table">
              <caption className="sr-only">Workforce, demand, fair share and provision by profession in {academicYear}</caption>
              <thead>
                <tr>
                  <th scope="col">Profession</th>
                  <th scope="col" className="text-right">
                    Your WTE
                  </th>
                  <th scope="col" className="text-right">
                    Region WTE
                  </th>
                  <th scope="col" className="text-right">
                    Students requested in region
                  </th>
                  <th scope="col" className="text-right">
                    Fair share
                  </th>
                  <th scope="col" className="text-right">
                    Offered
                  </th>
                  <th scope="col">Offered ÷ fair share</th>
                  <th scope="col">Under way: held, confirmed, accepted, named</th>
                  <th scope="col" className="text-right">
                    Hosted (completed)
                  </th>
                  <th scope="col">Hosted ÷ fair share</th>
                  <th scope="col" className="text-right">
                    Weeks per WTE offered
                  </th>
                  <th scope="col" className="text-right">
                    Weeks per WTE hosted
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.profession}>
                    <th scope="row">{PROFESSION_LABELS[row.profession]}</th>
                    <td className="text-right">{formatWte(row.wte)}</td>
                    <td className="text-right">{formatWte(row.regionWte)}</td>
                    <td className="text-right">{row.demand}</td>
                    <td className="text-right font-bold">{row.fairShare}</td>
                    <td className="text-right">{row.offered}</td>
                    <td>
                      <span className="mr-2 font-bold">{formatRatio(row.offeredRatio)}</span>
                      <BandTag band={row.offeredBand} />
                    </td>
                    <td className="whitespace-nowrap">
                      {`${row.stages.PROPOSED} held · ${row.stages.CONFIRMED} confirmed · ${row.stages.ACCEPTED} accepted · ${row.stages.STUDENTS_NAMED} named`}
                    </td>
                    <td className="text-right">{row.hosted}</td>
                    <td>
                      <span className="mr-2 font-bold">{formatRatio(row.hostedRatio)}</span>
                      <BandTag band={row.hostedBand} />
                    </td>
                    <td className="text-right">{perWte(row.offeredWeeksPerWte)}</td>
                    <td className="text-right">{perWte(row.hostedWeeksPerWte)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
        <details className="card">
          <summary className="cursor-pointer font-bold text-nhs-blue">How these figures are worked out</summary>
          <ul className="mt-4 list-disc space-y-2 pl-5">
            <li>
              <strong>Demand</strong> is the students that universities in {organisation.regionName} have asked to place in the profession, in
              placement blocks starting in {academicYear} (cancelled requests are left out).
            </li>
            <li>
              <strong>Fair share</strong> = demand × your WTE ÷ all providers&apos; WTE in the region, in whole students: the students left over
              after rounding down go to the largest fractions (the largest-remainder method), so the region&apos;s shares add up to its demand.
            </li>
            <li>
              <strong>Offered</strong> counts the slots of your published offers starting in the year; <strong>hosted</strong> the students of completed
              placements whose block starts in the year. Placements under way are counted apart by stage: held by a proposal, confirmed by
              you, accepted by the university, students named.
            </li>
            <li>
              Bands: below {bands.red} is {" "}
              <strong>well below fair share</strong> (red), below {bands.amber} <strong>below fair share</strong> (amber), otherwise{" "}
              <strong>at or above</strong> (green). A dash means your fair share is 0, so there is nothing to compare.
            </li>
            <li>
              <strong>Weeks per WTE</strong>: slots × weeks of the offer windows, or students × weeks of their placement blocks, divided by your
              WTE in the profession.
              {hasSlt && ` The RCSLT asks for about ${RCSLT_WEEKS_PER_WTE} placement weeks per SLT WTE a year.`}
            </li>
          </ul>
        </details>
      </section>

      <section aria-labelledby="timeline-heading" className="mb-10">
        <h2 id="timeline-heading">Slots across {academicYear}</h2>
        <p className="mb-4 max-w-3xl">
          Slots in your published offers in each {view === "month" ? "month" : "week"}, and how many are taken by live allocations. An offer
          counts in every {view} its dates touch.
        </p>
        {timeline.professions.length === 0 ? (
          <p className="card">
            You have no published offers in {academicYear}. <Link to="/provider/offers/new">Post an offer</Link>
          </p>
        ) : (
          <>
            <CapacityTimelineLegend />
            <div className="grid gap-x-6 lg:grid-cols-2">
              {timeline.professions.map((profession) => (
                <CapacityTimelineChart
                  key={profession}
                  title={PROFESSION_LABELS[profession]}
                  buckets={timeline.buckets}
                  points={timeline.series[profession] ?? []}
                  peak={timeline.peak}
                  view={view}
                />
              ))}
            </div>
            <details className="card" open={view === "month"}>
              <summary className="cursor-pointer font-bold text-nhs-blue">Table view of the slots</summary>
              <ScrollTable label={`Slots by ${view}, scrollable`}>
                <table className="data-table mt-4">
                  <caption className="sr-only">
                    Slots offered and taken by {view} and profession, {academicYear}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{view === "month" ? "Month" : "Week"}</th>
                      {timeline.professions.map((profession) => (
                        <th key={profession} scope="col" className="text-right">
                          {PROFESSION_LABELS[profession]}: taken of offered
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {timeline.buckets.map((bucket, index) => (
                      <tr key={bucket.key}>
                        <th scope="row" className="whitespace-nowrap font-normal">
                          {bucket.label}
                        </th>
                        {timeline.professions.map((profession) => {
                          const point = timeline.series[profession]?.[index] ?? { offered: 0, taken: 0 };
                          return (
                            <td key={profession} className="text-right">
                              {point.offered === 0 ? "—" : `${point.taken} of ${point.offered}`}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            </details>
          </>
        )}
      </section>

      <section aria-labelledby="workforce-heading">
        <h2 id="workforce-heading">Your workforce in {academicYear}</h2>
        {workforce.length === 0 ? (
          <p className="card">No workforce figures have been recorded for {academicYear}.</p>
        ) : (
          <ScrollTable label="Workforce, scrollable">
            <table className="data-table max-w-xl">
              <caption className="sr-only">Registered whole-time equivalent staff by profession, {academicYear}</caption>
              <thead>
                <tr>
                  <th scope="col">Profession</th>
                  <th scope="col" className="text-right">
                    WTE
                  </th>
                </tr>
              </thead>
              <tbody>
                {workforce.map((row) => (
                  <tr key={row.profession}>
                    <th scope="row" className="font-normal">
                      {PROFESSION_LABELS[row.profession]}
                    </th>
                    <td className="text-right">{formatWte(row.wte)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
        )}
      </section>
    </>
  );
}

function Figure({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <div className="card">
      <p className="text-nhs-grey-1">{label}</p>
      <p className="text-4xl font-bold">{value}</p>
      <p className="text-sm text-nhs-grey-1">{detail}</p>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Capacity and fair share · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
