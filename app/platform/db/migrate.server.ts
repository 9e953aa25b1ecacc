import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/** Runs SQL on whichever database we have: PGlite's exec or a pg client's query. */
export interface SqlRunner {
  exec(sql: string): Promise<void>;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs work on one connection, holding a session-level advisory lock throughout. */
  withLock<T>(lockId: number, work: (connection: SqlRunner) => Promise<T>): Promise<T>;
}

export const MIGRATIONS_DIR = path.resolve(process.cwd(), "prisma/migrations");

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

/**
 * Applies pending migrations in order, each in its own transaction.
 * An advisory lock keeps several nodes starting at once from racing.
 */
export async function applyMigrations(runner: SqlRunner, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  return runner.withLock(727274, async (db) => {
    await db.exec(`CREATE TABLE IF NOT EXISTS "_migrations" (
      "name" TEXT PRIMARY KEY,
      "checksum" TEXT NOT NULL,
      "appliedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP
    )`);
    const applied = new Map(
      (await db.query<{ name: string; checksum: string }>(`SELECT "name", "checksum" FROM "_migrations"`)).map(
        (row) => [row.name, row.checksum],
      ),
    );
    const done: string[] = [];
    for (const migration of migrations) {
      const checksum = applied.get(migration.name);
      if (checksum !== undefined) {
        if (checksum !== migration.checksum) {
          throw new Error(`Migration ${migration.name} was changed after it was applied`);
        }
        continue;
      }
      await db.exec(`BEGIN;\n${migration.sql}\n;INSERT INTO "_migrations" ("name", "checksum") VALUES ('${migration.name}', '${migration.checksum}');\nCOMMIT;`).catch(
        async (error: unknown) => {
          await db.exec("ROLLBACK").catch(() => {});
          throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`);
        },
      );
      done.push(migration.name);
    }
    return done;
  });
}
