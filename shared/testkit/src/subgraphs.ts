import { billing } from '@econtract/billing';
import { documents } from '@econtract/documents';
import { identity } from '@econtract/identity';
import { organization } from '@econtract/organization';
import { services, type ServiceName, type SubgraphDefinition } from '@econtract/server-kit';

const definitions: Record<ServiceName, SubgraphDefinition<any>> = { identity, organization, documents, billing };

/** Every subgraph's definition, in the order of `services` (the order they are migrated and started in). */
export const subgraphDefinitions = (): SubgraphDefinition<any>[] => services.map(({ name }) => definitions[name]);
