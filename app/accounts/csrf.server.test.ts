import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnv } from "~/platform/env.server";
import { csrfTokenFor, verifyCsrfToken } from "./csrf.server";

const original = process.env.SESSION_SECRET;
afterEach(() => {
  process.env.SESSION_SECRET = original;
  resetEnv();
});

describe("CSRF tokens", () => {
  it("are the session's HMAC under the secret, the same each time, and follow a change of secret", () => {
    process.env.SESSION_SECRET = "first-secret-first-secret-first-secret";
    resetEnv();
    const expected = (secret: string, sessionId: string) => createHmac("sha256", secret).update(`csrf:${sessionId}`).digest("base64url");
    expect(csrfTokenFor("session-a")).toBe(expected("first-secret-first-secret-first-secret", "session-a"));
    expect(csrfTokenFor("session-a")).toBe(csrfTokenFor("session-a"));
    expect(csrfTokenFor("session-b")).not.toBe(csrfTokenFor("session-a"));
    expect(verifyCsrfToken("session-a", csrfTokenFor("session-a"))).toBe(true);
    expect(verifyCsrfToken("session-b", csrfTokenFor("session-a"))).toBe(false);

    process.env.SESSION_SECRET = "second-secret-second-secret-second-secret";
    resetEnv();
    expect(csrfTokenFor("session-a")).toBe(expected("second-secret-second-secret-second-secret", "session-a"));
  });
});
