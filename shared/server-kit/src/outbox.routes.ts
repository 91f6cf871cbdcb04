import { internalProcedure, internalRouter, type ServedBy } from './internal-routes.ts';
import type { OutboxNotifier } from './notifications.ts';
import type { ServiceName } from './services.ts';

/** Every subgraph outside production: its stored messages, newest first, for the gateway's /dev/outbox. */
export const outboxRoutes = (outbox: OutboxNotifier) =>
  internalRouter({
    outbox: internalRouter({
      list: internalProcedure.query(({ ctx }) => outbox.list(ctx.em)),
    }),
  });
export type OutboxRoutes = ServedBy<ServiceName, ReturnType<typeof outboxRoutes>>;
