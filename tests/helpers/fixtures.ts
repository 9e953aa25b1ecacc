import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from "@remix-run/node";
import { csrfTokenFor } from "~/accounts/csrf.server";
import { hashPassword } from "~/accounts/password.server";
import { createSession } from "~/accounts/session.server";
import { hashToken } from "~/accounts/tokens.server";
import { prisma } from "~/platform/db/db.server";
import type { RoleName } from "~/vocabulary/roles";

export const TEST_PASSWORD = "correct horse battery staple";
let passwordHash: Promise<string> | undefined;

export async function createRegion(name = `Region ${randomUUID().slice(0, 6)}`) {
  return prisma.region.create({ data: { name } });
}

export async function createOrganisation(
  options: { kind?: "PROVIDER" | "UNIVERSITY"; regionId?: string; name?: string } = {},
) {
  const regionId = options.regionId ?? (await createRegion()).id;
  const kind = options.kind ?? "PROVIDER";
  return prisma.organisation.create({
    data: {
      name: options.name ?? `${kind === "PROVIDER" ? "Trust" : "University"} ${randomUUID().slice(0, 8)}`,
      kind,
      providerType: kind === "PROVIDER" ? "NHS_TRUST" : null,
      regionId,
    },
  });
}

export async function createUser(
  role: RoleName,
  options: { organisationId?: string | null; regionId?: string | null; email?: string; active?: boolean } = {},
) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return prisma.user.create({
    data: {
      email: options.email ?? `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@example.test`,
      name: `Test ${role.toLowerCase()}`,
      role,
      organisationId: options.organisationId ?? null,
      regionId: options.regionId ?? null,
      active: options.active ?? true,
      passwordHash: await passwordHash,
    },
  });
}

export interface SignedIn {
  userId: string;
  cookie: string;
  csrf: string;
}

/** Signs in by creating a session directly, as a browser holding its cookie would be. */
export async function signInAs(user: { id: string }): Promise<SignedIn> {
  const { token } = await createSession(user.id);
  return { userId: user.id, cookie: `px_session=${token}`, csrf: csrfTokenFor(hashToken(token)) };
}

/** A Request as the portal would receive it: same-origin, with the session cookie and CSRF token. */
export function buildRequest(
  path: string,
  options: { as?: SignedIn; method?: string; form?: Record<string, string | string[]>; withCsrf?: boolean } = {},
): Request {
  const headers = new Headers({ Origin: "http://localhost" });
  if (options.as) headers.set("Cookie", options.as.cookie);
  const method = options.method ?? (options.form ? "POST" : "GET");
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) {
      for (const item of Array.isArray(value) ? value : [value]) body.append(key, item);
    }
    if (options.as && options.withCsrf !== false && !body.has("csrf")) body.set("csrf", options.as.csrf);
  }
  return new Request(`http://localhost${path}`, { method, headers, body });
}

export const testContext: AppLoadContext = { cspNonce: "test-nonce", clientIp: "127.0.0.1", requestReference: "TESTREF0" };

/** Runs a loader or action and returns its Response, whether it was returned or thrown. */
export async function settle(run: () => unknown): Promise<{ status: number; response: Response | null; data: unknown }> {
  try {
    const value = await run();
    if (value instanceof Response) return { status: value.status, response: value, data: null };
    if (isDataWithResponseInit(value)) return { status: value.init?.status ?? 200, response: null, data: value.data };
    return { status: 200, response: null, data: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, response: thrown, data: null };
    throw thrown;
  }
}

function isDataWithResponseInit(value: unknown): value is { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null } {
  return typeof value === "object" && value !== null && (value as { type?: string }).type === "DataWithResponseInit";
}

type Loader = (args: LoaderFunctionArgs) => unknown;
type Action = (args: ActionFunctionArgs) => unknown;

/** Runs a loader at a path, as someone or signed out, and settles its answer. */
export function load(loader: Loader, path: string, as?: SignedIn, params: Record<string, string> = {}) {
  return settle(() => loader({ request: buildRequest(path, { as }), params, context: testContext }));
}

/** Posts a form to an action as someone, with their CSRF token unless told otherwise, and settles its answer. */
export function submit(
  action: Action,
  path: string,
  as: SignedIn,
  form: Record<string, string>,
  options: { params?: Record<string, string>; withCsrf?: boolean } = {},
) {
  return settle(() =>
    action({ request: buildRequest(path, { as, form, withCsrf: options.withCsrf }), params: options.params ?? {}, context: testContext }),
  );
}

/** The field errors of a Conform reply returned by an action. */
export function fieldErrors(result: { data: unknown }): Record<string, string[] | null> {
  const reply = (result.data as { result?: { error?: Record<string, string[] | null> } } | null)?.result;
  return reply?.error ?? {};
}
