import { readFile } from 'node:fs/promises';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { useStack } from '@econtract/testkit';
import { API_SCHEMA_PATH } from '../src/supergraph.ts';

// Every public field that takes an id, called with one that is not a UUID: the answer must be a
// coded refusal, never an internal error (a malformed id reaching a uuid column).
const stack = useStack();
const MALFORMED = 'not-a-uuid';
const schema = buildSchema(await readFile(API_SCHEMA_PATH, 'utf8'));

const mentionsId = (type: GraphQLInputType, depth = 0): boolean => {
  const named = getNamedType(type);
  if (named.name === 'ID') return true;
  return depth < 2 && isInputObjectType(named) && Object.values(named.getFields()).some((field) => mentionsId(field.type, depth + 1));
};

/** A literal for `type`: ids malformed, other required values plausible, optional non-id values left out. */
function literal(type: GraphQLInputType, depth = 0): string | undefined {
  const required = isNonNullType(type);
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const item = literal(inner.ofType as GraphQLInputType, depth);
    return item === undefined ? (required ? '[]' : undefined) : `[${item}]`;
  }
  const named = inner as GraphQLNamedType;
  if (named.name === 'ID') return JSON.stringify(MALFORMED);
  if (!required && !(isInputObjectType(named) && mentionsId(named, depth))) return undefined;
  if (isEnumType(named)) return named.getValues()[0]!.name;
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields())
      .map((field) => [field.name, literal(field.type, depth + 1)] as const)
      .filter(([, value]) => value !== undefined);
    return `{ ${fields.map(([name, value]) => `${name}: ${value}`).join(', ')} }`;
  }
  if (isScalarType(named)) return ({ Int: '1', Float: '1', Boolean: 'true' } as Record<string, string>)[named.name] ?? JSON.stringify('x');
  return undefined;
}

function operations(): Array<{ name: string; document: string }> {
  const found: Array<{ name: string; document: string }> = [];
  for (const [operation, root] of [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {}) as GraphQLField<unknown, unknown>[]) {
      if (!field.args.some((arg) => mentionsId(arg.type))) continue;
      const args = field.args.map((arg) => [arg.name, literal(arg.type)] as const).filter(([, value]) => value !== undefined);
      const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
      found.push({
        name: `${operation} ${field.name}`,
        document: `${operation} { ${field.name}(${args.map(([n, v]) => `${n}: ${v}`).join(', ')})${selection} }`,
      });
    }
  }
  return found;
}

describe('malformed ids', () => {
  const all = operations();

  it('finds the fields that take ids', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.map((op) => op.name)).toEqual(expect.arrayContaining(['mutation unlockAccount', 'mutation deleteDepartment', 'query staffMembers']));
  });

  it.each(all.map((op) => [op.name, op.document]))('%s answers with a coded refusal', async (_name, document) => {
    for (const loginId of ['demo-admin', 'operator']) {
      const result = await stack.graphql(document, {}, { token: await stack.login(loginId) });
      const codes = (result.errors ?? []).map((error) => error.extensions?.code);
      expect(codes, `${loginId}: ${JSON.stringify(result.errors)}`).not.toContain('INTERNAL_SERVER_ERROR');
      expect(codes, `${loginId}: ${JSON.stringify(result.errors)}`).not.toContain('GRAPHQL_VALIDATION_FAILED');
    }
  });
});
