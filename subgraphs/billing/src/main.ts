import { runSubgraph } from '@econtract/server-kit';
import { billing } from './index.ts';

await runSubgraph(billing, 4004);
