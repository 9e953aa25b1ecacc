import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import vm from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PATCH_MARKER, patchRouterSource, restoreRouterSource } from "./patch-dependencies.mjs";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string; pathnameBase: string };
type RouterModule = { matchRoutes: (routes: Route[], location: string, basename?: string) => Match[] | null };

const require = createRequire(import.meta.url);
const installedFile = require.resolve("@remix-run/router/dist/router.cjs.js");
const installed = readFileSync(installedFile, "utf8");

function loadRouter(source: string): RouterModule {
  const module = { exports: {} as RouterModule };
  vm.runInThisContext(`(function (exports, module) {${source}\n})`)(module.exports, module);
  return module.exports;
}

const asInstalled = loadRouter(restoreRouterSource(installed));
const patched = loadRouter(patchRouterSource(restoreRouterSource(installed))!);
const summary = (matches: Match[] | null) =>
  matches?.map((match) => [match.route.id, match.params, match.pathname, match.pathnameBase]) ?? null;

const segment = fc.constantFrom("offers", "requests", "new", "edit", ":id", ":runId", ":slug?", "a.b", "x-y", "(z)", "$");
const routePath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/"));
const routeTree: fc.Arbitrary<Route[]> = fc.letrec<{ routes: Route[] }>((tie) => ({
  routes: fc.array(
    fc.oneof(
      { depthSize: "small" },
      routePath.map((path) => ({ path })),
      fc.constant({ index: true }),
      fc.record({ path: fc.oneof(routePath, fc.constant("*"), routePath.map((path) => `${path}/*`)), children: tie("routes") }),
    ),
    { maxLength: 5 },
  ) as fc.Arbitrary<Route[]>,
})).routes.map((routes) => {
  let next = 0;
  const withIds = (list: Route[]): Route[] =>
    list.map((route) => ({ ...route, id: `r${next++}`, children: route.children ? withIds(route.children) : undefined }));
  return [{ id: "root", path: "", children: withIds(routes) }];
});
const requestPath = fc
  .array(fc.constantFrom("offers", "requests", "new", "edit", "42", "a.b", "x-y", "(z)", "$", "OFFERS", "%2F", ""), { maxLength: 4 })
  .map((parts) => `/${parts.join("/")}`);

describe("route matching caches in @remix-run/router", () => {
  it("are applied to the installed server build", () => {
    expect(installed).toContain(PATCH_MARKER);
  });

  it("patches once, and leaves code without the expected anchors alone", () => {
    const source = restoreRouterSource(installed);
    expect(source).not.toContain(PATCH_MARKER);
    const once = patchRouterSource(source)!;
    expect(patchRouterSource(once)).toBe(once);
    expect(restoreRouterSource(once)).toBe(source);
    expect(patchRouterSource(source.replace("function compilePath(", "function compilePathRenamed("))).toBeNull();
  });

  it("match every path as the installed code does, with the same routes asked again and again", () => {
    fc.assert(
      fc.property(routeTree, fc.array(requestPath, { minLength: 1, maxLength: 8 }), (routes, paths) => {
        for (const path of [...paths, ...paths]) {
          expect(summary(patched.matchRoutes(routes, path))).toEqual(summary(asInstalled.matchRoutes(routes, path)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("rank again when routes are added to a tree already matched", () => {
    const routes: Route[] = [{ id: "root", path: "", children: [{ id: "any", path: ":slug" }] }];
    expect(summary(patched.matchRoutes(routes, "/offers"))?.at(-1)?.[0]).toBe("any");
    routes[0]!.children!.push({ id: "offers", path: "offers" });
    expect(summary(patched.matchRoutes(routes, "/offers"))?.at(-1)?.[0]).toBe("offers");
    expect(summary(patched.matchRoutes(routes, "/offers"))).toEqual(summary(asInstalled.matchRoutes(routes, "/offers")));
  });
});
