import fc from 'fast-check';
import { getNullableType, isEnumType, isInputObjectType, isListType, isNonNullType, type GraphQLInputType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoIds, useStack, type GraphQLResponse } from '@econtract/testkit';
import { publicOperations } from './schema-operations.ts';
import { ViewerDocument } from '@econtract/sdk';

// Every public operation's arguments driven with hostile values, as the total admin and anonymously:
// each answer is a success or a coded client error, never an internal error, and a refused call
// leaves every table's row count as it was. Seeded and bounded, so a failure replays exactly.
const stack = useStack();
const RUNS_PER_OPERATION = 10;
const SEED = 20261125;

const HOSTILE_TEXT = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\uD83D',
  '😀👨‍👩‍👧‍👦🇰🇷',
  '\u202Eevil\u202C',
  '\u200F\u200Eشركة',
  '\uFEFF',
  "'; drop table identity.account; --",
  "' or '1'='1",
  '%_\\',
  '$1',
  '<script>alert(1)</script>',
  '{"$gt": ""}',
  'ΑΣ',
  'ασ',
  'ß',
  'İ',
  '한글'.normalize('NFD'),
  '０１２-３４-５６７８９',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  'null',
  'x'.repeat(20_000),
  '가'.repeat(5_000),
  'demo-admin',
  'DEMO-ADMIN',
  'Demo-pass-2026!',
  'x@example.com',
  'a\u0001@b.c',
  '010-1234-5678',
  '123-45-67891',
  '000-00-00000',
  'SOHO',
  'test_approve_1',
];

const KNOWN_IDS = [DemoIds.totalAdmin, DemoIds.staff, DemoIds.departmentManager, DemoIds.company, DemoIds.operator, DemoIds.individual];
const HOSTILE_IDS = [
  '',
  ' ',
  'x',
  '0',
  '-1',
  'not-a-uuid',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  `${DemoIds.staff} `,
  `${DemoIds.staff}0`,
  DemoIds.staff.replace(/-/g, ''),
  '\u0000',
  'x'.repeat(5_000),
  ...KNOWN_IDS,
  ...KNOWN_IDS.map((id) => id.toUpperCase()),
];

const text = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.string({ maxLength: 8 }), fc.constantFrom('\u0000', '\uD800', '\uDFFF', '\u202E', '\u0007'), fc.string({ maxLength: 8 }))
      .map((parts) => parts.join('')),
  },
);
const id = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_IDS) },
  { weight: 1, arbitrary: fc.tuple(fc.uuid(), fc.boolean()).map(([uuid, upper]) => (upper ? uuid.toUpperCase() : uuid)) },
  { weight: 1, arbitrary: text },
);
const int = fc.oneof(fc.constantFrom(0, -1, 1, 5, 50, 500, 501, 2_147_483_647, -2_147_483_648, 2_147_483_648, 1.5, 'NaN', '1', 1e300), fc.integer());
const float = fc.oneof(fc.constantFrom(0, -0.5, 1e308, -1e308, 'NaN', 'Infinity'), fc.double({ noNaN: true, noDefaultInfinity: true }));
const bool = fc.oneof({ weight: 4, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 0, 1) });
/** A value of the wrong shape, nested deep (objects in arrays in objects …). */
const wrongShape = fc.jsonValue({ maxDepth: 8 });

function arbitraryFor(type: GraphQLInputType): fc.Arbitrary<unknown> {
  const inner = getNullableType(type) as GraphQLInputType;
  let value: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    const item = arbitraryFor(inner.ofType);
    value = fc.oneof(
      { weight: 6, arbitrary: fc.array(item, { maxLength: 5 }) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom('ΑΣ', 'ασ', 'a', 'A'), { minLength: 150, maxLength: 150 }) },
    );
  } else if (isInputObjectType(inner)) {
    value = fc.record(Object.fromEntries(Object.values(inner.getFields()).map((field) => [field.name, arbitraryFor(field.type)])));
  } else if (isEnumType(inner)) {
    value = fc.constantFrom(...inner.getValues().map((entry) => entry.name), 'NOT_A_VALUE', '');
  } else {
    value = ({ ID: id, Int: int, Float: float, Boolean: bool } as Record<string, fc.Arbitrary<unknown>>)[inner.name] ?? text;
  }
  const shaped = fc.oneof({ weight: 12, arbitrary: value }, { weight: 1, arbitrary: wrongShape });
  // Optional arguments are often left out (undefined disappears from the JSON); required ones are sometimes null.
  return isNonNullType(type)
    ? fc.oneof({ weight: 15, arbitrary: shaped }, { weight: 1, arbitrary: fc.constant(null) })
    : fc.option(shaped, { nil: undefined, freq: 3 });
}

