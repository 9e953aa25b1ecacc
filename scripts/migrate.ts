// Applies pending migrations to DATABASE_URL (or the embedded database) and exits.
import { ConfigError, parseEnv } from "~/platform/env.server";
import { openPortalDatabase } from "../server/database";
import { applyMigrations } from "~/platform/db/migrate.server";

try {
  const env = parseEnv();
  const database = await openPortalDatabase(env);
  const applied = await applyMigrations(database.sql);
  console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The database is up to date.");
  await database.close();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
