import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration } from "@remix-run/react";
import stylesheet from "../styles/app.css?url";
import { csrfTokenFor } from "./accounts/csrf.server";
import { getSession } from "./accounts/guards.server";
import { GeneralErrorBoundary } from "./components/error-boundary";
import { FlashBanner } from "./components/flash-banner";
import { usePlainLinkNavigation } from "./components/plain-link";
import { useNonce } from "./components/nonce";
import { RealtimeProvider } from "./components/realtime";
import { RequestReferenceMeta } from "./components/request-reference";
import { useRootData, type RootData } from "./components/root-data";
import { SiteHeader } from "./components/site-header";
import { countUnread } from "./notifications/inbox.server";
import { takeFlash } from "./platform/flash.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesheet }];

export const meta: MetaFunction = () => [{ title: "Placement Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const { flash, headers } = await takeFlash(request);
  return data<RootData>(
    {
      user: session?.user ?? null,
      csrfToken: session ? csrfTokenFor(session.sessionId) : null,
      unreadCount: session ? await countUnread(session.user.id) : 0,
      flash,
    },
    { headers: headers ?? undefined },
  );
}

export function Layout({ children }: { children: React.ReactNode }) {
  const nonce = useNonce();
  const data = useRootData();
  return (
    <html lang="en-GB" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <RequestReferenceMeta />
        <Links />
      </head>
      <body className="flex min-h-full flex-col font-sans">
        <a
          href="#main-content"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:bg-nhs-yellow focus:p-2 focus:text-nhs-text"
        >
          Skip to main content
        </a>
        <RealtimeProvider signedIn={Boolean(data?.user)}>
          <SiteHeader user={data?.user ?? null} unreadCount={data?.unreadCount ?? 0} />
          <main id="main-content" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8" tabIndex={-1}>
            <FlashBanner flash={data?.flash ?? null} />
            {children}
          </main>
        </RealtimeProvider>
        <footer className="border-t-4 border-nhs-blue bg-nhs-grey-4 py-6 text-sm text-nhs-grey-1">
          <div className="mx-auto max-w-6xl px-4">
            AHP Learning Placement Exchange: fair practice placements for Allied Health Professions students.
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  usePlainLinkNavigation();
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