/** Row counts of every table of every subgraph, but the logs and counters that record refusals on purpose. */
let countSql = '';
async function rowCounts(): Promise<Record<string, number>> {
  const rows = await stack.sql<{ t: string; n: string }>(countSql);
  return Object.fromEntries(rows.map((row) => [row.t, Number(row.n)]));
}

let adminToken = '';
/** The admin may lock or sign themselves out with what the fuzzer sends (login, confirmPassword, logout): start them fresh. */
async function freshAdmin() {
  await stack.sql(`update identity.account set failed_login_count = 0, locked_at = null where login_id = 'demo-admin'`);
  adminToken = await stack.login('demo-admin');
}

beforeAll(async () => {
  const tables = await stack.sql<{ schema: string; name: string }>(
    `select table_schema as schema, table_name as name from information_schema.tables
      where table_schema in ('identity', 'organization', 'documents', 'billing') and table_type = 'BASE TABLE' and table_name not like 'mikro_orm%'
        -- R-LOGIN-3 records every sign-in attempt; billing's audit records refused free passes and declined payments;
        -- rate limits count refused calls too (that is their point).
        and (table_schema || '.' || table_name) not in ('identity.login_attempt', 'billing.audit_event')
        and table_name <> 'rate_limit_counter'
      order by 1, 2`,
  );
  countSql = tables.map((table) => `select '${table.schema}.${table.name}' as t, count(*) as n from "${table.schema}"."${table.name}"`).join(' union all ');
  await freshAdmin();
});

const operations = publicOperations();
const seedOf = (name: string) => [...name].reduce((hash, char) => (hash * 31 + char.charCodeAt(0)) | 0, SEED);

describe('hostile input never causes an internal error', () => {
  it('covers every mutation and every query with arguments in the public schema', () => {
    const mutations = operations.filter((op) => op.kind === 'mutation');
    expect(mutations.length).toBeGreaterThanOrEqual(25);
    expect(mutations.map((op) => op.name)).toEqual(
      expect.arrayContaining(['login', 'signUpCorporate', 'registerStaff', 'saveRanks', 'confirmPayment', 'unlockAccount']),
    );
    expect(operations.filter((op) => op.kind === 'query' && op.field.args.length).length).toBeGreaterThanOrEqual(5);
  });

  const fuzzed = operations.filter((op) => op.kind === 'mutation' || op.field.args.length > 0);
  it.each(fuzzed.map((op) => [`${op.kind} ${op.name}`, op] as const))('%s', async (_name, op) => {
    const variables = fc.record(Object.fromEntries(op.field.args.map((arg) => [arg.name, arbitraryFor(arg.type)])));
    let refusedChecked = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('admin', 'anonymous'), variables, async (viewer, values) => {
        const before = await rowCounts();
        const result: GraphQLResponse = await stack.graphql(op.document, values, viewer === 'admin' ? { token: adminToken } : {});
        const codes = (result.errors ?? []).map((error) => error.extensions?.code);
        const detail = `${viewer} ${JSON.stringify(values).slice(0, 300)} → ${result.status} ${JSON.stringify(result.errors)?.slice(0, 300)}`;
        expect(result.status, detail).toBeLessThan(500);
        expect(codes, detail).not.toContain('INTERNAL_SERVER_ERROR');
        for (const code of codes) expect(typeof code, detail).toBe('string');
        if (result.errors?.length) {
          expect(await rowCounts(), `row counts changed after a refusal: ${detail}`).toEqual(before);
          refusedChecked++;
        }
        if (viewer === 'admin' && (codes.includes('UNAUTHENTICATED') || ['logout', 'login', 'confirmPassword', 'resetPassword'].includes(op.name)))
          await freshAdmin();
      }),
      { seed: seedOf(op.name), numRuns: RUNS_PER_OPERATION, endOnFailure: true },
    );
    // Some runs were refusals whose row counts were compared (every operation refuses anonymous or hostile callers).
    expect(refusedChecked).toBeGreaterThan(0);
  });

  it('still answers the demo admin normally afterwards', async () => {
    await freshAdmin();
    const result = await stack.graphql(ViewerDocument, {}, { token: adminToken });
    expect(result.data.viewer?.loginId).toBe('demo-admin');
  });
});
