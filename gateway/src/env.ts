import { commonEnvSchema, parseEnv } from '@econtract/server-kit';
import { z } from 'zod';

export const gatewayEnvSchema = commonEnvSchema.and(
  z.object({
    PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    IDENTITY_URL: z.url().default('http://127.0.0.1:4001'),
    ORGANIZATION_URL: z.url().default('http://127.0.0.1:4002'),
    DOCUMENTS_URL: z.url().default('http://127.0.0.1:4003'),
    BILLING_URL: z.url().default('http://127.0.0.1:4004'),
    /** `static` loads gateway/supergraph.graphql; `dynamic` composes from the running subgraphs (local dev only). */
    SUPERGRAPH_MODE: z.enum(['static', 'dynamic']).default('static'),
  }),
);
export type GatewayEnv = z.infer<typeof gatewayEnvSchema>;
export const loadGatewayEnv = (source?: Record<string, string | undefined>) => parseEnv(gatewayEnvSchema, source);
