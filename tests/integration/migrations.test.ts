import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { applyMigrations, readMigrations } from "~/platform/db/migrate.server";
import { useTestDatabase } from "../helpers/database";

const database = useTestDatabase();

describe("migrations", () => {
  it("the last migration's schema snapshot matches the schema (run npm run db:diff -- NAME after a change)", async () => {
    const [schema, snapshot] = await Promise.all([
      readFile("prisma/schema.prisma", "utf8"),
      readFile("prisma/migrations/schema.snapshot.prisma", "utf8"),
    ]);
    expect(snapshot).toBe(schema);
  });

  it("applies every migration once: a second run applies nothing", async () => {
    const all = await readMigrations();
    const rows = await database.current.sql.query<{ name: string }>(`SELECT "name" FROM "_migrations" ORDER BY "name"`);
    expect(rows.map((row) => row.name)).toEqual(all.map((migration) => migration.name));
    expect(await applyMigrations(database.current.sql)).toEqual([]);
  });

  it("opens with the planner's page cost for a database in memory or on SSD (decision 008), on the driver and in Prisma", async () => {
    expect(await database.current.sql.query(`SHOW random_page_cost`)).toEqual([{ random_page_cost: "1.1" }]);
    expect(await database.current.prisma.$queryRawUnsafe(`SHOW random_page_cost`)).toEqual([{ random_page_cost: "1.1" }]);
  });

  it("sends reads with few parameters to PostgreSQL as named prepared statements, and reads with many as one-offs", async () => {
    if (database.current.kind !== "postgres") return;
    // Each read asks its own connection whether it is among that connection's prepared statements.
    const selfPrepared = (marker: string, parameters: number) =>
      database.current.sql.query<{ name: string }>(
        `SELECT "name" FROM pg_prepared_statements WHERE "statement" LIKE '%${marker}%' AND ${Array.from({ length: parameters }, (_, i) => `$${i + 1}::int IS NOT NULL`).join(" AND ")}`,
        Array.from({ length: parameters }, (_, i) => i),
      );
    const few = await selfPrepared("few-parameters-marker", 3);
    expect(few).toHaveLength(1);
    expect(few[0]!.name).toMatch(/^px_/);
    expect(await selfPrepared("many-parameters-marker", 40)).toEqual([]);
  });

  it("leaves the tables the client expects", async () => {
    expect(await database.current.prisma.user.count()).toBe(0);
    expect(await database.current.prisma.job.count()).toBe(0);
  });
});
