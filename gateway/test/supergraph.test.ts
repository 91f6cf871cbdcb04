import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../scripts/composition.ts';
import { API_SCHEMA_PATH, SUPERGRAPH_PATH } from '../src/supergraph.ts';

describe('the committed supergraph', () => {
  it('matches what the subgraphs compose to now (run `pnpm compose` after a schema change)', async () => {
    const { supergraphSdl, apiSchemaSdl } = await composeSupergraph();
    expect(await readFile(SUPERGRAPH_PATH, 'utf8')).toBe(supergraphSdl);
    expect(await readFile(API_SCHEMA_PATH, 'utf8')).toBe(apiSchemaSdl);
  });

  it('keeps federation internals out of the public API schema', async () => {
    const api = await readFile(API_SCHEMA_PATH, 'utf8');
    expect(api).toContain('viewer: User');
    expect(api).not.toMatch(/_entities|_service|join__|@key/);
  });

  it('keeps requirement ids, which are internal, out of the descriptions partners read', async () => {
    expect(await readFile(API_SCHEMA_PATH, 'utf8')).not.toMatch(/\bR-[A-Z]+-?\d/);
  });
});
