import { runSubgraph } from '@econtract/server-kit';
import { identity } from './index.ts';

await runSubgraph(identity);
