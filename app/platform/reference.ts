import { randomBytes } from "node:crypto";

/** A fresh name for one failure or request, short enough to read out over the phone; the log line carries it too. */
export function newReference(): string {
  return randomBytes(4).toString("hex").toUpperCase();
}
