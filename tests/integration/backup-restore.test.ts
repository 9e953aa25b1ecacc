import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openMigratedDatabase } from "~/platform/db/db.server";

const dir = mkdtempSync(path.join(tmpdir(), "px-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(mode: "backup" | "restore", file: string) {
  return spawnSync(process.execPath, ["--import", "tsx", "scripts/backup.ts", mode, file], {
    env: { ...process.env, DATA_DIR: dir, DATABASE_URL: "" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

async function snapshot() {
  const database = await openMigratedDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
  const rows = await database.sql.query<{ name: string }>(`SELECT "name" FROM "Region" ORDER BY "name"`);
  await database.close();
  return rows.map((row) => row.name);
}

describe.skipIf(process.env.DATABASE_URL)("backup and restore of the embedded database", () => {
  it("exports, survives a wipe, and restores the same data", async () => {
    const database = await openMigratedDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
    await database.prisma.region.createMany({ data: [{ name: "London" }, { name: "North West" }] });
    await database.close();
    const file = path.join(dir, "backup.tar.gz");
    const backup = run("backup", file);
    expect(backup.status, backup.stderr).toBe(0);

    const wipe = await openMigratedDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
    await wipe.sql.exec(`TRUNCATE "Region" CASCADE; INSERT INTO "Region" ("id", "name", "updatedAt") VALUES ('x', 'Wrong', now())`);
    await wipe.close();
    expect(await snapshot()).toEqual(["Wrong"]);

    const restore = run("restore", file);
    expect(restore.status, restore.stderr).toBe(0);
    expect(await snapshot()).toEqual(["London", "North West"]);
  });

  it("refuses while the portal holds the database, and a missing file, with one line", async () => {
    const database = await openMigratedDatabase({ kind: "pglite", dataDir: path.join(dir, "pglite") });
    const busy = run("backup", path.join(dir, "busy.tar.gz"));
    await database.close();
    expect(busy.status).toBe(1);
    expect(busy.stderr.trim()).toMatch(/seems to be running/);
    const missing = run("restore", path.join(dir, "nope.tar.gz"));
    expect(missing.stderr.trim()).toMatch(/^No backup file at/);
  });
});
