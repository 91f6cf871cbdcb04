import { Ctx, Query, Resolver } from 'type-graphql';
import { Account } from './account.entity.ts';
import type { IdentityContext } from '../context.ts';

@Resolver(() => Account)
export class AccountResolver {
  @Query(() => Account, { nullable: true, description: 'The signed-in user; null when anonymous.' })
  async viewer(@Ctx() ctx: IdentityContext): Promise<Account | null> {
    if (!ctx.viewer) return null;
    return ctx.loaders.accountById.load(ctx.viewer.userId);
  }
}
