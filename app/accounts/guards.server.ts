import { redirect } from "@remix-run/node";
import { cleanFormData } from "~/platform/control-characters";
import type { RoleName } from "~/vocabulary/roles";
import { readSessionToken, validateSessionToken, type SessionUser, type ValidatedSession } from "./session.server";
import { assertFormShape } from "~/platform/form-submission.server";
import { verifyCsrfToken } from "./csrf.server";

const sessionsByRequest = new WeakMap<Request, Promise<ValidatedSession | null>>();

/** The session of this request, validated once per request. */
export function getSession(request: Request): Promise<ValidatedSession | null> {
  let pending = sessionsByRequest.get(request);
  if (!pending) {
    const token = readSessionToken(request.headers.get("Cookie"));
    pending = token ? validateSessionToken(token) : Promise.resolve(null);
    sessionsByRequest.set(request, pending);
  }
  return pending;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

export async function requireSession(request: Request): Promise<ValidatedSession> {
  const session = await getSession(request);
  if (!session) {
    const url = new URL(request.url);
    const redirectTo = `${url.pathname}${url.search}`;
    throw redirect(`/sign-in?${new URLSearchParams({ redirectTo })}`);
  }
  return session;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  return (await requireSession(request)).user;
}

export function forbidden(message = "You do not have permission to do that."): Response {
  return new Response(message, { status: 403, statusText: "Forbidden" });
}

export function notFound(message = "Not found"): Response {
  return new Response(message, { status: 404, statusText: "Not Found" });
}

export async function requireRole(request: Request, ...roles: RoleName[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) throw forbidden();
  return user;
}

/**
 * For every signed-in mutation: the user, the parsed form, and a checked CSRF token.
 * Reading the form here means no action can forget the token.
 */
export async function requireUserForm(
  request: Request,
  ...roles: RoleName[]
): Promise<{ user: SessionUser; form: FormData; sessionId: string }> {
  const session = await requireSession(request);
  if (roles.length > 0 && !roles.includes(session.user.role)) throw forbidden();
  const form = await readFormData(request);
  if (!verifyCsrfToken(session.sessionId, form.get("csrf"))) {
    throw new Response("Your form expired. Reload the page and try again.", { status: 403 });
  }
  return { user: session.user, form, sessionId: session.sessionId };
}

/**
 * Parses a form body, answering 4xx rather than 500 for anything unreadable, too many fields or
 * names nested too deep. Every form of the portal is read here, and control characters (NUL above all, which
 * PostgreSQL refuses in text) are dropped from every text field.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400 });
  }
  assertFormShape(form);
  return cleanFormData(form);
}

const REDIRECT_BASE = "http://portal.invalid";

/**
 * A path on this site to go to after signing in, or the fallback. Browsers strip tabs and newlines
 * and read backslashes as slashes, so those are refused outright; what remains must resolve to our
 * own origin. The answer is the resolved, percent-encoded path, safe for a Location header.
 */
export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.length > 2000) return fallback;
  // Control characters (tab, CR, LF, vertical tab, NUL…) and backslashes never appear in our own links.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, REDIRECT_BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== REDIRECT_BASE) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
