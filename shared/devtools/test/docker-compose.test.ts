import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { gatewayEnvSchema } from '@econtract/gateway/env';
import { commonEnvSchema, services } from '@econtract/server-kit';

// No Docker engine runs here, so the file is checked for what `docker compose` would rely on.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const compose = parse(await readFile(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });

const SUBGRAPHS = Object.fromEntries(services.map(({ name, port }) => [name, port]));

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, a mail catcher, the four subgraphs and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['billing', 'documents', 'gateway', 'identity', 'mailpit', 'organization', 'postgres']);
  });

  it.each(Object.entries(SUBGRAPHS))('starts %s on its port with a valid configuration', async (name, port) => {
    const service = compose.services[name];
    expect(service.command.at(-1)).toBe(`subgraphs/${name}/src/main.ts`);
    expect(service.environment.PORT).toBe(String(port));
    expect(service.environment.SMTP_URL).toBe('smtp://mailpit:1025');
    expect(new URL(service.environment.DATABASE_URL).hostname).toBe('postgres');
    const interpolated = Object.fromEntries(Object.entries<string>(service.environment).map(([key, value]) => [key, String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/, '$1')]));
    expect(commonEnvSchema.safeParse(interpolated).success).toBe(true);
  });

  it('points the gateway at every subgraph by service name and publishes port 4000', () => {
    const gateway = compose.services.gateway;
    const interpolated = Object.fromEntries(Object.entries<string>(gateway.environment).map(([key, value]) => [key, String(value).replace(/\$\{[A-Z_]+:-([^}]*)\}/, '$1')]));
    const env = gatewayEnvSchema.parse(interpolated);
    for (const { name, port, urlVariable } of services) expect(env[urlVariable]).toBe(`http://${name}:${port}`);
    expect(gateway.ports).toEqual(['4000:4000']);
  });

  it('runs every command file that exists in the repository', async () => {
    for (const name of [...Object.keys(SUBGRAPHS), 'gateway']) {
      await expect(readFile(path.join(ROOT, compose.services[name].command.at(-1)))).resolves.toBeTruthy();
    }
  });
});
