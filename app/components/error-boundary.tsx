import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const TITLES: Record<number, string> = {
  400: "We could not read that request",
  403: "You do not have access to this page",
  404: "Page not found",
  405: "That action is not available here",
  413: "That upload is too large",
  429: "Too many attempts",
};

/** One kind error page for every route: 4xx explain themselves, 5xx apologise. */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    const title = TITLES[error.status] ?? (error.status >= 500 ? "Sorry, there is a problem with the service" : "Something is not right");
    const detail = typeof error.data === "string" && error.data.length < 300 ? error.data : null;
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
  return (
    <div className="card">
      <h1>Sorry, there is a problem with the service</h1>
      <p className="mb-4">Try again later. Nothing you had already saved has been lost.</p>
      <p>
        <Link to="/">Go to your home page</Link>
      </p>
    </div>
  );
}
