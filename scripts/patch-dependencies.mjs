// Applied after every install (package.json "postinstall"): small, checked edits to installed
// dependencies' server builds, each explained in docs/decisions/006-route-matching-caches.md.
//
// A page request matches its URL against the ~90 routes at least four times (server runtime, static
// handler, RemixServer, lazy route discovery), and RemixServer builds the whole route tree twice
// more for every render. The edits keep what depends only on the route tree:
// - @remix-run/router: ranked branches per routes array, compiled patterns per pattern, and the
//   matches of each path per routes array (callers get copies);
// - @remix-run/react: RemixServer's route objects per manifest;
// - react-router-dom/server: the static router's data routes per route array.
// Browser bundles are untouched by those three. One more edit, to @conform-to/react (both builds, so
// the browser's too), keeps a form field's metadata per form state instead of rebuilding it on
// every property read, and records no re-render subscriptions on the server; and two to @remix-run/server-runtime: a loader or action gets its request
// itself, rather than two fresh copies of it, when there is no routing parameter to strip, and the
// build's route modules are gathered once per build rather than for every page. One to turbo-stream (both
// builds) keeps the encoded text on the stream when nothing is deferred, so it need not be read back, and then
// @remix-run/server-runtime sets no timer for the encoding.
//
// Each edit applies only to the version it was written for, and only where every anchor occurs
// once; otherwise that file is left as installed, a warning is printed and the portal runs slower.
// Running it twice changes nothing.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const MARKER_PREFIX = "/* placement-exchange: ";
const marker = (name) => `${MARKER_PREFIX}${name} */`;

const ROUTER_MARKER = marker("route matching caches v4");
const routerEdits = [
  [
    "function matchRoutesImpl(routes, locationArg, basename, allowPartial) {",
    `${ROUTER_MARKER}
// The matches of a path depend only on the routes and the path: kept per routes array, and every
// caller gets its own copies (one params object shared by a branch's matches, as built).
const MAX_MATCHED_PATHS = 1000;
function matchRoutesImpl(routes, locationArg, basename, allowPartial) {
  let location = typeof locationArg === "string" ? parsePath(locationArg) : locationArg;
  let pathname = stripBasename(location.pathname || "/", basename);
  if (pathname == null) return null;
  let cache = routeCacheOf(routes);
  let key = (allowPartial ? "p" : "w") + pathname;
  let matches = cache.matchesByPath.get(key);
  if (matches === undefined) {
    matches = matchRoutesImplUncached(routes, locationArg, basename, allowPartial);
    if (cache.matchesByPath.size >= MAX_MATCHED_PATHS) cache.matchesByPath.clear();
    cache.matchesByPath.set(key, matches);
  }
  if (matches === null) return null;
  let params = matches.length > 0 ? { ...matches[0].params } : {};
  return matches.map((match) => ({ ...match, params }));
}
function matchRoutesImplUncached(routes, locationArg, basename, allowPartial) {`,
  ],
  [
    `  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
`,
    `  let branches = routeCacheOf(routes).branches;
`,
  ],
  [
    "function compilePath(path, caseSensitive, end) {",
    `// Ranked branches (and matched paths) are kept per routes array. The server never changes its
// routes after building them: lazy discovery adds routes only in the browser, whose bundle is the
// ES module build, not this file.
const routeCaches = new WeakMap();
function routeCacheOf(routes) {
  let cached = routeCaches.get(routes);
  if (cached !== undefined) return cached;
  let branches = flattenRoutes(routes);
  rankRouteBranches(branches);
  cached = { branches, matchesByPath: new Map() };
  routeCaches.set(routes, cached);
  return cached;
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
function compilePathUncached(path, caseSensitive, end) {`,
  ],
  [
    "function resolveTo(toArg, routePathnames, locationPathname, isPathRelative) {",
    `// Every <Link>, <Form> and useHref resolves its "to" against the route's pathnames and the
// location, two or three times a link: kept per string "to" and what it is resolved against (at
// most MAX_RESOLVED_TOS, then started afresh). Callers get their own copies.
const resolvedTos = new Map();
const MAX_RESOLVED_TOS = 2000;
function resolveTo(toArg, routePathnames, locationPathname, isPathRelative) {
  if (typeof toArg !== "string") return resolveToUncached(toArg, routePathnames, locationPathname, isPathRelative);
  // "to" and the location are length-prefixed; route pathnames come from URLs, which cannot hold a NUL.
  let key = (isPathRelative ? "r" : "p") + toArg.length + ":" + toArg + locationPathname.length + ":" + locationPathname + routePathnames.join("\\0");
  let path = resolvedTos.get(key);
  if (path === undefined) {
    path = resolveToUncached(toArg, routePathnames, locationPathname, isPathRelative);
    if (resolvedTos.size >= MAX_RESOLVED_TOS) resolvedTos.clear();
    resolvedTos.set(key, path);
  }
  return { ...path };
}
function resolveToUncached(toArg, routePathnames, locationPathname, isPathRelative) {`,
  ],
];

