import { describe, expect, it, vi } from 'vitest';
import { groupLoader } from './loaders.ts';

type Row = { parent: string; n: number };

describe('groupLoader', () => {
  it('groups rows per key in fetch order, gives [] for keys without rows and fetches each key once', async () => {
    const fetch = vi.fn(
      async (_keys: string[]): Promise<Row[]> => [
        { parent: 'a', n: 1 },
        { parent: 'b', n: 2 },
        { parent: 'a', n: 3 },
        { parent: 'a', n: 4 },
      ],
    );
    const loader = groupLoader(fetch, (row) => row.parent);
    const [a, b, missing, again] = await Promise.all([loader.load('a'), loader.load('b'), loader.load('c'), loader.load('a')]);
    expect(a.map((row) => row.n)).toEqual([1, 3, 4]);
    expect(b.map((row) => row.n)).toEqual([2]);
    expect(missing).toEqual([]);
    expect(again).toBe(a);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0]![0]).toEqual(['a', 'b', 'c']);
  });

  it('stays linear with many rows for one key: one key lookup per row, 50,000 rows grouped', async () => {
    const rows: Row[] = Array.from({ length: 50_000 }, (_, n) => ({ parent: 'a', n }));
    const keyOf = vi.fn((row: Row) => row.parent);
    const group = await groupLoader(async () => rows, keyOf).load('a');
    // One keyOf call per row: the old copy-per-row grouping called it twice and copied the group each time.
    expect(group).toHaveLength(50_000);
    expect(group[0]).toBe(rows[0]);
    expect(group.at(-1)).toBe(rows.at(-1));
    expect(keyOf).toHaveBeenCalledTimes(50_000);
  });
});
