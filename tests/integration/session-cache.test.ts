import { describe, expect, it } from "vitest";
import { changePassword } from "~/accounts/password-reset.server";
import { createSession, invalidateAllSessions, invalidateSession, validateSessionToken } from "~/accounts/session.server";
import { hashToken } from "~/accounts/tokens.server";
import { prisma } from "~/platform/db/db.server";
import { createOrganisation, createUser } from "../helpers/fixtures";
import { useTestDatabase } from "../helpers/database";

useTestDatabase();


describe("validated sessions are remembered briefly", () => {
  it("answers repeated and concurrent checks of one token from memory", async () => {
    const organisation = await createOrganisation();
    const user = await createUser("EDUCATOR", { organisationId: organisation.id });
    const { token } = await createSession(user.id);
    const first = await Promise.all(Array.from({ length: 20 }, () => validateSessionToken(token)));
    expect(first.every((session) => session?.user.id === user.id)).toBe(true);
    // Deleted behind its back (as another node would), the session is still accepted within the cache's few seconds...
    await prisma.session.deleteMany({ where: { id: hashToken(token) } });
    expect((await validateSessionToken(token))?.user.id).toBe(user.id);
  });

  it("forgets a session at once on sign-out, signing out everywhere and a password change", async () => {
    const organisation = await createOrganisation();
    const user = await createUser("EDUCATOR", { organisationId: organisation.id });
    const one = await createSession(user.id);
    const two = await createSession(user.id);
    const three = await createSession(user.id);
    for (const { token } of [one, two, three]) expect(await validateSessionToken(token)).not.toBeNull();

    await invalidateSession(hashToken(one.token));
    expect(await validateSessionToken(one.token)).toBeNull();

    await changePassword(user.id, hashToken(two.token), "a brand new passphrase 42");
    expect(await validateSessionToken(two.token)).not.toBeNull();
    expect(await validateSessionToken(three.token)).toBeNull();

    await invalidateAllSessions(user.id);
    expect(await validateSessionToken(two.token)).toBeNull();
  });
});
