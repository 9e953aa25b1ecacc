import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import vm from "node:vm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEPENDENCY_PATCHES, patchSource, restoreSource } from "./patch-dependencies.mjs";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = { route: { id: string }; params: Record<string, string | undefined>; pathname: string; pathnameBase: string };
type Path = { pathname: string; search: string; hash: string };
type RouterModule = {
  matchRoutes: (routes: Route[], location: string, basename?: string) => Match[] | null;
  resolveTo: (to: string | Partial<Path>, routePathnames: string[], locationPathname: string, isPathRelative?: boolean) => Path;
};

type Patch = (typeof DEPENDENCY_PATCHES)[number];
const require = createRequire(import.meta.url);
const patchOf = (packageName: string) => DEPENDENCY_PATCHES.find((patch) => patch.packageName === packageName)!;
const installedPath = (patch: Patch) => path.join(process.cwd(), "node_modules", ...patch.packageName.split("/"), patch.file);
const installedSource = (patch: Patch) => readFileSync(installedPath(patch), "utf8");
const routerPatch = patchOf("@remix-run/router");
const installed = installedSource(routerPatch);

/** Evaluates a CommonJS file's source with the given require (by default the real one). */
function loadModule<Exports>(source: string, requireFrom: (id: string) => unknown = require): Exports {
  const module = { exports: {} as Exports };
  vm.runInThisContext(`(function (exports, module, require) {${source}\n})`)(module.exports, module, requireFrom);
  return module.exports;
}

const asInstalled = loadModule<RouterModule>(restoreSource(routerPatch, installed));
const patched = loadModule<RouterModule>(patchSource(routerPatch, restoreSource(routerPatch, installed))!);
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

describe.each(DEPENDENCY_PATCHES.map((patch) => [patch.name, patch] as const))("the edit %s", (_name, patch) => {
  const source = installedSource(patch);

  it("is applied to the installed server build", () => {
    expect(source).toContain(patch.marker);
  });

  it("patches once, restores exactly, and leaves code without one of its anchors alone", () => {
    const original = restoreSource(patch, source);
    expect(original).not.toContain(patch.marker);
    const once = patchSource(patch, original)!;
    expect(once).toBe(source);
    expect(patchSource(patch, once)).toBe(once);
    for (const [before] of patch.edits) expect(patchSource(patch, original.replace(before, "/* changed upstream */"))).toBeNull();
    // A file carrying an earlier version of the edit is left alone rather than patched twice.
    expect(patchSource(patch, once.replace(patch.marker, "/* placement-exchange: an earlier edit */"))).toBeNull();
  });
});

describe("route matching caches in @remix-run/router", () => {
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

  it("resolve every link as the installed code does, asked again and again", () => {
    const relative = fc.constantFrom("", ".", "..", "../..", "new", "./edit", "../offers/42", "?page=2", "#top", "a/../b", "x/", "..?q=1");
    const to = fc.oneof(relative, requestPath, fc.tuple(relative, requestPath).map(([a, b]) => `${a}${b}`), fc.string({ maxLength: 8 }));
    const pathnames = fc.array(requestPath, { minLength: 0, maxLength: 4 });
    fc.assert(
      fc.property(fc.array(fc.tuple(to, pathnames, requestPath, fc.boolean()), { minLength: 1, maxLength: 10 }), (cases) => {
        for (const [link, routePathnames, location, pathRelative] of [...cases, ...cases]) {
          expect(patched.resolveTo(link, routePathnames, location, pathRelative)).toEqual(asInstalled.resolveTo(link, routePathnames, location, pathRelative));
        }
      }),
      { numRuns: 300 },
    );
    // Objects are resolved as before, never kept.
    expect(patched.resolveTo({ pathname: "edit", search: "?a=1" }, ["/", "/offers/42"], "/offers/42")).toEqual(asInstalled.resolveTo({ pathname: "edit", search: "?a=1" }, ["/", "/offers/42"], "/offers/42"));
  });

  it("give every caller its own resolved link", () => {
    const first = patched.resolveTo("edit", ["/", "/offers/42"], "/offers/42");
    first.pathname = "/changed";
    first.search = "?changed";
    expect(patched.resolveTo("edit", ["/", "/offers/42"], "/offers/42")).toEqual({ pathname: "/offers/42/edit", search: "", hash: "" });
  });

  it("give every caller its own matches: changing one answer changes nothing for the next", () => {
    const routes: Route[] = [{ id: "root", path: "", children: [{ id: "run", path: "runs/:runId", children: [{ id: "tab", path: ":tab" }] }] }];
    const first = patched.matchRoutes(routes, "/runs/7/review")!;
    expect(first.map((match) => match.params)).toEqual([{ runId: "7", tab: "review" }, { runId: "7", tab: "review" }, { runId: "7", tab: "review" }]);
    // As built, a branch's matches share one params object.
    expect(first[0].params).toBe(first[2].params);
    first[0].params.runId = "changed";
    first[1].pathname = "/elsewhere";
    first.pop();
    const second = patched.matchRoutes(routes, "/runs/7/review")!;
    expect(summary(second)).toEqual(summary(asInstalled.matchRoutes(routes, "/runs/7/review")));
    expect(second[0].params).toBe(second[2].params);
    expect(second[0].params).not.toBe(first[0].params);
  });

  it("rank each routes array on its own: another tree is matched afresh", () => {
    const routes: Route[] = [{ id: "root", path: "", children: [{ id: "any", path: ":slug" }] }];
    expect(summary(patched.matchRoutes(routes, "/offers"))?.at(-1)?.[0]).toBe("any");
    const more: Route[] = [{ id: "root", path: "", children: [{ id: "any", path: ":slug" }, { id: "offers", path: "offers" }] }];
    expect(summary(patched.matchRoutes(more, "/offers"))?.at(-1)?.[0]).toBe("offers");
    expect(summary(patched.matchRoutes(more, "/offers"))).toEqual(summary(asInstalled.matchRoutes(more, "/offers")));
  });
});

