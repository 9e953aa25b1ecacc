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

  it("answers a burst of different sessions gathered into one look-up, each on its own merits", async () => {
    const organisation = await createOrganisation();
    const users = await Promise.all(Array.from({ length: 12 }, () => createUser("EDUCATOR", { organisationId: organisation.id })));
    const sessions = await Promise.all(users.map((user) => createSession(user.id)));
    const [expired, deactivated, signedOut, ageing] = sessions;
    await prisma.session.update({ where: { id: hashToken(expired.token) }, data: { expiresAt: new Date(Date.now() - 1_000) } });
    await prisma.user.update({ where: { id: users[1].id }, data: { active: false } });
    await prisma.session.deleteMany({ where: { id: hashToken(signedOut.token) } });
    const ageingUntil = new Date(Date.now() + 2 * 24 * 60 * 60 * 1000);
    await prisma.session.update({ where: { id: hashToken(ageing.token) }, data: { expiresAt: ageingUntil } });

    // One look-up first, so the rest arrive while it is under way and wait to go together.
    const answers = await Promise.all([validateSessionToken(sessions[4].token), ...sessions.map(({ token }) => validateSessionToken(token))]);
    expect(answers[0]?.user.id).toBe(users[4].id);
    const [expiredAnswer, deactivatedAnswer, signedOutAnswer, ageingAnswer, ...rest] = answers.slice(1);
    expect([expiredAnswer, deactivatedAnswer, signedOutAnswer]).toEqual([null, null, null]);
    // Refused sessions are deleted, as a single look-up would.
    expect(await prisma.session.count({ where: { id: { in: [expired, deactivated].map(({ token }) => hashToken(token)) } } })).toBe(0);
    // The ageing one slides forward, in the answer and in the database.
    expect(ageingAnswer?.expiresAt.getTime()).toBeGreaterThan(ageingUntil.getTime());
    expect((await prisma.session.findUniqueOrThrow({ where: { id: hashToken(ageing.token) } })).expiresAt).toEqual(ageingAnswer?.expiresAt);
    expect(rest.map((answer) => answer?.user.id)).toEqual(users.slice(4).map((user) => user.id));
  });
});
