import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import { AppError, ErrorCode, msg } from '@econtract/server-kit';
import {
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type DocumentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';

/** What one operation may ask for; every refusal happens before any subgraph is called. */
export const OPERATION_LIMITS = {
  /** Nested fields, e.g. `viewer { company { departments { children { id } } } }` is 5. */
  maxDepth: 10,
  maxAliases: 20,
  maxDirectives: 20,
  /** Lexical tokens of the query text (the standard introspection query has about 300). */
  maxTokens: 3000,
  /** See `operationCost`. */
  maxCost: 5000,
  /** The JSON body of one request. */
  maxBodyBytes: 100 * 1024,
  /**
   * The body of a signed-in call of a bulk operation (LARGE_INPUT_OPERATIONS): 1,000 bulk-issuance
   * rows of up to about 900 bytes each; below the subgraphs' own 1 MB.
   */
  maxBulkBodyBytes: 900 * 1024,
} as const;

/** Mutations whose input is a list of up to 1,000 rows; a request for one of them alone may use `maxBulkBodyBytes`. */
export const LARGE_INPUT_OPERATIONS: ReadonlySet<string> = new Set(['createContractsInBulk']);

/** True when the body's operation is a mutation of LARGE_INPUT_OPERATIONS fields only (its query text within the token limit). */
export function isLargeInputOperation(body: Record<string, unknown>): boolean {
  const { query, operationName } = body;
  if (typeof query !== 'string' || exceedsTokenLimit(query)) return false;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false;
  }
  const operations = document.definitions.filter((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION);
  const operation =
    typeof operationName === 'string'
      ? operations.find((candidate) => candidate.name?.value === operationName)
      : operations.length === 1
        ? operations[0]
        : undefined;
  return (
    operation?.operation === 'mutation' &&
    operation.selectionSet.selections.every(
      (selection) => selection.kind === Kind.FIELD && (LARGE_INPUT_OPERATIONS.has(selection.name.value) || selection.name.value === '__typename'),
    )
  );
}

/** A list without a `first` argument is assumed to hold this many items. */
const ASSUMED_LIST_SIZE = 20;
/** A mutation does real work (mail, SQL writes), so each one costs as much as ten object fetches. */
const MUTATION_COST = 10;

export interface QueryCost {
  requestedQueryCost: number;
  maximumAvailable: number;
}

export const tooComplex = (en: string, ko: string, details: Record<string, unknown> = {}) =>
  new AppError(ErrorCode.QUERY_TOO_COMPLEX, msg(en, ko), { http: { status: 400 }, ...details });

/**
 * The cost of an operation, GitHub-style: each object a field returns costs 1 (scalars are free),
 * each mutation 10, and a field's `first` (or an assumed 20 for a list without one) multiplies
 * the cost of everything selected under it. Connection edges take their size from the connection.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  if (!root) return 0;
  const selectionCost = (selectionSet: SelectionSetNode, parentType: GraphQLCompositeType, isRoot: boolean): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT || selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = selection.kind === Kind.FRAGMENT_SPREAD ? fragments[selection.name.value] : selection;
        if (!fragment) continue;
        const conditionType = fragment.typeCondition ? schema.getType(fragment.typeCondition.name.value) : parentType;
        total += isCompositeType(conditionType) ? selectionCost(fragment.selectionSet, conditionType, isRoot) : 0;
        continue;
      }
      if (selection.name.value.startsWith('__') || !('getFields' in parentType)) continue;
      const field = parentType.getFields()[selection.name.value];
      if (!field) continue;
      const named = getNamedType(field.type);
      const own = isRoot && operation.operation === 'mutation' ? MUTATION_COST : isCompositeType(named) ? 1 : 0;
      let size = 1;
      if (field.args.some((arg) => arg.name === 'first')) {
        const args = safeArguments(field, selection, variables);
        size = typeof args.first === 'number' && args.first > 0 ? args.first : 1;
      } else if (isListType(getNullableType(field.type)) && !parentType.name.endsWith('Connection')) {
        size = ASSUMED_LIST_SIZE;
      }
      const below = selection.selectionSet && isCompositeType(named) ? selectionCost(selection.selectionSet, named, false) : 0;
      total += own + size * below;
    }
    return total;
  };
  return selectionCost(operation.selectionSet, root, true);
}

function safeArguments(
  field: Parameters<typeof getArgumentValues>[0],
  node: Parameters<typeof getArgumentValues>[1],
  variables: Record<string, unknown>,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    return {};
  }
}

/** Query text longer than the token limit is refused before it is even parsed. */
export function exceedsTokenLimit(query: string): boolean {
  const lexer = new Lexer(new Source(query));
  try {
    for (let count = 0; lexer.advance().kind !== TokenKind.EOF; count++) {
      if (count >= OPERATION_LIMITS.maxTokens) return true;
    }
  } catch {
    // A syntax error: the parser answers it with GRAPHQL_PARSE_FAILED.
  }
  return false;
}

/** Depth, aliases and directives (graphql-armor's validation rules) with our code and both languages. */
function armorRules(production: boolean) {
  const refuse = (en: string, ko: string) => [(context: ValidationContext | null) => context?.reportError(tooComplex(en, ko))];
  const { plugins, validationRules } = new ApolloArmor({
    maxDepth: {
      n: OPERATION_LIMITS.maxDepth,
      propagateOnRejection: false,
      onReject: refuse(
        `The query nests more than ${OPERATION_LIMITS.maxDepth} levels deep. Ask for less at once.`,
        `쿼리의 중첩 깊이가 ${OPERATION_LIMITS.maxDepth}단계를 넘습니다. 한 번에 요청하는 범위를 줄여 주세요.`,
      ),
    },
    maxAliases: {
      n: OPERATION_LIMITS.maxAliases,
      propagateOnRejection: false,
      onReject: refuse(
        `The query uses more than ${OPERATION_LIMITS.maxAliases} aliases. Send separate requests.`,
        `쿼리에 별칭(alias)이 ${OPERATION_LIMITS.maxAliases}개를 넘습니다. 요청을 나누어 보내 주세요.`,
      ),
    },
    maxDirectives: {
      n: OPERATION_LIMITS.maxDirectives,
      propagateOnRejection: false,
      onReject: refuse(
        `The query uses more than ${OPERATION_LIMITS.maxDirectives} directives.`,
        `쿼리에 지시자(directive)가 ${OPERATION_LIMITS.maxDirectives}개를 넘습니다.`,
      ),
    },
    // Our own cost (list sizes multiply) and token check replace armor's.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    // "Did you mean …" tells a stranger the schema's field names; developers keep the hint.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { plugins, validationRules };
}

export interface OperationLimits {
  plugins: ApolloServerPlugin<any>[];
  validationRules: Array<(context: ValidationContext) => unknown>;
  /** Refuses an operation over the cost limit; call it before anything is sent to a subgraph. */
  checkCost(requestContext: GraphQLRequestContext<object>): void;
}

/**
 * Apollo settings for the public endpoint: armor's rules, the cost check on the resolved operation
 * (variables known, nothing planned yet) and the cost in `extensions.cost` of every answer.
 */
export function operationLimits(production: boolean): OperationLimits {
  const armor = armorRules(production);
  const costs = new WeakMap<object, QueryCost>();
  const costReport: ApolloServerPlugin<any> = {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue }) {
          const cost = costs.get(contextValue);
          if (!cost || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, cost };
        },
      };
    },
  };
  return {
    plugins: [...(armor.plugins as ApolloServerPlugin<any>[]), costReport],
    validationRules: armor.validationRules as never,
    checkCost({ document, operation, schema, request, contextValue }) {
      if (!document || !operation) return;
      const fragments = Object.fromEntries(
        document.definitions
          .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
          .map((fragment) => [fragment.name.value, fragment]),
      );
      const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {});
      const requestedQueryCost = operationCost(schema, operation, fragments, coerced.coerced ?? {});
      costs.set(contextValue, { requestedQueryCost, maximumAvailable: OPERATION_LIMITS.maxCost });
      if (requestedQueryCost > OPERATION_LIMITS.maxCost) {
        throw tooComplex(
          `The query would cost ${requestedQueryCost} points; at most ${OPERATION_LIMITS.maxCost} are allowed. Ask for smaller pages (first) or fewer fields.`,
          `쿼리 비용이 ${requestedQueryCost}점으로 최대 ${OPERATION_LIMITS.maxCost}점을 넘습니다. 페이지 크기(first)나 필드 수를 줄여 주세요.`,
        );
      }
    },
  };
}

/** Extension keys that describe the gateway's subgraphs; a client never sees them. */
const INTERNAL_EXTENSIONS = ['serviceName', 'query', 'variables', 'exception', 'stacktrace'];

/**
 * The code and message our own refusals were raised with, where Apollo re-coded them (validation
 * errors all become GRAPHQL_VALIDATION_FAILED); and no subgraph internals in any error.
 */
export function publicError<E extends { extensions?: Record<string, unknown> }>(formatted: E, error: unknown): E {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  const extensions: Record<string, unknown> = { ...formatted.extensions };
  if (original instanceof AppError && original.code === ErrorCode.QUERY_TOO_COMPLEX) extensions.code = original.code;
  for (const key of INTERNAL_EXTENSIONS) delete extensions[key];
  return { ...formatted, extensions };
}
