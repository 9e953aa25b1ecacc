import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { Prisma, PrismaClient } from "./generated.server/client";
import { applyMigrations, type SqlRunner } from "./migrate.server";
import { PGLITE_OPTIONS } from "./pglite-options.server";
import { toIsoDate } from "../utc-days";

export { Prisma } from "./generated.server/client";
export type * from "./generated.server/client";

export interface Database {
  prisma: PrismaClient;
  /** Raw SQL for migrations, locks and maintenance, and the reads of busy pages (queryRows). */
  sql: SqlRunner;
  kind: "pglite" | "postgres";
  close(): Promise<void>;
}

export type DatabaseTarget = { kind: "pglite"; dataDir: string | null } | { kind: "postgres"; url: string };

/**
 * The planner's cost of reading a page out of order, for every connection we open (decision 008). PostgreSQL's
 * default (4) models spinning disks; on a database held in memory or on SSD it made a list page join its 26
 * rows by scanning every provider and site (2 ms) instead of looking each up (0.5 ms). A DATABASE_URL that
 * sets `options` itself wins.
 */
const RANDOM_PAGE_COST = 1.1;
const PLANNER_OPTIONS = `-c random_page_cost=${RANDOM_PAGE_COST}`;

/**
 * The busy reads (`queryRows`) go to PostgreSQL as named prepared statements, so each connection parses a
 * statement once and, after a few runs, keeps a plan for it: planning the opportunities list took as long as
 * running it (~1 ms). Only statements with few parameters are named (an `IN` list of ids makes a new text per
 * length), and at most MAX_PREPARED_STATEMENTS texts per process, so the server keeps a bounded number per
 * connection. (A transaction-pooling proxy in front of PostgreSQL would need this off.)
 */
const MAX_PREPARED_STATEMENTS = 200;
const MAX_PREPARED_PARAMETERS = 32;
const preparedStatementNames = new Map<string, string>();

function preparedStatementName(text: string, params: unknown[] | undefined): string | undefined {
  let name = preparedStatementNames.get(text);
  if (name === undefined && (params?.length ?? 0) <= MAX_PREPARED_PARAMETERS && preparedStatementNames.size < MAX_PREPARED_STATEMENTS) {
    name = `px_${createHash("sha256").update(text).digest("base64url").slice(0, 24)}`;
    preparedStatementNames.set(text, name);
  }
  return name;
}

export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  if (target.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: target.url, max: 10, options: PLANNER_OPTIONS });
    pool.on("error", () => {
      // An idle client lost its connection (e.g. the database restarted); the pool replaces it.
    });
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
    const sql: SqlRunner = {
      async exec(text) {
        await pool.query(text);
      },
      async query<Row>(text: string, params?: unknown[]) {
        const name = preparedStatementName(text, params);
        return (await pool.query(name ? { name, text, values: params } : { text, values: params })).rows as Row[];
      },
      async withLock(lockId, work) {
        const client = await pool.connect();
        const connection: SqlRunner = {
          async exec(text) {
            await client.query(text);
          },
          async query<Row>(text: string, params?: unknown[]) {
            return (await client.query(text, params)).rows as Row[];
          },
          withLock: () => Promise.reject(new Error("locks do not nest")),
        };
        try {
          await client.query("SELECT pg_advisory_lock($1)", [lockId]);
          return await work(connection);
        } finally {
          await client.query("SELECT pg_advisory_unlock($1)", [lockId]).catch(() => {});
          client.release();
        }
      },
    };
    return {
      prisma,
      sql,
      kind: "postgres",
      close: closeOnce(async () => {
        await prisma.$disconnect();
        await pool.end();
      }),
    };
  }
  const releaseLock = target.dataDir ? lockDataDir(path.resolve(target.dataDir)) : () => {};
  const pglite = target.dataDir ? await PGlite.create(path.resolve(target.dataDir), PGLITE_OPTIONS) : await PGlite.create(PGLITE_OPTIONS);
  await pglite.exec(`SET random_page_cost = ${RANDOM_PAGE_COST}`);
  // The adapter is typed against an older driver-adapter-utils; its runtime contract is the same.
  const adapter = new PrismaPGlite(pglite) as unknown as PrismaPg;
  const prisma = new PrismaClient({ adapter });
  const sql: SqlRunner = {
    async exec(text) {
      await pglite.exec(text);
    },
    async query<Row>(text: string, params?: unknown[]) {
      return (await pglite.query<Row>(text, params)).rows;
    },
    // One connection, one process: nothing else can interleave.
    withLock: (_lockId, work) => work(sql),
  };
  return {
    prisma,
    sql,
    kind: "pglite",
    close: closeOnce(async () => {
      await prisma.$disconnect();
      await pglite.close();
      releaseLock();
    }),
  };
}