const REMIX_SERVER_MARKER = marker("server routes built once v2");
const remixServerEdits = [
  [
    "  let routes$1 = routes.createServerRoutes(manifest.routes, routeModules, context.future, context.isSpaMode);",
    "  let routes$1 = serverRoutesOf(manifest.routes, routeModules, context.future, context.isSpaMode);",
  ],
  [
    "function RemixServer({",
    `${REMIX_SERVER_MARKER}
// The route objects depend only on the build's manifest and modules, which a server keeps: built
// once per manifest instead of for every render (and the same array lets matching keep its caches).
// The server runtime may pass a new object of the same route modules with every request, so those
// are compared one by one.
const serverRoutesByManifest = new WeakMap();
function sameRouteModules(kept, given) {
  if (kept === given) return true;
  let ids = Object.keys(given);
  if (ids.length !== Object.keys(kept).length) return false;
  for (let id of ids) if (kept[id] !== given[id]) return false;
  return true;
}
function serverRoutesOf(manifestRoutes, routeModules, future, isSpaMode) {
  let routeCount = Object.keys(manifestRoutes).length;
  let cached = serverRoutesByManifest.get(manifestRoutes);
  if (cached !== undefined && cached.future === future && cached.isSpaMode === isSpaMode && cached.routeCount === routeCount && sameRouteModules(cached.routeModules, routeModules)) {
    return cached.routes;
  }
  let built = routes.createServerRoutes(manifestRoutes, routeModules, future, isSpaMode);
  serverRoutesByManifest.set(manifestRoutes, { routeModules, future, isSpaMode, routeCount, routes: built });
  return built;
}
function RemixServer({`,
  ],
];

const ENTRY_ROUTE_MODULES_MARKER = marker("entry route modules kept per build");
// The server runtime gathered the build's route modules into a new object (about ninety entries) for
// every page. They depend only on the build's routes, which a server keeps and nothing writes to: the
// object is kept per routes object, and RemixServer, given the same one each time, keeps its routes
// without comparing them module by module.
const entryRouteModulesEdits = [
  [
    "function createEntryRouteModules(manifest) {",
    `${ENTRY_ROUTE_MODULES_MARKER}
const entryRouteModulesByManifest = new WeakMap();
function createEntryRouteModules(manifest) {
  let kept = entryRouteModulesByManifest.get(manifest);
  if (kept === undefined) {
    kept = createEntryRouteModulesUncached(manifest);
    entryRouteModulesByManifest.set(manifest, kept);
  }
  return kept;
}
function createEntryRouteModulesUncached(manifest) {`,
  ],
];

