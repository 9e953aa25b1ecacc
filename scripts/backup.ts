// npm run backup -- FILE      writes a backup of the embedded database (DATA_DIR/pglite) to FILE
// npm run restore -- FILE     replaces the embedded database with the backup in FILE
// Stop the portal first. For PostgreSQL (DATABASE_URL) use pg_dump / pg_restore instead.
import { existsSync } from "node:fs";
import path from "node:path";
import { backupEmbeddedDatabase, restoreEmbeddedDatabase } from "~/platform/db/backup.server";
import { ConfigError, parseEnv } from "~/platform/env.server";

const [mode, file] = process.argv.slice(2);
try {
  const env = parseEnv();
  if (env.DATABASE_URL) throw new ConfigError("DATABASE_URL is set: back up PostgreSQL with pg_dump, not this command");
  if (!file) throw new ConfigError(`Usage: npm run ${mode} -- FILE`);
  const dataDir = path.join(env.DATA_DIR, "pglite");
  const lock = `${path.resolve(dataDir)}.lock`;
  if (existsSync(lock)) throw new ConfigError(`The portal seems to be running (${lock} exists): stop it first`);
  if (mode === "backup") {
    const bytes = await backupEmbeddedDatabase(dataDir, file);
    console.log(`Backed up ${dataDir} to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB).`);
  } else if (mode === "restore") {
    if (!existsSync(file)) throw new ConfigError(`No backup file at ${file}`);
    await restoreEmbeddedDatabase(dataDir, file);
    console.log(`Restored ${dataDir} from ${file}. The previous data is in ${dataDir}.before-restore.`);
  } else {
    throw new ConfigError("Usage: npm run backup -- FILE, or npm run restore -- FILE");
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Failed: ${(error as Error).message}`);
  process.exit(1);
}
