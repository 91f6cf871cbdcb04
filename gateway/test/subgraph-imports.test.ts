import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { serviceNames } from '@econtract/server-kit';

// The running gateway loads no subgraph code (no entity classes, no resolvers): it reads the composed
// supergraph and calls the subgraphs over HTTP; it may know their internal routes' types only.
const GATEWAY = path.resolve(import.meta.dirname, '..');
const subgraphPackage = new RegExp(`^@econtract/(${serviceNames.join('|')})(/|$)`);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && /\.(ts|mts|js|mjs)$/.test(entry.name)).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Every module specifier a file loads at run time: static imports and re-exports (not `import type`), dynamic imports, require. */
function runtimeSpecifiers(source: string): string[] {
  const statements = source.match(/^\s*(?:import|export)\b[^;]*?\bfrom\s*['"][^'"]+['"]|^\s*import\s*['"][^'"]+['"]/gm) ?? [];
  const staticOnes = statements
    .filter((statement) => !/^\s*(?:import|export)\s+type\b/.test(statement))
    .map((statement) => statement.match(/['"]([^'"]+)['"]\s*$/)![1]!);
  const dynamicOnes = [...source.matchAll(/\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g)].map((match) => match[1]!);
  return [...staticOnes, ...dynamicOnes];
}

/** The subgraph source files a Node process loads when it imports `entry` (as `pnpm dev` runs it). */
async function subgraphModulesLoadedBy(entry: string): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'econtract-modules-'));
  const log = path.join(dir, 'modules.log');
  try {
    const args = ['--import', '@econtract/server-kit/register', '--import', path.join(import.meta.dirname, 'fixtures/record-modules.mjs')];
    const script = `await import(${JSON.stringify(pathToFileURL(entry).href)});`;
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, [...args, '--input-type=module', '-e', script], {
        cwd: GATEWAY,
        env: { ...process.env, MODULE_LOG: log },
        stdio: 'inherit',
      });
      child.on('error', reject);
      child.on('close', resolve);
    });
    if (code !== 0) throw new Error(`importing ${entry} failed (exit ${code})`);
    const urls = (await readFile(log, 'utf8')).split('\n');
    return [...new Set(urls.filter((url) => url.includes('/subgraphs/')))];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('the gateway process and the subgraphs', () => {
  it('recognises a runtime import of a subgraph package, and lets a type-only one pass', () => {
    const source = [
      "import type { IdentityRoutes } from '@econtract/identity/routes';",
      "import { billing } from '@econtract/billing';",
      "export { documents } from '@econtract/documents';",
      "const lazy = await import('@econtract/organization');",
    ].join('\n');
    expect(runtimeSpecifiers(source).filter((specifier) => subgraphPackage.test(specifier))).toEqual([
      '@econtract/billing',
      '@econtract/documents',
      '@econtract/organization',
    ]);
  });

  it('imports no subgraph package at run time from gateway/src (types of internal routes only)', async () => {
    const offending: string[] = [];
    for (const file of await sourceFiles(path.join(GATEWAY, 'src'))) {
      for (const specifier of runtimeSpecifiers(await readFile(file, 'utf8'))) {
        if (subgraphPackage.test(specifier)) offending.push(`${path.relative(GATEWAY, file)}: ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it('loads no subgraph module when the gateway starts its code (the composition script does)', async () => {
    expect(await subgraphModulesLoadedBy(path.join(GATEWAY, 'src/index.ts'))).toEqual([]);
    expect((await subgraphModulesLoadedBy(path.join(GATEWAY, 'scripts/composition.ts'))).length).toBeGreaterThan(10);
  }, 60_000);

  it('lists subgraph packages only as development dependencies (composition script, route types)', async () => {
    const manifest = JSON.parse(await readFile(path.join(GATEWAY, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(Object.keys(manifest.dependencies).filter((name) => subgraphPackage.test(name))).toEqual([]);
  });
});
