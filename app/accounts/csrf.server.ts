import { createHmac, timingSafeEqual } from "node:crypto";
import { getSessionSecret } from "~/platform/env.server";

// Every signed-in page shows its session's token: worked out once per session (an HMAC is ~2% of a page's CPU).
const tokensBySession = new Map<string, string>();
const MAX_KEPT_TOKENS = 10_000;
let tokensSecret: string | undefined;

/** A synchronizer token bound to the session: forms carry it, actions check it. */
export function csrfTokenFor(sessionId: string): string {
  const secret = getSessionSecret();
  if (secret !== tokensSecret) {
    tokensBySession.clear();
    tokensSecret = secret;
  }
  let token = tokensBySession.get(sessionId);
  if (token === undefined) {
    token = createHmac("sha256", secret).update(`csrf:${sessionId}`).digest("base64url");
    if (tokensBySession.size >= MAX_KEPT_TOKENS) tokensBySession.clear();
    tokensBySession.set(sessionId, token);
  }
  return token;
}

export function verifyCsrfToken(sessionId: string, token: FormDataEntryValue | null): boolean {
  if (typeof token !== "string") return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