describe("RemixServer and the static router build their routes once", () => {
  type DataRoute = { id: string; children?: DataRoute[] };
  type StaticRouterModule = { createStaticRouter: (routes: unknown[], context: unknown) => { routes: DataRoute[]; state: { matches: { route: DataRoute }[] } } };
  const staticRouterPatch = patchOf("react-router-dom");
  const remixServerPatch = patchOf("@remix-run/react");
  const routes = () => [{ id: "root", path: "", children: [{ id: "offers", path: "offers", children: [{ id: "offer", path: ":id" }] }, { id: "home", index: true }] }];
  const context = (routeIds: string[]) => ({ matches: routeIds.map((id) => ({ route: { id }, params: {}, pathname: "/", pathnameBase: "/" })), loaderData: {}, location: { pathname: "/" } });
  const shape = (list: DataRoute[]): unknown => list.map((route) => ({ ...route, children: route.children && shape(route.children) }));

  it("converts a routes array once, to what the installed code builds", () => {
    const original = loadModule<StaticRouterModule>(restoreSource(staticRouterPatch, installedSource(staticRouterPatch)));
    const edited = loadModule<StaticRouterModule>(patchSource(staticRouterPatch, restoreSource(staticRouterPatch, installedSource(staticRouterPatch)))!);
    const given = routes();
    const first = edited.createStaticRouter(given, context(["root", "offers"]));
    const again = edited.createStaticRouter(given, context(["root", "offers", "offer"]));
    expect(again.routes).toBe(first.routes);
    expect(shape(first.routes)).toEqual(shape(original.createStaticRouter(routes(), context([])).routes));
    // The context's matches point at the converted routes, as before.
    expect(again.state.matches.map((match) => match.route)).toEqual([first.routes[0], first.routes[0].children![0], first.routes[0].children![0].children![0]]);
    expect(edited.createStaticRouter(routes(), context([])).routes).not.toBe(first.routes);
  });

  it("builds RemixServer's routes once per manifest", () => {
    let built = 0;
    const realRoutes = require("@remix-run/react/dist/routes.js") as { createServerRoutes: (...args: unknown[]) => unknown };
    const countingRequire = (id: string) =>
      id === "./routes.js"
        ? { ...realRoutes, createServerRoutes: (...args: unknown[]) => (built++, realRoutes.createServerRoutes(...args)) }
        : require(id.startsWith("./") ? `@remix-run/react/dist/${id.slice(2)}` : id);
    const { RemixServer } = loadModule<{ RemixServer: (props: unknown) => unknown }>(
      patchSource(remixServerPatch, restoreSource(remixServerPatch, installedSource(remixServerPatch)))!,
      countingRequire,
    );
    const manifest = { routes: { root: { id: "root", path: "", hasLoader: false }, "routes/offers": { id: "routes/offers", parentId: "root", path: "offers", hasLoader: true } } };
    const routeModules = { root: { default: () => null }, "routes/offers": { default: () => null } };
    const future = { v3_singleFetch: true };
    const render = (routesOfBuild: typeof manifest.routes, modules: Record<string, unknown> = routeModules) =>
      RemixServer({ url: "http://localhost/offers", context: { manifest: { routes: routesOfBuild }, routeModules: modules, future, isSpaMode: false, staticHandlerContext: context([]) } });
    render(manifest.routes);
    render(manifest.routes);
    expect(built).toBe(1);
    // The server runtime gives a new object of the same modules with every request.
    render(manifest.routes, { ...routeModules });
    expect(built).toBe(1);
    render(manifest.routes, { ...routeModules, "routes/offers": { default: () => null } });
    expect(built).toBe(2);
    render({ ...manifest.routes });
    expect(built).toBe(3);
  });
});

