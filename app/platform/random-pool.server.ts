import { randomBytes, randomFillSync } from "node:crypto";

// Every request draws a CSP nonce and a reference: one getrandom call per draw was ~2% of a
// render-only page. Draws now come from a pool filled from the same CSPRNG 4 KB at a time, and
// no byte is handed out twice.
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let used = 0;

/** `size` cryptographically random bytes, as `randomBytes` gives them, in a buffer of their own. */
export function pooledRandomBytes(size: number): Buffer {
  if (size > POOL_BYTES / 8) return randomBytes(size);
  if (used + size > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
    used = 0;
  }
  const bytes = Buffer.from(pool.subarray(used, used + size));
  pool.fill(0, used, used + size);
  used += size;
  return bytes;
}
