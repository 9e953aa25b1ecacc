import { describe, expect, it } from "vitest";
import { pooledRandomBytes } from "./random-pool.server";

describe("pooled random bytes", () => {
  it("gives the size asked for, in a buffer of its own that later draws never touch", () => {
    const first = pooledRandomBytes(16);
    const copy = Buffer.from(first);
    for (let i = 0; i < 2_000; i++) pooledRandomBytes(16);
    expect(first).toHaveLength(16);
    expect(first.equals(copy)).toBe(true);
    expect(pooledRandomBytes(4)).toHaveLength(4);
    expect(pooledRandomBytes(10_000)).toHaveLength(10_000);
  });

  it("never hands out the same bytes twice across pool refills", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 5_000; i++) seen.add(pooledRandomBytes(16).toString("hex"));
    expect(seen.size).toBe(5_000);
  });

  it("looks uniform: every byte value turns up about equally often", () => {
    const counts = new Array<number>(256).fill(0);
    for (let i = 0; i < 4_000; i++) for (const byte of pooledRandomBytes(16)) counts[byte]++;
    // 64,000 bytes: 250 expected per value; a fair source stays well inside 150-350.
    expect(Math.min(...counts)).toBeGreaterThan(150);
    expect(Math.max(...counts)).toBeLessThan(350);
  });
});
