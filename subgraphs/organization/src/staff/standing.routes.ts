import { internalProcedure, internalRouter, memberStandingSchema } from '@econtract/server-kit';
import { z } from 'zod';
import { memberStanding } from './member.standing.ts';

export const standingRoutes = internalRouter({
  /**
   * The gateway, on every signed-in request (and identity at login): the member's company, grade,
   * department scope, permissions and active flag; null for an account without a profile (operators).
   * Checked against the schema before it is sent, since the gateway grants access by it.
   */
  member: internalProcedure
    .input(z.object({ userId: z.string() }))
    .output(memberStandingSchema.nullable())
    .query(({ input, ctx }) => memberStanding(input, ctx)),
});
