import { getDatabase, Prisma, queryRows, type Database } from "./db.server";

/**
 * Figures worked out from the region's data (demand, offers, placements, workforce, organisations,
 * settings, sites), kept in this process until that data changes: the database's "DataVersion" count moves with
 * every transaction that writes one of those rows (triggers deferred to commit, see its migration), and
 * a figure is worked out again once the count has moved. One query reads the count instead of a dozen
 * scans of the region.
 *
 * A transaction moves the count just before it commits, so a page read in the moment between may keep
 * figures from before that commit under the new count; `DATA_VERSION_MAX_AGE_MS` bounds how long such figures last.
 * Someone who has just changed the data always sees their change: their next page reads the count after
 * their commit. Kept values are shared by every caller and frozen outside production, so a caller that
 * changed one would fail its tests.
 */
export const DATA_VERSION_MAX_AGE_MS = 10_000;
const MAX_ENTRIES = 500;

interface Kept {
  version: string;
  at: number;
  value: Promise<unknown>;
}

const keptByDatabase = new WeakMap<Database, Map<string, Kept>>();

/** The database's current data version: the count of committed writes to the figures' tables. */
export async function readDataVersion(): Promise<string> {
  const [row] = await queryRows<{ version: string; called: boolean }>(Prisma.sql`SELECT last_value::text AS "version", is_called AS "called" FROM "DataVersion"`);
  return row.called ? row.version : "0";
}

/**
 * `compute()`'s value for `key`, worked out again when the data version has moved or the kept one is too old.
 * A page that keeps several values may read the version once and give it to each (`dataVersion`: a read
 * made during the same request, so still after anything the visitor has just committed).
 */
export async function keptUntilDataChanges<T>(
  key: string,
  compute: () => Promise<T>,
  { now = Date.now, dataVersion }: { now?: () => number; dataVersion?: Promise<string> } = {},
): Promise<T> {
  const database = getDatabase();
  let kept = keptByDatabase.get(database);
  if (!kept) keptByDatabase.set(database, (kept = new Map()));
  const version = await (dataVersion ?? readDataVersion());
  const entry = kept.get(key);
  if (entry && entry.version === version && now() - entry.at < DATA_VERSION_MAX_AGE_MS) return entry.value as Promise<T>;
  if (kept.size >= MAX_ENTRIES) kept.clear();
  // The promise is kept, so callers arriving while it is worked out share the one computation.
  const value = compute().then((result) => (process.env.NODE_ENV === "production" ? result : deepFreeze(result)));
  const fresh: Kept = { version, at: now(), value };
  kept.set(key, fresh);
  value.catch(() => {
    if (kept.get(key) === fresh) kept.delete(key);
  });
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
