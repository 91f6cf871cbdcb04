import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { billingEnvSchema } from '@econtract/billing/env';
import { gatewayEnvSchema } from '@econtract/gateway/env';
import { internalKeyEnvFile, PUBLISHED_SECRETS, services, signingKeysVariable, subgraphProcessEnvSchema, type ServiceName } from '@econtract/server-kit';

// No Docker engine runs here, so the files are checked for what `docker compose` and `docker build` would rely on.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');
const compose = parse(read('docker-compose.yml'), { merge: true });

const SUBGRAPHS = services.map(({ name }) => name);
type AppService = ServiceName | 'gateway';
const APP_SERVICES: AppService[] = [...SUBGRAPHS, 'gateway'];
const IMAGE_ROOT = '/app';
const RUN_COMMAND = ['node', '--import', '@econtract/server-kit/register', 'src/main.ts'];

/** Compose's variable substitution: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`. */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (whole, name, colon, kind, operand, bare) => {
    if (whole === '$$') return '$';
    if (bare) return vars[bare] ?? '';
    const value = vars[name];
    const missing = value === undefined || (colon === ':' && value === '');
    if (kind === '?' && missing) throw new Error(`${name}: ${operand}`);
    return kind === '-' && missing ? operand : (value ?? '');
  });
}
const interpolated = <T>(node: T, vars: Record<string, string>): T =>
  (typeof node === 'string'
    ? interpolate(node, vars)
    : Array.isArray(node)
      ? node.map((item) => interpolated(item, vars))
      : node && typeof node === 'object'
        ? Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolated(value, vars)]))
        : node) as T;

/** The variables an env file sets, as Compose reads them (`KEY=value`, comments and blank lines skipped). */
const envFile = (text: string) =>
  Object.fromEntries(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  ) as Record<string, string>;
const ENV_EXAMPLE = envFile(read('.env.example'));

/** Every problem a service would report at start-up with the environment Compose gives its container. */
function startUpProblems(name: AppService, environment: Record<string, unknown>): string[] {
  const env = Object.fromEntries(
    Object.entries(environment)
      .filter(([, value]) => value !== '' && value !== undefined)
      .map(([key, value]) => [key, String(value)]),
  );
  const schemas =
    name === 'gateway' ? [gatewayEnvSchema] : name === 'billing' ? [subgraphProcessEnvSchema(0), billingEnvSchema] : [subgraphProcessEnvSchema(0)];
  return schemas.flatMap((schema) => {
    const result = schema.safeParse(env);
    return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
  });
}

const packageDirOf = (name: AppService) => (name === 'gateway' ? 'gateway' : `subgraphs/${name}`);
const packageJson = (dir: string) => JSON.parse(read(`${dir}/package.json`));

/** Workspace package folders, from pnpm-workspace.yaml's globs (`dir` or `dir/*`). */
const workspacePackages = (): string[] =>
  (parse(read('pnpm-workspace.yaml')).packages as string[]).flatMap((glob) =>
    glob.endsWith('/*')
      ? readdirSync(path.join(ROOT, glob.slice(0, -2)))
          .map((entry) => `${glob.slice(0, -2)}/${entry}`)
          .filter((dir) => existsSync(path.join(ROOT, dir, 'package.json')))
      : [glob],
  );

