import path from "node:path";
import { installDatabase, openMigratedDatabase, type Database } from "~/platform/db/db.server";
import type { Env } from "~/platform/env.server";

/** PostgreSQL when DATABASE_URL is set, else the embedded PGlite under DATA_DIR; migrated in-process. */
export async function openPortalDatabase(env: Env): Promise<Database> {
  const database = await openMigratedDatabase(
    env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: path.join(env.DATA_DIR, "pglite") },
  );
  installDatabase(database);
  return database;
}
