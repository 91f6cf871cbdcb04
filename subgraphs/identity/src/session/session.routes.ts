import { internalProcedure, internalRouter } from '@econtract/server-kit';
import { z } from 'zod';
import { revokeSessions } from './session.service.ts';

export const sessionRoutes = internalRouter({
  /** Ends every sign-in of an account (suspension, permission changes that must bite now). */
  revokeAll: internalProcedure
    .input(z.object({ accountId: z.uuid(), reason: z.string().min(1).max(50) }))
    .mutation(async ({ input, ctx }) => ({ revoked: await revokeSessions(ctx.em, { accountId: input.accountId }, input.reason) })),
});
