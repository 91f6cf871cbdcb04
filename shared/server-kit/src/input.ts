import { getNullableType, isInputObjectType, isListType, isScalarType, type GraphQLArgument, type GraphQLInputType, type GraphQLResolveInfo } from 'graphql';
import { badUserInput, msg } from './errors.ts';
import { isUuid } from './ids.ts';

/**
 * Case folding for names compared "regardless of case" (ranks, departments): computed here, stored
 * in a key column with a unique index, so code and database agree. Upper then lower folds the Greek
 * final sigma (ς, σ, Σ) and similar pairs that a plain toLowerCase or SQL lower() keeps apart.
 */
export const foldCase = (text: string): string => text.normalize('NFC').toUpperCase().toLowerCase();

const NUL = '\u0000';
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A text argument as every resolver receives it: NFC, with no NUL and no unpaired surrogate. */
export function normalizeText(value: string, field: string): string {
  if (value.includes(NUL) || UNPAIRED_SURROGATE.test(value)) {
    throw badUserInput(
      msg(
        `"${field}" contains a character that cannot be stored (NUL or broken Unicode). Remove it and try again.`,
        `"${field}"에 저장할 수 없는 문자(NUL 또는 깨진 유니코드)가 있습니다. 지우고 다시 시도해 주세요.`,
      ),
      { field },
    );
  }
  return value.normalize('NFC');
}

/** An ID argument: every id is a UUID, compared in lower case. */
export function normalizeId(value: string, field: string): string {
  if (!isUuid(value)) throw badUserInput(msg(`"${field}" is not a valid id.`, `"${field}" 값이 올바른 ID가 아닙니다.`), { field });
  return value.toLowerCase();
}

function normalizeValue(type: GraphQLInputType, value: unknown, field: string): unknown {
  if (value == null) return value;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner))
    return Array.isArray(value) ? value.map((item) => normalizeValue(inner.ofType, item, field)) : normalizeValue(inner.ofType, value, field);
  if (isInputObjectType(inner)) {
    const fields = inner.getFields();
    const object = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(object).map((key) => [key, fields[key] ? normalizeValue(fields[key].type, object[key], key) : object[key]]));
  }
  if (isScalarType(inner) && typeof value === 'string') {
    if (inner.name === 'ID') return normalizeId(value, field);
    if (inner.name === 'String') return normalizeText(value, field);
  }
  return value;
}

/** The field's arguments, each normalised by its declared type (other scalars and enums pass as they are). */
export function normalizeArguments(args: readonly GraphQLArgument[], values: Record<string, unknown>): Record<string, unknown> {
  const normalized: Record<string, unknown> = { ...values };
  for (const arg of args) {
    if (arg.name in values) normalized[arg.name] = normalizeValue(arg.type, values[arg.name], arg.name);
  }
  return normalized;
}

/**
 * graphql-middleware applied to every subgraph's schema: the one place text and id arguments are
 * checked and canonicalised, so no resolver sees a NUL, a lone surrogate, a non-NFC name or an
 * upper-case id.
 */
export function argumentNormalizer(
  resolve: (root: unknown, args: Record<string, unknown>, context: unknown, info: GraphQLResolveInfo) => unknown,
  root: unknown,
  args: Record<string, unknown>,
  context: unknown,
  info: GraphQLResolveInfo,
): unknown {
  // Synchronous, so fields without arguments stay as cheap as they were.
  if (!args || Object.keys(args).length === 0) return resolve(root, args, context, info);
  const field = info.parentType.getFields()[info.fieldName];
  return resolve(root, field ? normalizeArguments(field.args, args) : args, context, info);
}
