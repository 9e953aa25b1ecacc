import { afterEach, describe, expect, it, vi } from "vitest";
import { shortLivedCache } from "./short-lived-cache.server";

describe("shortLivedCache", () => {
  afterEach(() => vi.useRealTimers());

  it("computes a key once while it is fresh, again once it has expired", async () => {
    vi.useFakeTimers();
    const cache = shortLivedCache<number>(1_000, 10);
    let computed = 0;
    const compute = async () => ++computed;
    expect(await Promise.all([cache.get("a", compute), cache.get("a", compute)])).toEqual([1, 1]);
    vi.advanceTimersByTime(999);
    expect(await cache.get("a", compute)).toBe(1);
    vi.advanceTimersByTime(2);
    expect(await cache.get("a", compute)).toBe(2);
    expect(await cache.get("b", compute)).toBe(3);
  });

  it("does not keep a failure", async () => {
    const cache = shortLivedCache<string>(60_000, 10);
    await expect(cache.get("k", () => Promise.reject(new Error("database away")))).rejects.toThrow("database away");
    expect(await cache.get("k", async () => "second try")).toBe("second try");
  });

  it("holds at most maxEntries, dropping the oldest", async () => {
    const cache = shortLivedCache<string>(60_000, 2);
    for (const key of ["a", "b", "c"]) await cache.get(key, async () => key);
    expect(await cache.get("a", async () => "recomputed")).toBe("recomputed");
    expect(await cache.get("c", async () => "recomputed")).toBe("c");
  });
});
