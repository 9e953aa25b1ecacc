import { redirect } from "@remix-run/node";
import { cleanFormData } from "~/platform/control-characters";
import type { RoleName } from "~/vocabulary/roles";
import { readSessionToken, validateSessionToken, type SessionUser, type ValidatedSession } from "./session.server";
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
 * No page posts more than a few hundred values (a page of ticked notifications at most). Far more
 * is a crafted request, and one query cannot carry more than 65,535 of them.
 */
export const MAX_FORM_ENTRIES = 1_000;

/**
 * Parses a form body, answering 4xx rather than 500 for anything unreadable. Control characters
 * (NUL above all, which PostgreSQL refuses in text) are dropped from every text field here, so no
 * form needs to think of them.
 */
export async function readFormData(request: Request): Promise<FormData> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new Response("The form could not be read.", { status: 400 });
  }
  let entries = 0;
  for (const _entry of form.keys()) {
    if (++entries > MAX_FORM_ENTRIES) {
      throw new Response(`That form has too many entries: send at most ${MAX_FORM_ENTRIES.toLocaleString("en-GB")} at a time.`, {
        status: 413,
      });
    }
  }
  return cleanFormData(form);
}

export function safeRedirectPath(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
