// Remix's options, in one place: vite.config.ts hands this object to the Remix plugin, and the
// Remix CLI's own commands (`npx remix routes`) read this file directly.

/** @type {import("@remix-run/dev").VitePluginConfig} */
export default {
  appDirectory: "app",
  // Routes are the flat-routes convention over app/routes (Remix 2's default): `a.b.tsx` is /a/b,
  // `$id` a parameter, `_index` the index route, `[.csv]` a literal dot. A folder without a
  // route.tsx (provider.shared/, university.shared/…) holds modules its routes share, never routes.
  ignoredRouteFiles: ["**/*.test.ts", "**/*.server.test.ts"],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_singleFetch: true,
    v3_lazyRouteDiscovery: true,
    // Off: with it on, the routes must come from app/routes.ts through `flatRoutes()` of
    // @remix-run/fs-routes and the types of @remix-run/route-config, and neither package is a
    // dependency of this project. Turning it on means adding both and an app/routes.ts.
    v3_routeConfig: false,
  },
};
