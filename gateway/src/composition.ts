import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { subgraphSdl } from '@econtract/server-kit';
import { parse, printSchema } from 'graphql';
import { defaultSubgraphUrls, SUBGRAPHS } from './subgraphs.ts';

export const SUPERGRAPH_PATH = path.resolve(import.meta.dirname, '../supergraph.graphql');
/** The public API (what clients, GraphiQL and the SDK see), without federation's join directives. */
export const API_SCHEMA_PATH = path.resolve(import.meta.dirname, '../api-schema.graphql');

export interface Composed {
  supergraphSdl: string;
  apiSchemaSdl: string;
}

/** Composes the four subgraphs' SDL, as `pnpm compose` does ahead of time. */
export async function composeSupergraph(): Promise<Composed> {
  const urls = defaultSubgraphUrls();
  const services = await Promise.all(
    SUBGRAPHS.map(async ({ definition }) => ({
      name: definition.name,
      url: `${urls[definition.name]}/graphql`,
      typeDefs: parse(await subgraphSdl(definition)),
    })),
  );
  const result = composeServices(services);
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  return {
    supergraphSdl: `${result.supergraphSdl.trim()}\n`,
    apiSchemaSdl: `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema()).trim()}\n`,
  };
}

export const readSupergraphSdl = () => readFile(SUPERGRAPH_PATH, 'utf8');
