import { composeServices } from '@apollo/composition';
import { billing } from '@econtract/billing';
import { documents } from '@econtract/documents';
import { identity } from '@econtract/identity';
import { organization } from '@econtract/organization';
import { localServiceUrl, services, subgraphSdl, type ServiceName, type SubgraphDefinition } from '@econtract/server-kit';
import { parse, printSchema } from 'graphql';

// Only `pnpm compose` and the freshness test load the subgraphs' code; the running gateway reads the files.
const definitions: Record<ServiceName, SubgraphDefinition<any>> = { identity, organization, documents, billing };

export interface Composed {
  supergraphSdl: string;
  apiSchemaSdl: string;
}

/** Composes the four subgraphs' SDL, as `pnpm compose` does ahead of time. */
export async function composeSupergraph(): Promise<Composed> {
  const subgraphs = await Promise.all(
    services.map(async (service) => ({
      name: service.name,
      url: `${localServiceUrl(service)}/graphql`,
      typeDefs: parse(await subgraphSdl(definitions[service.name])),
    })),
  );
  const result = composeServices(subgraphs);
  if (result.errors) throw new Error(`Composition failed:\n${result.errors.map((error) => `- ${error.message}`).join('\n')}`);
  return {
    supergraphSdl: `${result.supergraphSdl.trim()}\n`,
    apiSchemaSdl: `${printSchema(result.schema.toAPISchema().toGraphQLJSSchema()).trim()}\n`,
  };
}
