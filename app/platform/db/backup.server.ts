import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_OPTIONS } from "./pglite-options.server";

/**
 * Backup of the embedded database: PGlite's own dump of its data directory (a gzipped tar).
 * The portal must be stopped: PGlite is single-process (the data directory's lock file says so).
 */
export async function backupEmbeddedDatabase(dataDir: string, file: string): Promise<number> {
  const database = await PGlite.create(path.resolve(dataDir), PGLITE_OPTIONS);
  try {
    const dump = await database.dumpDataDir("gzip");
    const bytes = new Uint8Array(await dump.arrayBuffer());
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    writeFileSync(file, bytes);
    return bytes.byteLength;
  } finally {
    await database.close();
  }
}

/**
 * Restores a backup into a fresh data directory, then swaps it in; the old one is kept beside it
 * as <dir>.before-restore until the next restore, so a mistaken restore can be undone by hand.
 */
export async function restoreEmbeddedDatabase(dataDir: string, file: string): Promise<void> {
  const target = path.resolve(dataDir);
  const staging = `${target}.restoring`;
  rmSync(staging, { recursive: true, force: true });
  const dump = new Blob([readFileSync(file)]);
  const database = await PGlite.create(staging, { ...PGLITE_OPTIONS, loadDataDir: dump });
  try {
    await database.query("SELECT 1");
  } finally {
    await database.close();
  }
  const previous = `${target}.before-restore`;
  rmSync(previous, { recursive: true, force: true });
  try {
    renameSync(target, previous);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  renameSync(staging, target);
}
