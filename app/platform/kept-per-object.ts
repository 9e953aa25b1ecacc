/**
 * `build(key)` worked out once per key object and kept as long as the object lives (a WeakMap): for values derived
 * from something shared and never changed, such as a schema or figures kept until the data changes.
 */
export function keptPerObject<Key extends object, Value>(build: (key: Key) => Value): (key: Key) => Value {
  const kept = new WeakMap<Key, Value>();
  return (key) => {
    if (kept.has(key)) return kept.get(key) as Value;
    const value = build(key);
    kept.set(key, value);
    return value;
  };
}

/**
 * Orders of a shared, never-changed rows array, each sorted once while the array lives: `sorted(rows, order, sort)`
 * calls `sort()` the first time an order is asked for. Filter the result (filtering keeps the order) rather than
 * sorting what a filter returns.
 */
export function sortedOncePerOrder<Row>(): (rows: readonly Row[], order: string, sort: () => readonly Row[]) => readonly Row[] {
  const ordersOf = keptPerObject((_rows: readonly Row[]) => new Map<string, readonly Row[]>());
  return (rows, order, sort) => {
    const orders = ordersOf(rows);
    let sorted = orders.get(order);
    if (!sorted) orders.set(order, (sorted = sort()));
    return sorted;
  };
}
