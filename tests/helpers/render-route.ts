import { createElement, type ComponentType } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import type { RouteObject } from "react-router-dom";
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from "react-router-dom/server";

/**
 * Renders a route's page as the server would, from the data its loader answered (passed through
 * JSON as it travels to the browser), under a root route holding no signed-in user.
 */
export async function renderRoute(Component: ComponentType, loaderData: unknown, path = "/page"): Promise<string> {
  const data = JSON.parse(JSON.stringify(loaderData ?? null)) as Record<string, unknown> | null;
  const routes: RouteObject[] = [
    {
      id: "root",
      path: "/",
      loader: () => ({ user: null, csrfToken: "csrf", unreadCount: 0, flash: null }),
      children: [{ id: "page", path: path.slice(1), loader: () => data, Component }],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(`http://localhost${path}`));
  if (context instanceof Response) throw new Error(`The route answered ${context.status}`);
  const router = createStaticRouter(handler.dataRoutes, context);
  return renderToStaticMarkup(createElement(StaticRouterProvider, { router, context, hydrate: false }));
}
