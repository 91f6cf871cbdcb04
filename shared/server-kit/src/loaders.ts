import DataLoader from 'dataloader';

/**
 * One row per key: a single query for every key asked in the same tick. Keys are compared by
 * value (`cacheKeyFn`), so ids may be strings or numbers.
 */
export function rowLoader<K extends string | number, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V | null> {
  return new DataLoader<K, V | null>(async (keys) => {
    const rows = await fetch([...new Set(keys)]);
    const byKey = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => byKey.get(key) ?? null);
  });
}

/** Many rows per key (a parent's children), still one query per batch. */
export function groupLoader<K extends string | number, V>(fetch: (keys: K[]) => Promise<V[]>, keyOf: (row: V) => K): DataLoader<K, V[]> {
  return new DataLoader<K, V[]>(async (keys) => {
    const rows = await fetch([...new Set(keys)]);
    const byKey = new Map<K, V[]>();
    // Push into one array per key: copying the group per row is quadratic for big groups.
    for (const row of rows) {
      const key = keyOf(row);
      const group = byKey.get(key);
      if (group) group.push(row);
      else byKey.set(key, [row]);
    }
    return keys.map((key) => byKey.get(key) ?? []);
  });
}
