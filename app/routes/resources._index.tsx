import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/accounts/guards.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { PageHeader } from "~/components/page-header";
import { Pagination } from "~/components/pagination";
import { listResources, parseResourceFilters, RESOURCE_CATEGORY_LABELS, type ResourceCategory } from "~/resources/resources.server";
import { canManageResources } from "~/resources/policy";
import { CATEGORY_OPTIONS } from "./resources.shared/resource-form";
import { plural } from "~/vocabulary/labels";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseResourceFilters(new URL(request.url).searchParams);
  const { resources, window } = await listResources(filters);
  return {
    resources: resources.map((resource) => ({
      id: resource.id,
      title: resource.title,
      summary: resource.summary,
      category: resource.category,
      categoryLabel: RESOURCE_CATEGORY_LABELS[resource.category as ResourceCategory] ?? resource.category,
      tags: resource.tags,
      hasLink: Boolean(resource.url),
      hasFile: Boolean(resource.fileName),
      comments: resource._count.comments,
    })),
    window,
    filters: { q: filters.q ?? "", category: filters.category ?? "", tag: filters.tag ?? "" },
    filtered: Boolean(filters.q || filters.category || filters.tag),
    canManage: canManageResources(user),
  };
}

export default function Resources() {
  const { resources, window, filters, filtered, canManage } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader
        title="Learning exchange"
        caption="Resources"
        actions={
          canManage ? (
            <Link to="/resources/new" className="btn">
              Add a resource
            </Link>
          ) : undefined
        }
      />
      <p className="mb-6 max-w-3xl">Policy and guidance, best practice, funding and placement resources shared across the region, each with its own discussion.</p>
      <Form method="get" className="card mb-6 flex flex-wrap items-end gap-4" aria-label="Search the library">
        <div>
          <label htmlFor="q" className="field-label">
            Search
          </label>
          <input id="q" name="q" type="search" defaultValue={filters.q} maxLength={100} className="field-input" />
        </div>
        <div>
          <label htmlFor="category" className="field-label">
            Category
          </label>
          <select id="category" name="category" defaultValue={filters.category} className="field-input">
            <option value="">All categories</option>
            {CATEGORY_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="tag" className="field-label">
            Tag
          </label>
          <input id="tag" name="tag" defaultValue={filters.tag} maxLength={40} className="field-input" />
        </div>
        <button type="submit" className="btn-secondary">
          Search
        </button>
      </Form>
      <p className="mb-4">
        {plural(window.total, "resource")}. Page {window.page} of {window.pageCount}.
      </p>
      {resources.length === 0 ? (
        <div className="card">
          {filtered ? (
            <p>
              No resources match these filters. <Link to="/resources">Show all resources</Link>
            </p>
          ) : (
            <>
              <p>There are no resources in the library yet.</p>
              {canManage && (
                <p className="mt-2">
                  <Link to="/resources/new">Add the first resource</Link>
                </p>
              )}
            </>
          )}
        </div>
      ) : (
        <ul className="mb-6 list-none space-y-4 p-0">
          {resources.map((resource) => (
            <li key={resource.id} className="card">
              <h2 className="mb-1 text-xl">
                <Link to={`/resources/${resource.id}`}>{resource.title}</Link>
              </h2>
              <p className="mb-2 text-sm text-nhs-grey-1">
                {resource.categoryLabel}
                {resource.hasFile ? " · file" : ""}
                {resource.hasLink ? " · link" : ""} · {plural(resource.comments, "comment")}
              </p>
              <p className="mb-2">{resource.summary}</p>
              {resource.tags.length > 0 && (
                <p className="text-sm">
                  Tags:{" "}
                  {resource.tags.map((tag, index) => (
                    <span key={tag}>
                      {index > 0 ? ", " : ""}
                      <Link to={`/resources?tag=${encodeURIComponent(tag)}`}>{tag}</Link>
                    </span>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pagination window={window} pathname="/resources" filters={filters} label="Resource pages" noun="resource" />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Learning exchange · Placement Exchange" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
