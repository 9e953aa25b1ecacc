import { randomUUID } from "node:crypto";
import { hashPassword } from "~/accounts/password.server";
import { getDatabase, prisma } from "~/platform/db/db.server";
import { addDemoFunding } from "./demo-funding.server";
import { seedBaselineRequirements } from "~/practice-hours/requirements.server";
import { addDemoActivity } from "./demo-activity.server";
import { addDemoPracticeHours } from "./demo-hours.server";
import { DEMO_ACCOUNT_EMAILS, DEMO_PASSWORD, generateSeedPlan, type SeedPlan, type SeedScale } from "./generate";

const CHUNK = 2000;
const isoDay = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function inChunks<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

/** Writes a plan into an empty database in bulk; returns the named demo accounts. */
export async function writeSeedPlan(plan: SeedPlan, onProgress?: (message: string) => void) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const regionIds = new Map(plan.regions.map((region) => [region.key, randomUUID()]));
  const organisationIds = new Map(plan.organisations.map((organisation) => [organisation.key, randomUUID()]));

  await prisma.region.createMany({ data: plan.regions.map((region) => ({ id: regionIds.get(region.key)!, name: region.name })) });
  await inChunks(plan.organisations, (chunk) =>
    prisma.organisation.createMany({
      data: chunk.map((organisation) => ({
        id: organisationIds.get(organisation.key)!,
        name: organisation.name,
        kind: organisation.kind,
        providerType: organisation.providerType,
        code: organisation.code,
        regionId: regionIds.get(organisation.regionKey)!,
      })),
    }),
  );
  onProgress?.(`${plan.organisations.length} organisations`);
  const sites = plan.organisations.flatMap((organisation) =>
    organisation.sites.map((site) => ({ ...site, organisationId: organisationIds.get(organisation.key)! })),
  );
  await inChunks(sites, (chunk) => prisma.site.createMany({ data: chunk }));
  const workforce = plan.organisations.flatMap((organisation) =>
    organisation.workforce.map((row) => ({ ...row, organisationId: organisationIds.get(organisation.key)! })),
  );
  await inChunks(workforce, (chunk) => prisma.workforce.createMany({ data: chunk }));
  onProgress?.(`${sites.length} sites, ${workforce.length} workforce figures`);
  await inChunks(plan.users, (chunk) =>
    prisma.user.createMany({
      data: chunk.map((user) => ({
        email: user.email,
        name: user.name,
        role: user.role,
        organisationId: user.organisationKey ? organisationIds.get(user.organisationKey)! : null,
        regionId: user.regionKey ? regionIds.get(user.regionKey)! : null,
        passwordHash,
      })),
    }),
  );
  onProgress?.(`${plan.users.length} users`);

  const programmeIds = new Map(plan.programmes.map((programme) => [programme.key, randomUUID()]));
  const blocks = new Map(plan.programmes.flatMap((programme) => programme.blocks.map((block) => [block.key, { ...block, id: randomUUID(), programme }] as const)));
  await inChunks(plan.programmes, (chunk) =>
    prisma.programme.createMany({
      data: chunk.map((programme) => ({
        id: programmeIds.get(programme.key)!,
        universityId: organisationIds.get(programme.universityKey)!,
        name: programme.name,
        profession: programme.profession,
        years: programme.years,
      })),
    }),
  );
  // Each student is on one of their university's programmes, in a year it has, spread evenly, so the
  // "name the students" picker can offer a request's own programme and year first.
  const cohorts = new Map<string, string[]>();
  const studentsOf = new Map<string, string[]>();
  for (const user of plan.users) {
    if (user.role !== "STUDENT" || !user.organisationKey) continue;
    studentsOf.set(user.organisationKey, [...(studentsOf.get(user.organisationKey) ?? []), user.email]);
  }
  for (const [universityKey, emails] of studentsOf) {
    const programmes = plan.programmes.filter((programme) => programme.universityKey === universityKey);
    if (programmes.length === 0) continue;
    emails.forEach((email, index) => {
      const programme = programmes[index % programmes.length];
      const year = (Math.floor(index / programmes.length) % programme.years) + 1;
      const key = `${programme.key}\u0000${year}`;
      cohorts.set(key, [...(cohorts.get(key) ?? []), email]);
    });
  }
  for (const [key, emails] of cohorts) {
    const [programmeKey, year] = key.split("\u0000");
    await prisma.user.updateMany({ where: { email: { in: emails } }, data: { programmeId: programmeIds.get(programmeKey)!, yearOfStudy: Number(year) } });
  }
  await inChunks([...blocks.values()], (chunk) =>
    prisma.placementBlock.createMany({
      data: chunk.map((block) => ({
        id: block.id,
        programmeId: programmeIds.get(block.programme.key)!,
        name: block.name,
        yearOfStudy: block.yearOfStudy,
        startDate: isoDay(block.start),
        endDate: isoDay(block.end),
      })),
    }),
  );
  const campusByUniversity = new Map(
    plan.organisations.filter((o) => o.kind === "UNIVERSITY").map((o) => [o.key, o.sites[0]]),
  );
  await inChunks(plan.requests, (chunk) =>
    prisma.placementRequest.createMany({
      data: chunk.map((request) => {
        const block = blocks.get(request.blockKey)!;
        const campus = campusByUniversity.get(request.universityKey);
        return {
          universityId: organisationIds.get(request.universityKey)!,
          programmeId: programmeIds.get(request.programmeKey)!,
          blockId: block.id,
          profession: block.programme.profession,
          yearOfStudy: block.yearOfStudy,
          startDate: isoDay(block.start),
          endDate: isoDay(block.end),
          students: request.students,
          specialties: request.specialties,
          maxTravelMinutes: request.maxTravelMinutes,
          originLatitude: campus?.latitude ?? null,
          originLongitude: campus?.longitude ?? null,
        };
      }),
    }),
  );
  onProgress?.(`${plan.programmes.length} programmes, ${blocks.size} blocks, ${plan.requests.length} requests`);

  const siteIds = new Map<string, string[]>();
  for (const site of await prisma.site.findMany({ select: { id: true, organisationId: true }, orderBy: [{ organisationId: "asc" }, { name: "asc" }] })) {
    siteIds.set(site.organisationId, [...(siteIds.get(site.organisationId) ?? []), site.id]);
  }
  await inChunks(plan.offers, (chunk) =>
    prisma.offer.createMany({
      data: chunk.map((offer) => {
        const providerId = organisationIds.get(offer.providerKey)!;
        const sites = siteIds.get(providerId)!;
        return {
          providerId,
          siteId: sites[Math.min(offer.siteIndex, sites.length - 1)],
          profession: offer.profession,
          specialty: offer.specialty,
          startDate: isoDay(offer.start),
          endDate: isoDay(offer.end),
          slots: offer.slots,
          supervisionModel: offer.supervisionModel,
          yearsOfStudy: offer.yearsOfStudy,
          status: offer.status,
          publishedAt: offer.status === "PUBLISHED" ? new Date() : null,
        };
      }),
    }),
  );
  onProgress?.(`${plan.offers.length} offers`);
  const requirements = await seedBaselineRequirements();
  onProgress?.(`${requirements} practice-hours requirements`);
  // Fresh statistics, so the planner uses the indexes from the first query on; and every page of the bulk load
  // marked all-visible, so an index-only scan (the opportunities list's deep pages) need not visit the table for
  // each row until autovacuum would have got round to it.
  await getDatabase().sql.exec("VACUUM ANALYZE");

  const organisationNames = new Map(plan.organisations.map((organisation) => [organisation.key, organisation.name]));
  const regionNames = new Map(plan.regions.map((region) => [region.key, region.name]));
  return plan.users
    .filter((user) => DEMO_ACCOUNT_EMAILS.includes(user.email))
    .map((user) => ({
      email: user.email,
      role: user.role,
      organisation:
        (user.organisationKey && organisationNames.get(user.organisationKey)) ||
        (user.regionKey && `${regionNames.get(user.regionKey)} region`) ||
        "Platform",
    }));
}

/** Seeds the London-like demo once: a database that has any organisation is left alone. */
export async function seedDemoDataIfEmpty(scale: SeedScale = "demo") {
  // Nodes starting together take turns, so only the first seeds.
  return getDatabase().sql.withLock(727275, async () => {
    if ((await prisma.organisation.count()) > 0) return null;
    const accounts = await writeSeedPlan(generateSeedPlan(scale));
    if (scale === "demo") await addDemoHistory();
    await addDemoFunding();
    return accounts;
  });
}

/** The demo's history on top of the plan: allocations in several states, then practice hours. */
export async function addDemoHistory() {
  await addDemoActivity();
  await addDemoPracticeHours();
}
