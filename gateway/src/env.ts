import { commonEnvSchema, parseEnv } from '@econtract/server-kit';
import { z } from 'zod';

export const gatewayEnvSchema = commonEnvSchema.and(
  z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    /** Express `trust proxy` (e.g. `loopback` or `1`) when a proxy in front sets X-Forwarded-For. */
    TRUST_PROXY: z.string().optional(),
    /** `static` loads gateway/supergraph.graphql; `dynamic` composes from the running subgraphs (local dev only). */
    SUPERGRAPH_MODE: z.enum(['static', 'dynamic']).default('static'),
  }),
);
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
export const loadGatewayEnv = (source?: Record<string, string | undefined>) => parseEnv(gatewayEnvSchema, source);
