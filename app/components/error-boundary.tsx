import { isRouteErrorResponse, Link, useLocation, useRouteError } from "@remix-run/react";
import { useRequestReference } from "./request-reference";

const TITLES: Record<number, string> = {
  400: "We could not read that request",
  403: "You do not have access to this page",
  404: "Page not found",
  405: "That action is not available here",
  413: "That upload is too large",
  429: "Too many attempts",
};

/** One kind error page for every route: 4xx explain themselves, 5xx apologise and give a reference. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status < 500) {
    if (error.status === 404) return <PageNotFound message={ownMessage(error)} />;
    const title = TITLES[error.status] ?? "Something is not right";
    const detail = ownMessage(error);
    return (
      <div className="card">
        <h1>{title}</h1>
        {detail && <p className="mb-4">{detail}</p>}
        <p>
          <Link to="/">Go to your home page</Link>
        </p>
      </div>
    );
  }
  return <ServiceProblem />;
}

/**
 * A message our own code wrote for people. The router's messages for its own 4xx answers
 * ('Error: No route matches URL "..."') are for developers, and so is anything long.
 */
function ownMessage(error: { data: unknown }): string | null {
  const { data } = error;
  if (typeof data !== "string" || data.length === 0 || data.length >= 300 || data.startsWith("Error: ")) return null;
  return data;
}

function PageNotFound({ message }: { message: string | null }) {
  return (
    <div className="card">
      <h1>Page not found</h1>
      <p className="mb-4">
        {message && message !== "Not found" ? message : "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address."}
      </p>
      <p className="mb-4">It may have been removed, or you may have followed an old link.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </div>
  );
}

function ServiceProblem() {
  const reference = useRequestReference();
  // The reference names the request that rendered this document; after a move inside the app it would name the wrong one.
  const { key } = useLocation();
  const shown = key === "default" ? reference : undefined;
  return (
    <div className="card">
      <h1>Sorry, there is a problem with the service</h1>
      <p className="mb-4">Try again later. Nothing you had already saved has been lost.</p>
      {shown ? (
        <p className="mb-4">
          If it keeps happening, contact support and quote reference <strong data-testid="error-reference">{shown}</strong>.
        </p>
      ) : (
        <p className="mb-4">If it keeps happening, reload the page to get a reference to quote when you contact support.</p>
      )}
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </div>
  );
}