describe('docker-compose.yml', () => {
  const laptop = interpolated(compose, {});

  it('runs PostgreSQL, a mail catcher, the four subgraphs and the gateway', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['billing', 'documents', 'gateway', 'identity', 'mailpit', 'organization', 'postgres']);
  });

  it.each(APP_SERVICES)('builds %s from the Dockerfile and runs it from its package folder', (name) => {
    const service = compose.services[name];
    expect(service.build).toEqual({ context: '.', dockerfile: 'Dockerfile' });
    expect(service.image).toBe(compose.services.gateway.image);
    expect(service.working_dir).toBe(`${IMAGE_ROOT}/${packageDirOf(name)}`);
    expect(service.command).toEqual(RUN_COMMAND);
    expect(existsSync(path.join(ROOT, packageDirOf(name), RUN_COMMAND.at(-1)!))).toBe(true);
    // The same command as the package's own start script, whose folder links server-kit for `--import`.
    expect(packageJson(packageDirOf(name)).scripts.start).toBe(RUN_COMMAND.join(' '));
    expect(packageJson(packageDirOf(name)).dependencies['@econtract/server-kit']).toBe('workspace:*');
  });

  it.each(APP_SERVICES)('gives %s a listening address, its port, the database and the mail catcher', (name) => {
    const env = laptop.services[name].environment;
    expect(env.HOST).toBe('0.0.0.0');
    expect(env.PORT).toMatch(/^\d+$/);
    const database = new URL(env.DATABASE_URL);
    const postgres = laptop.services.postgres.environment;
    expect([database.hostname, database.port, database.username, database.password, database.pathname]).toEqual([
      'postgres',
      '5432',
      postgres.POSTGRES_USER,
      postgres.POSTGRES_PASSWORD,
      `/${postgres.POSTGRES_DB}`,
    ]);
    expect(env.SMTP_URL).toBe('smtp://mailpit:1025');
    expect(startUpProblems(name, env)).toEqual([]);
  });

  it('gives the services different ports', () => {
    const ports = APP_SERVICES.map((name) => laptop.services[name].environment.PORT);
    expect(new Set(ports).size).toBe(APP_SERVICES.length);
  });

  it.each(APP_SERVICES)('lets %s reach every sibling subgraph by service name, on the port that sibling listens on', (name) => {
    const env = laptop.services[name].environment;
    for (const sibling of SUBGRAPHS.filter((subgraph) => subgraph !== name)) {
      expect(env[`${sibling.toUpperCase()}_URL`], `${name} → ${sibling}`).toBe(`http://${sibling}:${laptop.services[sibling].environment.PORT}`);
    }
  });

  it('starts subgraphs after PostgreSQL is healthy and the gateway after every subgraph is', () => {
    for (const name of SUBGRAPHS) expect(compose.services[name].depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
    expect(compose.services.gateway.depends_on).toEqual(Object.fromEntries(SUBGRAPHS.map((name) => [name, { condition: 'service_healthy' }])));
    for (const name of ['postgres', ...APP_SERVICES]) expect(compose.services[name].healthcheck?.test, name).toBeDefined();
    // Each service's health check asks its own /readyz on the port it listens on.
    for (const name of APP_SERVICES) expect(compose.services[name].healthcheck.test.join(' ')).toMatch(/127\.0\.0\.1:' \+ process\.env\.PORT \+ '\/readyz/);
  });

  it('publishes only the gateway, on its port, and the mail catcher on loopback', () => {
    const published = Object.entries<{ ports?: string[] }>(compose.services).filter(([, service]) => service.ports);
    expect(Object.fromEntries(published.map(([name, service]) => [name, service.ports]))).toEqual({
      gateway: [`${laptop.services.gateway.environment.PORT}:${laptop.services.gateway.environment.PORT}`],
      mailpit: ['127.0.0.1:8025:8025'],
    });
  });

  it('says at the top which use it is for and how to run it for real', () => {
    const header = read('docker-compose.yml').split('\nx-service')[0]!;
    expect(header).toMatch(/FOR A LAPTOP/);
    expect(header).toMatch(/FOR REAL/);
    expect(header).toMatch(/cp \.env\.example \.env/);
    expect(header).toMatch(/git-ignored/);
  });

  it('runs with demo data and development settings on a laptop', () => {
    for (const name of SUBGRAPHS) expect(laptop.services[name].environment).toMatchObject({ NODE_ENV: 'development', SEED_DEMO: 'true' });
  });

  it('refuses to start in production with the placeholders of .env.example, naming each one', () => {
    const placeholders = interpolated(compose, ENV_EXAMPLE);
    for (const name of APP_SERVICES) {
      const problems = startUpProblems(name, placeholders.services[name].environment).join('\n');
      expect(problems, name).toMatch(/INTERNAL_TOKEN_SECRET: is published/);
      expect(problems, name).toMatch(/ACCESS_TOKEN_SECRET: is published/);
      expect(problems, name).toMatch(/OUTBOX_ENCRYPTION_KEY: is published/);
      expect(problems, name).toMatch(/TOKEN_HASH_SECRET: is published/);
      expect(problems, name).toMatch(/INTERNAL_SIGNING_KEYS: is published/);
      expect(problems, name).toMatch(/INTERNAL_VERIFY_KEYS: is published/);
      expect(problems, name).toMatch(/DATABASE_URL: has a password published/);
    }
    const billing = startUpProblems('billing', placeholders.services.billing.environment).join('\n');
    expect(billing).toMatch(/TOSS_SECRET_KEY: is published/);
    expect(billing).toMatch(/RECEIPT_SUPPLIER_NAME: must be set in production/);
  });

  it('refuses to start in production on the laptop secrets or with demo data', () => {
    const forgotten = interpolated(compose, { NODE_ENV: 'production' });
    for (const name of SUBGRAPHS) {
      const problems = startUpProblems(name, forgotten.services[name].environment).join('\n');
      expect(problems).toMatch(/INTERNAL_TOKEN_SECRET: is published/);
      expect(problems).toMatch(/OUTBOX_ENCRYPTION_KEY: is published/);
      expect(problems).toMatch(/TOKEN_HASH_SECRET: is published/);
      expect(problems).toMatch(/INTERNAL_SIGNING_KEYS: must be set in production/);
      expect(problems).toMatch(/INTERNAL_VERIFY_KEYS: must be set in production/);
      expect(problems).toMatch(/DATABASE_URL: has a password published/);
      expect(problems).toMatch(/SEED_DEMO: must not be true in production/);
    }
  });

  it('starts in production once .env.example is filled in with your own values', () => {
    const yours: Record<string, string> = {
      ...ENV_EXAMPLE,
      ...Object.fromEntries(
        Object.entries(ENV_EXAMPLE)
          .filter(([, value]) => value.startsWith('replace-me-'))
          .map(([key]) => [key, randomBytes(24).toString('hex')]),
      ),
      // What `pnpm internal-keys` writes in place of the key placeholders.
      ...envFile(internalKeyEnvFile()),
      TOSS_SECRET_KEY: `live_sk_${randomBytes(21).toString('base64url')}`,
      RECEIPT_SUPPLIER_NAME: '(주)전자계약',
      RECEIPT_SUPPLIER_BUSINESS_NUMBER: '2208162517',
      RECEIPT_SUPPLIER_ADDRESS: '서울특별시 중구 세종대로 110',
    };
    const real = interpolated(compose, yours);
    for (const name of APP_SERVICES) {
      expect(startUpProblems(name, real.services[name].environment), name).toEqual([]);
      expect(real.services[name].environment.NODE_ENV).toBe('production');
    }
    expect(real.services.postgres.environment.POSTGRES_PASSWORD).toBe(yours.POSTGRES_PASSWORD);
  });

  it('gives each service its own private key for internal calls and nobody else’s, and every public key', () => {
    const placeholders = Object.keys(ENV_EXAMPLE).filter((key) => key.endsWith('_INTERNAL_SIGNING_KEYS'));
    expect(placeholders.sort()).toEqual(APP_SERVICES.map(signingKeysVariable).sort());
    const keys = envFile(internalKeyEnvFile());
    const real = interpolated(compose, { ...ENV_EXAMPLE, ...keys });
    for (const name of APP_SERVICES) {
      expect(compose.services[name].environment.INTERNAL_SIGNING_KEYS, name).toBe(`\${${signingKeysVariable(name)}:-}`);
      expect(Object.keys(JSON.parse(real.services[name].environment.INTERNAL_SIGNING_KEYS)), name).toEqual([name]);
      expect(real.services[name].environment.INTERNAL_VERIFY_KEYS).toBe(keys.INTERNAL_VERIFY_KEYS);
    }
  });

  it('takes every secret it uses from the environment, with a placeholder in .env.example that production refuses', () => {
    const variables = [...read('docker-compose.yml').matchAll(/\$\{([A-Z_]+)[:?-]/g)].map((match) => match[1]!);
    const secrets = [...new Set(variables.filter((name) => /SECRET|PASSWORD|_KEYS?$/.test(name)))];
    expect(secrets.sort()).toEqual(
      [
        'ACCESS_TOKEN_SECRET',
        'INTERNAL_TOKEN_SECRET',
        'INTERNAL_VERIFY_KEYS',
        'OUTBOX_ENCRYPTION_KEY',
        'POSTGRES_PASSWORD',
        'TOKEN_HASH_SECRET',
        'TOSS_SECRET_KEY',
        ...APP_SERVICES.map(signingKeysVariable),
      ].sort(),
    );
    for (const name of secrets) expect(PUBLISHED_SECRETS.has(ENV_EXAMPLE[name]!), name).toBe(true);
  });
});

