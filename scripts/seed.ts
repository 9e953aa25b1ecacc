// npm run seed -- [--scale demo|london|england] [--reset]
// Writes generated data (deterministic) to DATABASE_URL or the embedded database.
import { parseArgs } from "node:util";
import { ConfigError, parseEnv } from "~/platform/env.server";
import { generateSeedPlan, type SeedScale } from "~/seed/generate";
import { addDemoHistory, writeSeedPlan } from "~/seed/seed.server";
import { addDemoFunding } from "~/seed/demo-funding.server";
import { prisma } from "~/platform/db/db.server";
import { openPortalDatabase } from "../server/database";

const SCALES: SeedScale[] = ["demo", "london", "england"];

try {
  const { values } = parseArgs({
    options: { scale: { type: "string", default: "demo" }, reset: { type: "boolean", default: false }, seed: { type: "string", default: "20261125" } },
  });
  const scale = values.scale as SeedScale;
  if (!SCALES.includes(scale)) throw new ConfigError(`--scale must be one of ${SCALES.join(", ")}`);
  const env = parseEnv();
  const database = await openPortalDatabase(env);
  if (values.reset) {
    await database.sql.exec(`TRUNCATE "Region", "Organisation", "User", "AuditEvent", "Job", "Setting" RESTART IDENTITY CASCADE`);
  } else if ((await prisma.organisation.count()) > 0) {
    throw new ConfigError("The database already has data: add --reset to replace it");
  }
  const started = Date.now();
  const plan = generateSeedPlan(scale, Number(values.seed));
  const accounts = await writeSeedPlan(plan, (message) => console.log(`  ${message}`));
  if (scale === "demo") await addDemoHistory();
  if (await addDemoFunding()) console.log("  an expansion funding programme with awards on track and behind");
  console.log(`Seeded ${scale} in ${((Date.now() - started) / 1000).toFixed(1)} s. Demo accounts: ${accounts.map((a) => a.email).join(", ")}`);
  await database.close();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Seeding failed: ${(error as Error).message}`);
  process.exit(1);
}
