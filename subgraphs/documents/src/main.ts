import { runSubgraph } from '@econtract/server-kit';
import { documents } from './index.ts';

await runSubgraph(documents);