describe('.env files', () => {
  it('keeps .env out of git and out of the image, and .env.example in git', () => {
    expect(() => execFileSync('git', ['check-ignore', '-q', '.env'], { cwd: ROOT })).not.toThrow();
    expect(() => execFileSync('git', ['check-ignore', '-q', '.env.production'], { cwd: ROOT })).not.toThrow();
    expect(() => execFileSync('git', ['check-ignore', '-q', '.env.example'], { cwd: ROOT })).toThrow();
  });
});

describe('.dockerignore', () => {
  const patterns = read('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));

  it("keeps the host's dependencies, database, git history, secrets and test output out of the build context", () => {
    for (const pattern of ['**/node_modules', '.data', '.git', '.env', '.env.*', 'coverage', '*.log', '.tools']) expect(patterns).toContain(pattern);
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: Array<{ name: string; lines: string[] }> = [];
  for (const line of lines) {
    const from = line.match(/^FROM\s+\S+(?:\s+AS\s+(\S+))?$/i);
    if (from) stages.push({ name: from[1] ?? '', lines: [] });
    else stages.at(-1)?.lines.push(line);
  }
  const stage = (name: string) => stages.find((candidate) => candidate.name === name)!.lines;
  const runtime = stages.at(-1)!;
  const installs = (stageLines: string[]) => stageLines.filter((line) => /^RUN\b.*\bpnpm install\b/.test(line));

  it('builds in stages: a build with every dependency, then a runtime', () => {
    expect(stages.map((candidate) => candidate.name)).toEqual(['base', 'build', 'runtime']);
    expect(read('Dockerfile')).not.toMatch(/dockerfile_inline/);
    expect(read('docker-compose.yml')).not.toMatch(/dockerfile_inline/);
  });

  it('installs dev dependencies only in the build stage, and checks the source there', () => {
    expect(installs(stage('build'))).toHaveLength(1);
    expect(installs(stage('build'))[0]).toMatch(/--frozen-lockfile/);
    expect(installs(stage('build'))[0]).not.toMatch(/--prod/);
    expect(stage('build')).toContain('RUN pnpm typecheck && pnpm compose');
  });

  it('installs production dependencies only in the final stage, and never copies the whole context there', () => {
    const [install, ...others] = installs(runtime.lines);
    expect(others).toEqual([]);
    expect(install).toMatch(/pnpm install --prod --frozen-lockfile/);
    expect(runtime.lines.filter((line) => /^COPY\s+\.\s/.test(line))).toEqual([]);
    expect(runtime.lines).toContain('COPY --from=build /app/gateway/supergraph.graphql /app/gateway/api-schema.graphql gateway/');
    expect(runtime.lines.some((line) => /^ENV\b.*\bNODE_ENV=production\b/.test(line))).toBe(true);
    expect(runtime.lines).toContain('USER node');
  });

  it('copies every workspace manifest before the install, so the frozen lockfile matches', () => {
    const beforeInstall = runtime.lines.slice(
      0,
      runtime.lines.findIndex((line) => /pnpm install/.test(line)),
    );
    expect(beforeInstall).toContain('COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./');
    if (parse(read('pnpm-workspace.yaml')).patchedDependencies) expect(beforeInstall).toContain('COPY .patches .patches');
    for (const dir of workspacePackages()) expect(beforeInstall).toContain(`COPY ${dir}/package.json ${dir}/`);
  });

  it('installs and copies every package the services run, through production dependencies only', () => {
    const install = installs(runtime.lines)[0]!;
    const targets = [...install.matchAll(/--filter-prod '([^']+)\.\.\.'/g)].map((match) => match[1]!);
    const byName = new Map(workspacePackages().map((dir) => [packageJson(dir).name as string, dir]));
    const closure = new Set<string>();
    const visit = (name: string) => {
      if (closure.has(name) || !byName.has(name)) return;
      closure.add(name);
      for (const dependency of Object.keys(packageJson(byName.get(name)!).dependencies ?? {})) visit(dependency);
    };
    for (const target of targets) visit(target);
    for (const name of APP_SERVICES) expect(closure).toContain(packageJson(packageDirOf(name)).name);
    expect(closure).not.toContain('@econtract/testkit');
    const copied = runtime.lines.filter((line) => line.startsWith('COPY ') && !line.includes('package.json')).map((line) => line.split(/\s+/)[1]!);
    for (const name of closure)
      expect(
        copied.some((source) => byName.get(name)!.startsWith(source)),
        name,
      ).toBe(true);
  });
});

/** Files under `dir` (recursively) whose name ends with one of `extensions`. */
const sourceFiles = (dir: string, extensions: string[]): string[] =>
  readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' ? [] : sourceFiles(full, extensions);
    return extensions.some((extension) => entry.endsWith(extension)) ? [full] : [];
  });

describe('production install', () => {
  // `pnpm install --prod` leaves devDependencies out, so whatever the services load must be a dependency.
  const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[\w$*{},\s]*?\sfrom\s+)?['"]([^'"./][^'"]*)['"]|\.resolve\(['"]([^'"./][^'"]*)['"]\)/gm;
  const packageOf = (specifier: string) =>
    specifier
      .split('/')
      .slice(0, specifier.startsWith('@') ? 2 : 1)
      .join('/');

  it.each(['shared/server-kit', 'gateway', ...SUBGRAPHS.map((name) => `subgraphs/${name}`)])('lists everything %s loads at run time as a dependency', (dir) => {
    const { name, dependencies = {} } = packageJson(dir);
    // Unit tests beside the code (`*.test.ts`) run only under vitest, never in a service.
    const files = [
      ...sourceFiles(path.join(ROOT, dir, 'src'), ['.ts']).filter((file) => !file.endsWith('.test.ts')),
      ...sourceFiles(path.join(ROOT, dir), ['.mjs']).filter((file) => !file.includes(`${path.sep}test${path.sep}`)),
    ];
    const loaded = new Set<string>();
    const missing = new Set<string>();
    for (const file of files) {
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const loadedPackage = packageOf(match[1] ?? match[2]!);
        if (loadedPackage.startsWith('node:') || builtinModules.includes(loadedPackage) || loadedPackage === name) continue;
        loaded.add(loadedPackage);
        if (!(loadedPackage in dependencies)) missing.add(`${path.relative(ROOT, file)}: ${loadedPackage}`);
      }
    }
    expect([...missing]).toEqual([]);
    expect(loaded).toContain(dir === 'shared/server-kit' ? '@swc/core' : '@econtract/server-kit');
  });
});
