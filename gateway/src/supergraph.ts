import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** Written by `pnpm compose` (gateway/scripts/compose.ts); the gateway loads it at start-up. */
export const SUPERGRAPH_PATH = path.resolve(import.meta.dirname, '../supergraph.graphql');
/** The public API (what clients, GraphiQL and the SDK see), without federation's join directives. */
export const API_SCHEMA_PATH = path.resolve(import.meta.dirname, '../api-schema.graphql');

export const readSupergraphSdl = () => readFile(SUPERGRAPH_PATH, 'utf8');
