import { allow, deny, rule, shield } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { isObjectType, type GraphQLSchema } from 'graphql';
import { forbidden, msg, unauthenticated } from './errors.ts';
import type { SubgraphContext } from './context.ts';
import { isOperator } from './viewer.ts';

export { allow, deny, and, or, not, rule } from 'graphql-shield';
export type { IRules };

type Ctx = SubgraphContext;

/** Rules return errors (never throw), so shield reports them with their codes. */
export const isAuthenticated = rule({ cache: 'contextual' })((_parent, _args, ctx: Ctx) => (ctx.viewer ? true : unauthenticated()));

export const isCompanyMember = rule({ cache: 'contextual' })((_parent, _args, ctx: Ctx) => {
  if (!ctx.viewer) return unauthenticated();
  return ctx.viewer.member?.active
    ? true
    : forbidden(msg('Only members of a company or a personal workspace can do this.', '회사 또는 개인 회원만 할 수 있는 작업입니다.'));
});

export const isOperatorRule = rule({ cache: 'contextual' })((_parent, _args, ctx: Ctx) => {
  if (!ctx.viewer) return unauthenticated();
  return isOperator(ctx.viewer) ? true : forbidden(msg('Only the customer centre can do this.', '고객센터만 할 수 있는 작업입니다.'));
});

/** Federation's own fields: the gateway plans through them (the port itself is behind the internal token). */
const federationRules: Record<string, Record<string, typeof allow>> = {
  Query: { _service: allow, _entities: allow },
  _Service: { sdl: allow },
};

/** A subgraph's rule map: type → rule, or type → field → rule. */
export type PermissionRules = Record<string, unknown>;

/**
 * Shield for one built schema. Deny by default: a field without a rule is refused, so a new field
 * stays private until someone decides. Federation's fields are allowed where the schema has them.
 */
export function shieldFor(schema: GraphQLSchema, rules: PermissionRules) {
  const merged: Record<string, unknown> = { ...rules };
  for (const [typeName, fields] of Object.entries(federationRules)) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) continue;
    const present = Object.fromEntries(Object.entries(fields).filter(([field]) => field in type.getFields()));
    merged[typeName] = { ...present, ...((rules[typeName] as object | undefined) ?? {}) };
  }
  return shield(merged as IRules, {
    fallbackRule: deny,
    fallbackError: forbidden(),
    // Errors our resolvers throw on purpose keep their codes; formatError masks the rest.
    allowExternalErrors: true,
  });
}
