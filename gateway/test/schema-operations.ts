import { readFile } from 'node:fs/promises';
import { buildSchema, getNamedType, isCompositeType, type GraphQLArgument, type GraphQLField } from 'graphql';
import { API_SCHEMA_PATH } from '../src/supergraph.ts';

/** The public schema clients see, read from the composed file, so a new operation is covered without editing a test. */
export const apiSchema = buildSchema(await readFile(API_SCHEMA_PATH, 'utf8'));

export interface PublicOperation {
  kind: 'query' | 'mutation';
  name: string;
  field: GraphQLField<unknown, unknown>;
  /** `query Q($a: T!, …) { name(a: $a, …) { __typename } }`: every argument as a variable. */
  document: string;
}

const variableDefinition = (arg: GraphQLArgument) => `$${arg.name}: ${String(arg.type)}`;

/** Every root field of Query and Mutation, in schema order. */
export function publicOperations(): PublicOperation[] {
  const found: PublicOperation[] = [];
  for (const [kind, root] of [
    ['query', apiSchema.getQueryType()],
    ['mutation', apiSchema.getMutationType()],
  ] as const) {
    for (const field of Object.values(root?.getFields() ?? {})) {
      const variables = field.args.length ? `(${field.args.map(variableDefinition).join(', ')})` : '';
      const args = field.args.length ? `(${field.args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
      const selection = isCompositeType(getNamedType(field.type)) ? ' { __typename }' : '';
      found.push({ kind, name: field.name, field, document: `${kind} Op${variables} { ${field.name}${args}${selection} }` });
    }
  }
  return found;
}