const STATIC_ROUTER_MARKER = marker("static data routes built once");
const staticRouterEdits = [
  [
    `  let manifest = {};
  let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);
`,
    `  let {
    manifest,
    dataRoutes
  } = dataRoutesOf(routes);
`,
  ],
  [
    "function createStaticRouter(routes, context, opts = {}) {",
    `${STATIC_ROUTER_MARKER}
// Data routes depend only on the routes given, which the server passes unchanged from render to
// render: converted once per routes array. The static router only reads them.
const dataRoutesByRoutes = new WeakMap();
function dataRoutesOf(routes) {
  let cached = dataRoutesByRoutes.get(routes);
  if (cached === undefined) {
    let manifest = {};
    let dataRoutes = router.UNSAFE_convertRoutesToDataRoutes(routes, reactRouter.UNSAFE_mapRouteProperties, undefined, manifest);
    cached = { manifest, dataRoutes };
    dataRoutesByRoutes.set(routes, cached);
  }
  return cached;
}
function createStaticRouter(routes, context, opts = {}) {`,
  ],
];

const LOADER_REQUEST_MARKER = marker("loader requests copied only to strip a parameter");
// Every loader (root and page, so two a page) and action got its request through stripIndexParam and
// stripRoutesParam (or stripDataParam), each a new Request even when the URL has no such parameter:
// four Fetch Requests, with their AbortSignals and copied headers, for a page with two loaders. Now the
// request itself is passed on when the parameter is absent; the URL, method, headers, body and signal
// it carries are the ones the copy would have carried.
const stripEdit = (name, parameter, withMarker) => [
  `function ${name}(request) {
  let url = new URL(request.url);
`,
  `${withMarker ? `${LOADER_REQUEST_MARKER}\n` : ""}function ${name}(request) {
  let url = new URL(request.url);
  if (!url.searchParams.has("${parameter}")) return request;
`,
];
const loaderRequestEdits = [stripEdit("stripIndexParam", "index", true), stripEdit("stripDataParam", "_data", false), stripEdit("stripRoutesParam", "_routes", false)];

const ENCODING_TIMER_MARKER = marker("data encoding timed only when something is deferred");
// Remix gives every encoding of loader data a 5 s timer (and a listener on the request's signal to clear it) so that
// deferred values still pending are rejected in time. With nothing deferred the encoding is finished when the stream
// is made, yet the timer stayed pending for 5 s per page and then built an Error, stack and all, to abort nothing.
// Now the timer and the listener are set only when the encoder kept no whole text (turbo-stream edit below), i.e.
// when something was deferred; they are set in the same turn as before, before any deferred value can settle.
const encodingTimerEdits = (encodeCall) => [
  [
    `  let timeoutId = setTimeout(() => controller.abort(new Error("Server Timeout")), typeof streamTimeout === "number" ? streamTimeout : 4950);
  requestSignal.addEventListener("abort", () => clearTimeout(timeoutId));
  return ${encodeCall}(data, {`,
    `  ${ENCODING_TIMER_MARKER}
  let stream = ${encodeCall}(data, {`,
  ],
  [
    `    }, () => ["SingleFetchFallback"]]
  });
}`,
    `    }, () => ["SingleFetchFallback"]]
  });
  if (stream.wholeText === undefined) {
    let timeoutId = setTimeout(() => controller.abort(new Error("Server Timeout")), typeof streamTimeout === "number" ? streamTimeout : 4950);
    requestSignal.addEventListener("abort", () => clearTimeout(timeoutId));
  }
  return stream;
}`,
  ],
];

const FIELD_METADATA_MARKER = marker("field metadata kept per form state v3");
// Every property read of a conform field or form ("field.id", "field.errors", each constraint that
// getInputProps reads: ~20 a text field) built the whole metadata object and a Proxy over it anew.
// What it builds depends only on the form's state object and form id at that moment, so one is kept
// per field (and per form) until either changes; the reads themselves (and their re-render
// subscriptions) are unchanged. On the server, where nothing re-renders, the subscriptions are not recorded at all
// (each read copied the subscription object).
const KEPT_METADATA_VARIABLES = "  var keptMetadata, keptState, keptFormId;";
const keptMetadata = (build) => `      var currentState = context.getState();
      var currentFormId = context.getFormId();
      if (keptMetadata === undefined || keptState !== currentState || keptFormId !== currentFormId) {
        keptMetadata = ${build};
        keptState = currentState;
        keptFormId = currentFormId;
      }
      var metadata = keptMetadata;`;