describe("the build's route modules in @remix-run/server-runtime", () => {
  type EntryModule = { createEntryRouteModules: (manifest: Record<string, { module: unknown }>) => Record<string, unknown> };
  const entryPatch = DEPENDENCY_PATCHES.find((patch) => patch.file === "dist/entry.js")!;
  const original = loadModule<EntryModule>(restoreSource(entryPatch, installedSource(entryPatch)));
  const edited = loadModule<EntryModule>(patchSource(entryPatch, restoreSource(entryPatch, installedSource(entryPatch)))!);

  it("are gathered as before, once per build's routes", () => {
    const manifest = { root: { module: { default: "root" } }, "routes/offers": { module: { default: "offers" } } };
    const first = edited.createEntryRouteModules(manifest);
    expect(first).toEqual(original.createEntryRouteModules(manifest));
    expect(first["routes/offers"]).toBe(manifest["routes/offers"].module);
    expect(edited.createEntryRouteModules(manifest)).toBe(first);
    // Another build (a reload in development brings new routes) gets its own.
    const next = { ...manifest, "routes/offers": { module: { default: "offers, edited" } } };
    expect(edited.createEntryRouteModules(next)).toEqual(original.createEntryRouteModules(next));
  });
});

describe("turbo-stream's encoded text kept when nothing is deferred", () => {
  type TurboModule = { encode(input: unknown, options?: object): ReadableStream<Uint8Array> & { wholeText?: string } };
  const turboPatch = DEPENDENCY_PATCHES.find((patch) => patch.packageName === "turbo-stream" && patch.file.endsWith(".js"))!;
  const requireFromDist = createRequire(installedPath(turboPatch));
  const original = loadModule<TurboModule>(restoreSource(turboPatch, installedSource(turboPatch)), requireFromDist);
  const edited = loadModule<TurboModule>(patchSource(turboPatch, restoreSource(turboPatch, installedSource(turboPatch)))!, requireFromDist);
  const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();
  const value = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small" },
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.date({ noInvalidDate: true }),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.string({ maxLength: 6 }), tie("value"), { maxKeys: 4 }),
    ),
  })).value;

  it("keeps on the stream exactly the text the stream carries, which is what the installed encoder sends", async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 5 }), async (data) => {
        const stream = edited.encode(data);
        const whole = stream.wholeText;
        expect(typeof whole).toBe("string");
        expect(await read(stream)).toBe(whole);
        expect(await read(original.encode(data))).toBe(whole);
      }),
      { numRuns: 150 },
    );
  });

  it("keeps nothing when a value is still to come, and streams it as before", async () => {
    const data = { now: "here", later: Promise.resolve({ done: true }) };
    const stream = edited.encode(data);
    expect(stream.wholeText).toBeUndefined();
    expect(await read(stream)).toBe(await read(original.encode({ now: "here", later: Promise.resolve({ done: true }) })));
  });
});

describe("the data encoding's timer in @remix-run/server-runtime", () => {
  type SingleFetchModule = { encodeViaTurboStream(data: unknown, requestSignal: AbortSignal, streamTimeout: number, serverMode: string): ReadableStream<Uint8Array> };
  const timerPatch = DEPENDENCY_PATCHES.find((patch) => patch.file === "dist/single-fetch.js")!;
  const requireFromDist = createRequire(installedPath(timerPatch));
  const original = loadModule<SingleFetchModule>(restoreSource(timerPatch, installedSource(timerPatch)), requireFromDist);
  const edited = loadModule<SingleFetchModule>(patchSource(timerPatch, restoreSource(timerPatch, installedSource(timerPatch)))!, requireFromDist);
  const pendingTimers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
  const read = (stream: ReadableStream<Uint8Array>) => new Response(stream).text();

  it("sets no timer when nothing is deferred, and encodes what the installed code encodes", async () => {
    const data = { root: { user: null, unreadCount: 0 }, "routes/sign-in": { when: new Date(0), list: [1, "two"] } };
    const before = pendingTimers();
    const stream = edited.encodeViaTurboStream(data, new AbortController().signal, 60_000, "production");
    expect(pendingTimers()).toBe(before);
    const installed = original.encodeViaTurboStream(data, new AbortController().signal, 60_000, "production");
    expect(pendingTimers()).toBe(before + 1);
    expect(await read(stream)).toBe(await read(installed));
  });

  it("still gives up on a deferred value that never settles, when the installed code does", async () => {
    const never = () => ({ now: 1, later: new Promise(() => {}) });
    const [edit, install] = await Promise.all([
      read(edited.encodeViaTurboStream(never(), new AbortController().signal, 20, "production")),
      read(original.encodeViaTurboStream(never(), new AbortController().signal, 20, "production")),
    ]);
    expect(edit).toBe(install);
    expect(edit).toContain("Unexpected Server Error");
  });
});