/** Closing twice (a shutdown path and a test's clean-up, say) waits for the first close. */
function closeOnce(close: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= close());
}

/**
 * PGlite is single-process: two processes opening one data directory corrupt it.
 * A lock file with the owner's pid refuses the second one with a clear message.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const lockFile = `${dataDir}.lock`;
  try {
    const owner = Number(readFileSync(lockFile, "utf8"));
    if (owner && owner !== process.pid && isRunning(owner)) {
      throw new Error(`The embedded database ${dataDir} is in use by process ${owner}; stop that process first`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  writeFileSync(lockFile, String(process.pid));
  const release = () => rmSync(lockFile, { force: true });
  process.once("exit", release);
  return release;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function openMigratedDatabase(target: DatabaseTarget): Promise<Database> {
  const database = await openDatabase(target);
  await applyMigrations(database.sql);
  return database;
}

// One database per process, shared by the Express server and the Remix bundle
// (which carries its own copy of this module), so it lives on globalThis.
const holder = globalThis as typeof globalThis & { __placementExchangeDb?: Database };

export function installDatabase(database: Database) {
  holder.__placementExchangeDb = database;
}

export function getDatabase(): Database {
  const database = holder.__placementExchangeDb;
  if (!database) throw new Error("The database has not been opened in this process");
  return database;
}

/**
 * A `Prisma.sql` query run straight on the driver, for the reads of busy pages: Prisma compiles every query
 * and interprets its rows at over a millisecond of Node CPU each, ten times the driver's own cost.
 * Cast what you select to plain types (`::int`, `::text`, `float8`): the rows are the driver's, so a
 * `bigint` or `numeric` would come back as a string.
 */
export function queryRows<Row>(query: Prisma.Sql): Promise<Row[]> {
  return getDatabase().sql.query<Row>(query.text, query.values);
}

/** A calendar day (a stored @db.Date, a UTC midnight) as an SQL date. */
export function sqlDay(date: Date): Prisma.Sql {
  return Prisma.sql`${toIsoDate(date)}::date`;
}

/**
 * `column IN (…values)` for queryRows, and false for no values. An array is not a portable driver
 * parameter: `pg` sends it as an array literal, PGlite as its `String()` ("a,b", or "" when empty).
 */
export function sqlIn(column: Prisma.Sql, values: readonly unknown[]): Prisma.Sql {
  return values.length === 0 ? Prisma.sql`FALSE` : Prisma.sql`${column} IN (${Prisma.join(values)})`;
}

/**
 * `LIMIT take [OFFSET skip]` for a page read by queryRows. The page size is part of the statement's text and the
 * first page has no OFFSET: with both as parameters PostgreSQL cannot tell a page of 26 rows from a tenth of the
 * table, so it planned the statement afresh on every run (0.4–0.6 ms, as long as running it) instead of keeping
 * one plan for it. Later pages keep OFFSET a parameter, so that each page number is not a statement of its own.
 */
export function sqlPage(take: number, skip: number): Prisma.Sql {
  if (!Number.isSafeInteger(take) || take < 1) throw new RangeError(`A page takes a positive whole number of rows, not ${take}`);
  return skip === 0 ? Prisma.raw(`LIMIT ${take}`) : Prisma.sql`${Prisma.raw(`LIMIT ${take}`)} OFFSET ${skip}`;
}

/** The Prisma client of this process. */
export const prisma = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDatabase().prisma as unknown as Record<string | symbol, unknown>;
    const value = client[property];
    return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});
