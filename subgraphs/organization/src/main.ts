import { runSubgraph } from '@econtract/server-kit';
import { organization } from './index.ts';

await runSubgraph(organization);
