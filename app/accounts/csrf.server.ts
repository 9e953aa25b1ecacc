import { createHmac, timingSafeEqual } from "node:crypto";
import { getSessionSecret } from "~/platform/env.server";

/** A synchronizer token bound to the session: forms carry it, actions check it. */
export function csrfTokenFor(sessionId: string): string {
  return createHmac("sha256", getSessionSecret()).update(`csrf:${sessionId}`).digest("base64url");
}

export function verifyCsrfToken(sessionId: string, token: FormDataEntryValue | null): boolean {
  if (typeof token !== "string") return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
