import { randomUUID } from "node:crypto";
import { hashPassword } from "~/auth/password.server";
import { getDatabase, prisma } from "~/db/db.server";
import { DEMO_ACCOUNT_EMAILS, DEMO_PASSWORD, generateSeedPlan, type SeedPlan, type SeedScale } from "./generate";

const CHUNK = 2000;

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
    return writeSeedPlan(generateSeedPlan(scale));
  });
}
