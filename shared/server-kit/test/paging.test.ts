import { describe, expect, it } from 'vitest';
import { AppError } from '../src/errors.ts';
import { encodeCursor, keysetConnection, pageOf } from '../src/paging.ts';

const codeOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return error instanceof AppError ? error.code : 'NOT_AN_APP_ERROR';
  }
  return 'OK';
};

/** Rows numbered 1..n in list order, read like a keyset query would. */
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ seq: i + 1 }));
const source = (all: Array<{ seq: number }>) => ({
  known: (seq: number) => all.some((row) => row.seq === seq),
  fetch: (after: number | null, limit: number) => all.filter((row) => after === null || row.seq > after).slice(0, limit),
  seq: (row: { seq: number }) => row.seq,
});

describe('pageOf', () => {
  it('takes first within 1..max and refuses anything else (BAD_USER_INPUT, not clamped)', () => {
    expect(pageOf('payment', 100, null, 100)).toEqual({ list: 'payment', first: 100, after: null });
    for (const first of [0, -1, 101, 1.5])
      expect(
        codeOf(() => pageOf('payment', first, null, 100)),
        String(first),
      ).toBe('BAD_USER_INPUT');
  });

  it("decodes its own list's cursors and refuses malformed ones and other lists'", () => {
    expect(pageOf('payment', 10, encodeCursor('payment', 42), 100).after).toBe(42);
    for (const after of ['nope', encodeCursor('usage', 42), Buffer.from('payment:abc').toString('base64url'), encodeCursor('payment', '12345678901234567')]) {
      expect(
        codeOf(() => pageOf('payment', 10, after, 100)),
        after,
      ).toBe('BAD_USER_INPUT');
    }
  });
});

describe('keysetConnection', () => {
  it('pages through a list with edges, cursors and page info', async () => {
    const all = rows(5);
    const first = await keysetConnection(pageOf('lot', 2, null, 10), source(all));
    expect(first.edges.map((edge) => edge.node.seq)).toEqual([1, 2]);
    expect(first.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: false, startCursor: encodeCursor('lot', 1), endCursor: encodeCursor('lot', 2) });
    const last = await keysetConnection(pageOf('lot', 3, first.pageInfo.endCursor, 10), source(all));
    expect(last.edges.map((edge) => edge.node.seq)).toEqual([3, 4, 5]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it("refuses a well-formed cursor that names no row of the viewer's list instead of answering an empty page", async () => {
    await expect(keysetConnection(pageOf('lot', 2, encodeCursor('lot', 99), 10), source(rows(5)))).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('answers an empty list with an empty page', async () => {
    expect((await keysetConnection(pageOf('lot', 2, null, 10), source([]))).pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: false,
      startCursor: null,
      endCursor: null,
    });
  });
});
