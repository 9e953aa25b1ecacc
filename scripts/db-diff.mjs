// npm run db:diff -- NAME
// Writes prisma/migrations/<timestamp>_NAME/migration.sql: the SQL from the schema as of the last
// migration (prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma, then moves the snapshot on.
// Diffing two schema files needs no database, so no engine or shadow database is involved.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";

const SNAPSHOT = "prisma/migrations/schema.snapshot.prisma";
const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_").toLowerCase();
if (!name) {
  console.error("Usage: npm run db:diff -- migration_name");
  process.exit(1);
}
const sql = execFileSync(
  "npx",
  ["prisma", "migrate", "diff", "--from-schema-datamodel", SNAPSHOT, "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
  { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
if (/^-- This is an empty migration/m.test(sql) || sql.trim() === "") {
  console.log("The schema and the migrations agree: nothing to write.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = `prisma/migrations/${stamp}_${name}`;
mkdirSync(dir, { recursive: true });
writeFileSync(`${dir}/migration.sql`, sql);
copyFileSync("prisma/schema.prisma", SNAPSHOT);
console.log(`Wrote ${dir}/migration.sql`);
