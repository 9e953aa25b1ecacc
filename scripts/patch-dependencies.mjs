// Applied after every install (package.json "postinstall"): small, checked edits to installed
// dependencies, each explained in docs/decisions/006-route-matching-caches.md.
//
// @remix-run/router 1.23 (server build, router.cjs.js): every matchRoutes call flattens and ranks
// the whole route tree again and compiles a new RegExp for every pattern it tries; a page request
// matches at least four times. The edit keeps the ranked branches per routes array and the
// compiled patterns per (pattern, caseSensitive, end). The browser bundle (router.js) is untouched.
//
// The edit is applied only to the version it was written for, and only where every anchor is
// found; otherwise the file is left as installed, a warning is printed and the portal runs slower.
// Running it twice changes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PATCH_MARKER = "/* placement-exchange: route matching caches */";
const ROUTER_VERSION = "1.23.3";

const matchRoutesBefore = `  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
`;
const matchRoutesAfter = `  let branches = rankedBranchesOf(routes);
`;
const compilePathBefore = "function compilePath(path, caseSensitive, end) {";
const compilePathAfter = `${PATCH_MARKER}
// Ranked branches are kept per routes array. The server never changes its routes after building
// them; the total route count is checked anyway, so routes added later (lazy discovery) re-rank.
const rankedBranchesByRoutes = new WeakMap();
function countRoutes(routes) {
  let count = routes.length;
  for (let route of routes) if (route.children) count += countRoutes(route.children);
  return count;
}
function rankedBranchesOf(routes) {
  let routeCount = countRoutes(routes);
  let cached = rankedBranchesByRoutes.get(routes);
  if (cached !== undefined && cached.routeCount === routeCount) return cached.branches;
  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
  rankedBranchesByRoutes.set(routes, { routeCount, branches });
  return branches;
}
// A compiled pattern depends only on its three arguments; callers only read it.
const compiledPaths = new Map();
const MAX_COMPILED_PATHS = 2000;
function compilePath(path, caseSensitive, end) {
  if (caseSensitive === void 0) caseSensitive = false;
  if (end === void 0) end = true;
  let key = (caseSensitive ? "c" : "i") + (end ? "e" : "p") + path;
  let compiled = compiledPaths.get(key);
  if (compiled === undefined) {
    compiled = compilePathUncached(path, caseSensitive, end);
    if (compiledPaths.size < MAX_COMPILED_PATHS) compiledPaths.set(key, compiled);
  }
  return compiled;
}
function compilePathUncached(path, caseSensitive, end) {`;

/** Returns the patched source, the source itself when already patched, or null when an anchor is missing. */
export function patchRouterSource(source) {
  if (source.includes(PATCH_MARKER)) return source;
  const once = (text, before) => text.indexOf(before) !== -1 && text.indexOf(before) === text.lastIndexOf(before);
  if (!once(source, matchRoutesBefore) || !once(source, compilePathBefore)) return null;
  return source.replace(matchRoutesBefore, matchRoutesAfter).replace(compilePathBefore, compilePathAfter);
}

/** The source as installed, from a patched one (tests compare the two). */
export function restoreRouterSource(source) {
  if (!source.includes(PATCH_MARKER)) return source;
  return source.replace(compilePathAfter, compilePathBefore).replace(matchRoutesAfter, matchRoutesBefore);
}

export function patchInstalledRouter(projectRoot) {
  const packageDir = path.join(projectRoot, "node_modules", "@remix-run", "router");
  let version;
  try {
    version = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")).version;
  } catch {
    return "@remix-run/router is not installed: nothing to patch";
  }
  if (version !== ROUTER_VERSION) {
    return `warning: @remix-run/router is ${version}, the route matching caches were written for ${ROUTER_VERSION}: left as installed (see docs/decisions/006-route-matching-caches.md)`;
  }
  const file = path.join(packageDir, "dist", "router.cjs.js");
  const source = readFileSync(file, "utf8");
  const patched = patchRouterSource(source);
  if (patched === null) return `warning: ${file} does not have the expected code: left as installed`;
  if (patched === source) return "@remix-run/router: route matching caches already applied";
  writeFileSync(file, patched);
  return "@remix-run/router: route matching caches applied";
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(patchInstalledRouter(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")));
}