const fieldMetadataFileEdits = (nameLine) => [
  [
    "function updateSubjectRef(ref, subject, scope, name) {\n",
    "function updateSubjectRef(ref, subject, scope, name) {\n  if (typeof window === 'undefined') return;\n",
  ],
  [
    `${nameLine}
  return new Proxy({}, {`,
    `${nameLine}
${KEPT_METADATA_VARIABLES}
  return new Proxy({}, {`,
  ],
  [
    `    get(_, key, receiver) {
      var _state$constraint$nam;
      var metadata = getMetadata(context, subjectRef, stateSnapshot, name);`,
    `    get(_, key, receiver) {
      var _state$constraint$nam;
      ${FIELD_METADATA_MARKER}
${keptMetadata("getMetadata(context, subjectRef, stateSnapshot, name)")}`,
  ],
  [
    `function getFormMetadata(context, subjectRef, stateSnapshot, noValidate) {
  return new Proxy({}, {
    get(_, key, receiver) {
      var metadata = getMetadata(context, subjectRef, stateSnapshot);`,
    `function getFormMetadata(context, subjectRef, stateSnapshot, noValidate) {
${KEPT_METADATA_VARIABLES}
  return new Proxy({}, {
    get(_, key, receiver) {
${keptMetadata("getMetadata(context, subjectRef, stateSnapshot)")}`,
  ],
];
const WHOLE_TEXT_MARKER = marker("encoded text kept when nothing is deferred");
// Remix hands a page's loader data to its render as a turbo-stream: text encoded into bytes, queued in a
// ReadableStream, read back and decoded before the render (no page defers any data). When nothing is
// deferred the whole text is known as soon as the stream is made; it is kept on the stream as
// \`wholeText\`, so the page's render takes it from there (app/entry.server.tsx). The stream is unchanged.
const wholeTextEdits = (indent, firstChunkLine) => [
  [`${indent}const readable = new ReadableStream({`, `${indent}${WHOLE_TEXT_MARKER}\n${indent}let firstChunk;\n${indent}const readable = new ReadableStream({`],
  [firstChunkLine, firstChunkLine.replace("textEncoder.encode(`[", "textEncoder.encode(firstChunk = `[")],
  [
    `${indent}return readable;\n}`,
    `${indent}if (firstChunk !== undefined && Object.keys(encoder.deferred).length === 0) readable.wholeText = firstChunk;\n${indent}return readable;\n}`,
  ],
];

