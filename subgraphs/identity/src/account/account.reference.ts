import { companyOf, isOperator } from '@econtract/server-kit';
import type { Account } from './account.entity.ts';
import type { IdentityContext } from '../context.ts';

/** `_entities` skips shield: a user is visible to itself, its own company and the operator only. */
export async function resolveAccountReference(reference: { id?: unknown }, ctx: IdentityContext): Promise<Account | null> {
  if (!ctx.viewer || typeof reference.id !== 'string') return null;
  const account = await ctx.loaders.accountById.load(reference.id);
  if (!account) return null;
  const visible = account.id === ctx.viewer.userId || isOperator(ctx.viewer) || (account.companyId !== null && account.companyId === companyOf(ctx.viewer));
  return visible ? account : null;
}