describe("loader requests in @remix-run/server-runtime", () => {
  type DataModule = {
    callRouteLoader: (args: { loadContext: unknown; loader: (args: { request: Request }) => unknown; params: object; request: Request; routeId: string; singleFetch: boolean }) => Promise<unknown>;
    callRouteAction: (args: { loadContext: unknown; action: (args: { request: Request }) => unknown; params: object; request: Request; routeId: string; singleFetch: boolean }) => Promise<unknown>;
  };
  const dataPatch = DEPENDENCY_PATCHES.find((patch) => patch.file === "dist/data.js")!;
  const requireFromData = createRequire(installedPath(dataPatch));
  const original = loadModule<DataModule>(restoreSource(dataPatch, installedSource(dataPatch)), requireFromData);
  const edited = loadModule<DataModule>(patchSource(dataPatch, restoreSource(dataPatch, installedSource(dataPatch)))!, requireFromData);
  const parameter = fc.tuple(fc.constantFrom("index", "_routes", "_data", "page", "q", "index2"), fc.constantFrom("", "1", "a b", "x&y", "%"));
  const searchOf = (parameters: [string, string][]) => (parameters.length ? `?${new URLSearchParams(parameters)}` : "");

  async function seen(module: DataModule, url: string, method: string, singleFetch: boolean) {
    const controller = new AbortController();
    const request = new Request(url, { method, headers: { cookie: "px_session=abc", "x-one": "1" }, signal: controller.signal, ...(method === "POST" ? { body: "a=1&b=2" } : {}) });
    let given: Request | undefined;
    const capture = async ({ request: received }: { request: Request }) => ((given = received), null);
    if (method === "POST") await module.callRouteAction({ loadContext: {}, action: capture, params: {}, request, routeId: "r", singleFetch });
    else await module.callRouteLoader({ loadContext: {}, loader: capture, params: {}, request, routeId: "r", singleFetch });
    const before = given!.signal.aborted;
    controller.abort();
    return {
      request,
      given: given!,
      view: { url: given!.url, method: given!.method, headers: [...given!.headers], body: method === "POST" ? await given!.text() : null, abortedBefore: before, abortedAfter: given!.signal.aborted },
    };
  }

  it("give every loader and action the request the installed code gives, the request itself when nothing is stripped", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(parameter, { maxLength: 4 }), fc.constantFrom("GET", "POST"), fc.boolean(), async (parameters, method, singleFetch) => {
        const url = `http://localhost/offers/new${searchOf(parameters)}`;
        const before = await seen(original, url, method, singleFetch);
        const after = await seen(edited, url, method, singleFetch);
        expect(after.view).toEqual(before.view);
        const strips = parameters.some(([name]) => name === "index" || name === (singleFetch ? "_routes" : "_data"));
        expect(after.given === after.request).toBe(!strips);
      }),
      { numRuns: 150 },
    );
  });
});

