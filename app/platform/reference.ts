import { pooledRandomBytes } from "./random-pool.server";

/** A fresh name for one failure or request, short enough to read out over the phone; the log line carries it too. */
export function newReference(): string {
  return pooledRandomBytes(4).toString("hex").toUpperCase();
}
