// `pnpm compose`: writes the supergraph the gateway loads and the API schema codegen reads.
import { writeFile } from 'node:fs/promises';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from '../src/supergraph.ts';
import { composeSupergraph } from './composition.ts';

const { supergraphSdl, apiSchemaSdl } = await composeSupergraph();
await writeFile(SUPERGRAPH_PATH, supergraphSdl);
await writeFile(API_SCHEMA_PATH, apiSchemaSdl);
console.log(`wrote ${SUPERGRAPH_PATH}\nwrote ${API_SCHEMA_PATH}`);
