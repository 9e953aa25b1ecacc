import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { settleAfterResponse } from "~/platform/after-response.server";
import { installDatabase, openMigratedDatabase, type Database } from "~/platform/db/db.server";

/** Creates an empty database of this name on the PostgreSQL server and returns its URL. */
export async function createPostgresDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Drops the database of this name, whoever is still connected to it. */
export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

/**
 * A fresh, migrated database for one test file: PGlite in memory by default, or a new
 * database on the PostgreSQL server named by DATABASE_URL (dropped afterwards).
 */
export async function createTestDatabase(): Promise<Database> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return openMigratedDatabase({ kind: "pglite", dataDir: null });
  const name = `px_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const database = await openMigratedDatabase({ kind: "postgres", url: await createPostgresDatabase(serverUrl, name) });
  const close = database.close;
  database.close = async () => {
    await close();
    await dropPostgresDatabase(serverUrl, name);
  };
  return database;
}

/** Call at the top of an integration test file. */
export function useTestDatabase(): { current: Database } {
  const holder = {} as { current: Database };
  beforeAll(async () => {
    holder.current = await createTestDatabase();
    installDatabase(holder.current);
  });
  afterAll(async () => {
    // Pushes scheduled by the file's last actions finish before their database goes.
    await settleAfterResponse();
    await holder.current?.close();
  });
  return holder;
}