describe("conform's field metadata kept per form state", () => {
  type Field = Record<string, unknown>;
  type FormContext = { getState(): unknown; onUpdate(options: Record<string, unknown>): void };
  type ContextModule = {
    createFormContext(options: Record<string, unknown>): FormContext;
    getFieldMetadata(context: FormContext, subjectRef: { current: Record<string, unknown> }, stateSnapshot: unknown, name: string): Field;
    getFormMetadata(context: FormContext, subjectRef: { current: Record<string, unknown> }, stateSnapshot: unknown, noValidate: boolean): Field;
  };
  const conformPatch = DEPENDENCY_PATCHES.find((patch) => patch.file === "dist/context.js" && patch.packageName === "@conform-to/react")!;
  const distDir = path.dirname(installedPath(conformPatch));
  const requireFromDist = (id: string) => require(id.startsWith("./") ? path.join(distDir, id) : id);
  const original = restoreSource(conformPatch, installedSource(conformPatch));
  const modules = {
    installed: loadModule<ContextModule>(original, requireFromDist),
    patched: loadModule<ContextModule>(patchSource(conformPatch, original)!, requireFromDist),
  };
  const formKeys = ["id", "errorId", "descriptionId", "errors", "allErrors", "status", "noValidate", "valid", "dirty", "initialValue", "value"];
  const keys = ["id", "name", "formId", "errorId", "descriptionId", "initialValue", "defaultValue", "value", "errors", "allErrors", "key", "valid", "dirty", "required", "minLength", "maxLength", "pattern", "min", "max", "step", "multiple", "accept"];

  /** Reads every property of one field proxy at each step of a form's life, with what it subscribed to. */
  function readThroughSteps(module: ContextModule) {
    const context = module.createFormContext({
      formId: "offer",
      constraint: { title: { required: true, minLength: 3, maxLength: 80 } },
      defaultValue: { title: "Ward 7", tags: ["a", "b"] },
      onValidate: () => undefined,
    });
    const subjectRef = { current: {} as Record<string, unknown> };
    const title = module.getFieldMetadata(context, subjectRef, context.getState(), "title");
    // A reset gives each field a new random key: compared by what follows the random part.
    const comparable = (key: string, value: unknown) => (key === "key" && typeof value === "string" ? value.replace(/^[^/]*\//, "(random)/") : value);
    const form = module.getFormMetadata(context, subjectRef, context.getState(), true);
    const read = () => ({
      field: Object.fromEntries(keys.map((key) => [key, comparable(key, title[key])])),
      form: Object.fromEntries(formKeys.map((key) => [key, form[key]])),
    });
    const steps = [read(), read()];
    // A form's result is reported as on the server: no form element to find.
    const withDocument = globalThis as { document?: unknown };
    withDocument.document = { forms: { namedItem: () => null } };
    context.onUpdate({ lastResult: { status: "error", initialValue: { title: "x" }, error: { title: ["Enter at least 3 characters"] } } });
    delete withDocument.document;
    steps.push(read());
    context.onUpdate({ formId: "offer-2" });
    steps.push(read());
    return { steps, subscribed: subjectRef.current };
  }

  /** The same, as in the browser (where a read records what the field re-renders for). */
  function inBrowser<T>(run: () => T): T {
    const withWindow = globalThis as { window?: unknown };
    withWindow.window = globalThis;
    try {
      return run();
    } finally {
      delete withWindow.window;
    }
  }

  it("reads what the installed code reads, before and after the form's state and id change", () => {
    const installed = inBrowser(() => readThroughSteps(modules.installed));
    const patched = inBrowser(() => readThroughSteps(modules.patched));
    expect(patched).toEqual(installed);
    expect(Object.keys(installed.subscribed).length).toBeGreaterThan(0);
    // The steps did change what a field shows, so a value kept too long would have been caught.
    expect(installed.steps[2]!.field.errors).toEqual(["Enter at least 3 characters"]);
    expect(installed.steps[2]!.form.allErrors).toEqual({ title: ["Enter at least 3 characters"] });
    expect(installed.steps[3]!.field.id).not.toBe(installed.steps[0]!.field.id);
    expect(installed.steps[3]!.form.id).not.toBe(installed.steps[0]!.form.id);
    expect(installed.steps[0]!.field.required).toBe(true);
  });

  it("on the server, reads the same and records no re-render subscriptions (nothing re-renders there)", () => {
    const installed = readThroughSteps(modules.installed);
    const patched = readThroughSteps(modules.patched);
    expect(patched.steps).toEqual(installed.steps);
    expect(patched.subscribed).toEqual({});
  });

  it("builds a field's and a form's metadata once per form state", () => {
    const source = patchSource(conformPatch, original)!;
    const counting = loadModule<ContextModule>(source.replace("function getMetadata(context, subjectRef, stateSnapshot) {", "function getMetadata(context, subjectRef, stateSnapshot) {\n  globalThis.__metadataBuilt = (globalThis.__metadataBuilt ?? 0) + 1;"), requireFromDist);
    const holder = globalThis as { __metadataBuilt?: number };
    holder.__metadataBuilt = 0;
    const context = counting.createFormContext({ formId: "f", defaultValue: { title: "a" }, onValidate: () => undefined });
    const title = counting.getFieldMetadata(context, { current: {} }, context.getState(), "title");
    for (const key of keys) void title[key];
    const form = counting.getFormMetadata(context, { current: {} }, context.getState(), true);
    for (const key of formKeys) void form[key];
    const built = holder.__metadataBuilt;
    delete holder.__metadataBuilt;
    expect(built).toBe(2);
  });
});
