/**
 * Values kept for a short while in this process: within `ttlMs` the same key shares one computation,
 * including one still under way. A computation that fails is not kept. The oldest entry goes when
 * more than `maxEntries` are held. Each node keeps its own, so a value can be up to `ttlMs` old.
 */
export function shortLivedCache<V>(ttlMs: number, maxEntries: number) {
  const entries = new Map<string, { until: number; value: Promise<V> }>();
  return {
    get(key: string, compute: () => Promise<V>): Promise<V> {
      const now = Date.now();
      const held = entries.get(key);
      if (held && now < held.until) return held.value;
      const value = compute();
      entries.delete(key);
      entries.set(key, { until: now + ttlMs, value });
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
    clear() {
      entries.clear();
    },
  };
}