export const DEPENDENCY_PATCHES = [
  { name: "route matching caches", packageName: "@remix-run/router", version: "1.23.3", file: "dist/router.cjs.js", marker: ROUTER_MARKER, edits: routerEdits },
  { name: "server routes built once", packageName: "@remix-run/react", version: "2.17.5", file: "dist/server.js", marker: REMIX_SERVER_MARKER, edits: remixServerEdits },
  { name: "static data routes built once", packageName: "react-router-dom", version: "6.30.4", file: "server.js", marker: STATIC_ROUTER_MARKER, edits: staticRouterEdits },
  { name: "loader requests copied only to strip a parameter", packageName: "@remix-run/server-runtime", version: "2.17.5", file: "dist/data.js", marker: LOADER_REQUEST_MARKER, edits: loaderRequestEdits },
  {
    name: "loader requests copied only to strip a parameter (ES module)",
    packageName: "@remix-run/server-runtime",
    version: "2.17.5",
    file: "dist/esm/data.js",
    marker: LOADER_REQUEST_MARKER,
    edits: loaderRequestEdits,
  },
  {
    name: "entry route modules kept per build",
    packageName: "@remix-run/server-runtime",
    version: "2.17.5",
    file: "dist/entry.js",
    marker: ENTRY_ROUTE_MODULES_MARKER,
    edits: entryRouteModulesEdits,
  },
  {
    name: "entry route modules kept per build (ES module)",
    packageName: "@remix-run/server-runtime",
    version: "2.17.5",
    file: "dist/esm/entry.js",
    marker: ENTRY_ROUTE_MODULES_MARKER,
    edits: entryRouteModulesEdits,
  },
  {
    name: "field metadata kept per form state",
    packageName: "@conform-to/react",
    version: "1.21.1",
    file: "dist/context.mjs",
    marker: FIELD_METADATA_MARKER,
    edits: fieldMetadataFileEdits("  var name = typeof key === 'undefined' ? prefix : formatPaths([...getPaths(prefix), key]);"),
  },
  {
    name: "field metadata kept per form state (CommonJS)",
    packageName: "@conform-to/react",
    version: "1.21.1",
    file: "dist/context.js",
    marker: FIELD_METADATA_MARKER,
    edits: fieldMetadataFileEdits("  var name = typeof key === 'undefined' ? prefix : dom.formatPaths([...dom.getPaths(prefix), key]);"),
  },
  {
    name: "data encoding timed only when something is deferred",
    packageName: "@remix-run/server-runtime",
    version: "2.17.5",
    file: "dist/single-fetch.js",
    marker: ENCODING_TIMER_MARKER,
    edits: encodingTimerEdits("turboStream.encode"),
  },
  {
    name: "data encoding timed only when something is deferred (ES module)",
    packageName: "@remix-run/server-runtime",
    version: "2.17.5",
    file: "dist/esm/single-fetch.js",
    marker: ENCODING_TIMER_MARKER,
    edits: encodingTimerEdits("encode"),
  },
  {
    name: "encoded text kept when nothing is deferred",
    packageName: "turbo-stream",
    version: "2.4.1",
    file: "dist/turbo-stream.js",
    marker: WHOLE_TEXT_MARKER,
    edits: wholeTextEdits("    ", "                controller.enqueue(textEncoder.encode(`[${encoder.stringified.join(\",\")}]\\n`));"),
  },
  {
    name: "encoded text kept when nothing is deferred (ES module)",
    packageName: "turbo-stream",
    version: "2.4.1",
    file: "dist/turbo-stream.mjs",
    marker: WHOLE_TEXT_MARKER,
    edits: wholeTextEdits("  ", "          textEncoder.encode(`[${encoder.stringified.join(\",\")}]\n`)"),
  },
];

const occursOnce = (text, part) => text.indexOf(part) !== -1 && text.indexOf(part) === text.lastIndexOf(part);

/** Returns the patched source, the source itself when already patched, or null when an anchor is missing. */
export function patchSource(patch, source) {
  if (source.includes(patch.marker)) return source;
  // An earlier version of an edit: patching over it would apply parts twice. A fresh install fixes it.
  if (source.includes(MARKER_PREFIX)) return null;
  if (!patch.edits.every(([before]) => occursOnce(source, before))) return null;
  return patch.edits.reduce((text, [before, after]) => text.replace(before, () => after), source);
}

/** The source as installed, from a patched one (tests compare the two). */
export function restoreSource(patch, source) {
  if (!source.includes(patch.marker)) return source;
  return [...patch.edits].reverse().reduce((text, [before, after]) => text.replace(after, () => before), source);
}

function applyPatch(projectRoot, patch) {
  const packageDir = path.join(projectRoot, "node_modules", ...patch.packageName.split("/"));
  let version;
  try {
    version = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")).version;
  } catch {
    return `${patch.packageName} is not installed: nothing to patch`;
  }
  if (version !== patch.version) {
    return `warning: ${patch.packageName} is ${version}, "${patch.name}" was written for ${patch.version}: left as installed (see docs/decisions/006-route-matching-caches.md)`;
  }
  const file = path.join(packageDir, patch.file);
  const source = readFileSync(file, "utf8");
  const patched = patchSource(patch, source);
  if (patched === null) return `warning: ${file} does not have the expected code: "${patch.name}" left out`;
  if (patched === source) return `${patch.packageName}: ${patch.name} already applied`;
  writeFileSync(file, patched);
  return `${patch.packageName}: ${patch.name} applied`;
}

export function patchInstalledDependencies(projectRoot) {
  return DEPENDENCY_PATCHES.map((patch) => applyPatch(projectRoot, patch));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of patchInstalledDependencies(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."))) console.log(line);
}
