import { accountStandingSchema, internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import { accountStanding } from './account.standing.ts';

export const standingRoutes = internalRouter({
  /**
   * The gateway, on every signed-in request: may this account, in this sign-in, act right now?
   * Checked against the schema before it is sent, since the gateway grants access by it.
   */
  account: internalProcedure
    .input(z.object({ userId: z.string(), sessionId: z.string().nullable() }))
    .output(accountStandingSchema.nullable())
    .query(({ input, ctx }) => accountStanding(input, ctx)),
});
