// npm run match -- --export PERIOD [--region NAME] [--profession PT] [--out FILE]
// Writes the database's current matching instance (open requests whose block starts in PERIOD and the
// published offers that could take them) in the input format of docs/matching-format.md.
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { prisma } from "~/platform/db/db.server";
import { PROFESSIONS, type ProfessionCode } from "~/vocabulary/roles";
import { ConfigError, parseEnv } from "~/platform/env.server";
import { parsePeriod } from "~/matching/export-period";
import { loadMatchingDocument } from "~/matching/instance.server";
import { openPortalDatabase } from "../server/database";

export async function exportMatchingInstance(argv: string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: argv,
      options: { export: { type: "string" }, region: { type: "string" }, profession: { type: "string" }, out: { type: "string" } },
    });
    const period = parsePeriod(values.export ?? "");
    if (!period) throw new ConfigError('PERIOD must be an academic year like 2026/27 or dates like 2027-01-01..2027-03-31');
    const profession = values.profession?.toUpperCase();
    if (profession && !PROFESSIONS.includes(profession as ProfessionCode)) throw new ConfigError(`--profession must be one of ${PROFESSIONS.join(", ")}`);
    const env = parseEnv({ ...process.env, SEED_DEMO: "false" });
    const database = await openPortalDatabase(env);
    try {
      let regionId: string | null = null;
      if (values.region) {
        const region = await prisma.region.findFirst({ where: { name: { equals: values.region, mode: "insensitive" } } });
        if (!region) throw new ConfigError(`No region called "${values.region}"`);
        regionId = region.id;
      }
      const { document, warnings } = await loadMatchingDocument({ regionId, periodStart: period.start, periodEnd: period.end, profession: (profession as ProfessionCode) ?? null });
      const text = `${JSON.stringify(document, null, 2)}\n`;
      if (values.out) await writeFile(values.out, text);
      else process.stdout.write(text);
      for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
      process.stderr.write(`exported ${document.providers.length} providers, ${document.offers.length} offers, ${document.requests.length} requests\n`);
      return 0;
    } finally {
      await database.close();
    }
  } catch (error) {
    process.stderr.write(`match --export: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n`);
    return 1;
  }
}
