import { billing } from '@econtract/billing';
import { documents } from '@econtract/documents';
import { identity } from '@econtract/identity';
import { organization } from '@econtract/organization';

/** The four subgraphs with their default ports (`pnpm dev`); tests pick free ports. */
export const SUBGRAPHS = [
  { definition: identity, defaultPort: 4001 },
  { definition: organization, defaultPort: 4002 },
  { definition: documents, defaultPort: 4003 },
  { definition: billing, defaultPort: 4004 },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['definition']['name'];
export type SubgraphUrls = Record<SubgraphName, string>;

export const defaultSubgraphUrls = (): SubgraphUrls =>
  Object.fromEntries(SUBGRAPHS.map(({ definition, defaultPort }) => [definition.name, `http://127.0.0.1:${defaultPort}`])) as SubgraphUrls;
