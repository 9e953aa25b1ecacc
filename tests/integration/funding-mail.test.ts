import type { ParsedMail } from "mailparser";
import { describe, expect, it } from "vitest";
import { runFundingScan } from "~/funding/funding-scan.server";
import { sendDigests } from "~/notifications/digest.server";
import { setPreferences } from "~/notifications/inbox.server";
import { prisma } from "~/platform/db/db.server";
import { useTestDatabase } from "../helpers/database";
import { createUser } from "../helpers/fixtures";
import { usePortalMailWithWorker } from "../helpers/smtp";
import { createProviderWorld } from "./provider-fixtures";

useTestDatabase();
const { smtp, worker } = usePortalMailWithWorker();

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const recipientOf = (mail: ParsedMail) => (mail.to && "text" in mail.to ? mail.to.text : "");

/** A region with a facilitator, a programme, and an occupational therapy award to a provider that has placed nobody. */
async function behindAward() {
  const world = await createProviderWorld();
  const facilitator = await createUser("FACILITATOR", { regionId: world.region.id });
  const programme = await prisma.fundingProgramme.create({
    data: {
      regionId: world.region.id,
      name: "Expansion by email 2026/27",
      amountPence: 10_000_000,
      ratePerWeekPence: 50_000,
      periodStart: day("2026-09-01"),
      periodEnd: day("2027-08-31"),
      createdById: facilitator.id,
    },
  });
  const award = await prisma.fundingAward.create({
    data: {
      programmeId: programme.id,
      providerId: world.provider.id,
      profession: "OT",
      periodStart: day("2026-09-01"),
      periodEnd: day("2027-08-31"),
      unit: "STUDENTS",
      committed: 6,
      baselineStudents: 0,
      baselineWeeks: 0,
      amountPence: 1_000_000,
      createdById: facilitator.id,
    },
  });
  return { world, facilitator, award, link: `http://portal.test/funding/awards/${award.id}` };
}

describe("an award behind its commitment, by email", () => {
  it("goes out in the next daily digest to the provider's educator and the region's facilitator, with a link to the award", async () => {
    const { world, facilitator, link } = await behindAward();
    const scannedAt = new Date("2026-12-01T06:15:00Z");
    expect(await runFundingScan(scannedAt)).toMatchObject({ notified: 2 });
    await worker.drain();
    // A digest kind: nothing by email until the digest runs.
    expect(smtp.messages).toHaveLength(0);

    expect(await sendDigests(new Date())).toBe(2);
    await worker.drain();
    expect(smtp.messages.map(recipientOf).sort()).toEqual([world.educator.email, facilitator.email].sort());
    for (const mail of smtp.messages) {
      expect(mail.subject).toBe("Placement Exchange: 1 update today");
      expect(mail.text).toContain(`${world.provider.name}: Occupational therapy expansion funding is behind its commitment`);
      expect(mail.text).toContain("Expansion by email 2026/27: 0 additional students delivered so far against 1.5 expected by now.");
      expect(mail.text).toContain(link);
    }
    // The other provider's educator hears nothing of this award.
    expect(smtp.messages.map(recipientOf)).not.toContain(world.otherEducator.email);
  });

  it("goes out at once to whoever asked for this kind by email immediately, and not again the next day", async () => {
    const { world, facilitator, link } = await behindAward();
    await setPreferences(facilitator.id, { "funding-award-behind": "IMMEDIATE" });
    await setPreferences(world.educator.id, { "funding-award-behind": "IN_APP" });

    await runFundingScan(new Date("2026-12-01T06:15:00Z"));
    await worker.drain();
    expect(smtp.messages).toHaveLength(1);
    const [mail] = smtp.messages;
    expect(recipientOf(mail)).toBe(facilitator.email);
    expect(mail.subject).toContain(`${world.provider.name}: Occupational therapy expansion funding is behind its commitment`);
    expect(mail.text).toContain(link);

    // Told once a month: the next day's scan sends nothing more.
    await runFundingScan(new Date("2026-12-02T06:15:00Z"));
    await worker.drain();
    expect(smtp.messages).toHaveLength(1);
  });
});
