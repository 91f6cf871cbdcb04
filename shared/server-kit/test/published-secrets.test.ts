import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_SECRETS } from '../src/secrets.ts';

// Every tracked file is public, so any secret written in one must be in the list production refuses.
const ROOT = path.resolve(import.meta.dirname, '../../..');
const THIS_FILE = path.relative(ROOT, import.meta.filename);
const SECRET_NAME = '(?:[A-Za-z0-9_]*(?:SECRET|Secret|secret)[A-Za-z0-9_]*|[A-Z0-9_]*KEYS?|[A-Z0-9_]*PASSWORD[A-Z0-9_]*)';
/** `NAME = 'value'`, `NAME: "value"`, and in config files `NAME=value` / `NAME: value` (not enum names like `WRONG_PASSWORD`). */
const ASSIGNMENT = new RegExp(
  String.raw`(?<!\$\{)\b(${SECRET_NAME})\b['"]?\s*[:=]\s*(?:'([^'\n]*)'|"([^"\n]*)"|\x60([^\x60\n]*)\x60|([^\s'"\x60,;)}\]]+))`,
  'g',
);
/** Shell and compose defaults: `${NAME:-value}`. */
const DEFAULT = new RegExp(String.raw`\$\{${SECRET_NAME}:?-([^}]*)\}`, 'g');
/** Passwords inside connection URLs: `scheme://user:password@host`. */
const URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s:/@'"`]+:([^\s@/'"`]+)@/g;
const CODE = /\.(ts|js|mjs|cjs|json|graphql)$/;
/** Values that match the pattern but protect nothing. */
const NOT_SECRETS: Record<string, string> = {
  'econtract.accessToken': 'the browser storage key GraphiQL keeps the signed-in token under (TOKEN_KEY)',
};

/** Secret-looking values written in one file's text. */
function writtenSecrets(file: string, text: string): string[] {
  const found: string[] = [];
  const code = CODE.test(file);
  for (const match of text.matchAll(ASSIGNMENT)) {
    // Passwords in code belong to test accounts; in config files they are the deployment's.
    if (code && !/secret|key/i.test(match[1]!)) continue;
    const quoted = match[2] ?? match[3] ?? match[4];
    // In code an unquoted value is an expression (`env.X`), not a secret.
    const value = quoted ?? (code ? undefined : match[5]);
    // Eight characters and up: shorter values are words, flags and codes.
    if (value && value.length >= 8 && !/\s|\$\{|^\$|^[A-Z][A-Z0-9_]*$/.test(value)) found.push(value);
  }
  for (const match of text.matchAll(DEFAULT)) if (match[1]) found.push(match[1]);
  for (const match of text.matchAll(URL_PASSWORD)) {
    const password = match[1]!.replace(/^\$\{[A-Z_]+:?-([^}]*)\}$/, '$1');
    if (!password.startsWith('${')) found.push(decodeURIComponent(password));
  }
  return [...new Set(found)].filter((value) => !(value in NOT_SECRETS));
}

describe('published secrets', () => {
  it('lists every secret or password written in a tracked file, so production refuses it', () => {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    expect(files).toContain('docker-compose.yml');
    const unlisted: string[] = [];
    let seen = 0;
    for (const file of files) {
      // The lockfile holds only hashes; this file's examples below are made up.
      if (file === 'pnpm-lock.yaml' || file === THIS_FILE) continue;
      const bytes = readFileSync(path.join(ROOT, file));
      if (bytes.includes(0)) continue;
      for (const value of writtenSecrets(file, bytes.toString('utf8'))) {
        seen++;
        if (!PUBLISHED_SECRETS.has(value)) unlisted.push(`${file}: ${value}`);
      }
    }
    expect(unlisted).toEqual([]);
    // The scan must keep finding the ones it knows about, or it is looking at nothing.
    expect(seen).toBeGreaterThanOrEqual(6);
  });

  it('finds secrets in each form they are written in', () => {
    expect(writtenSecrets('a.ts', `const SECRET = 'test_sk_abcdefgh';\nfoo({ secret: "long-enough-value" });`)).toEqual([
      'test_sk_abcdefgh',
      'long-enough-value',
    ]);
    expect(writtenSecrets('a.ts', 'secret: env.INTERNAL_TOKEN_SECRET, key: options.idempotencyKey')).toEqual([]);
    expect(writtenSecrets('.env.example', 'ACCESS_TOKEN_SECRET=replace-me-access\nTOSS_SECRET_KEY=live_sk_123456')).toEqual([
      'replace-me-access',
      'live_sk_123456',
    ]);
    expect(
      writtenSecrets(
        'docker-compose.yml',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's own ${VAR:-default} syntax, not a template.
        'X_SECRET: ${X_SECRET:-laptop-default-secret}\nDATABASE_URL: postgres://u:${POSTGRES_PASSWORD:-pw}@db/x\nPOSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-pw}',
      ),
    ).toEqual(['laptop-default-secret', 'pw']);
    expect(writtenSecrets('README.md', 'DATABASE_URL=postgres://user:p%40ss@host:5432/db')).toEqual(['p@ss']);
    expect(writtenSecrets('.env.example', 'POSTGRES_PASSWORD=replace-me-db')).toEqual(['replace-me-db']);
    expect(writtenSecrets('a.test.ts', "OPERATOR_PASSWORD: 'Customer-centre-1', WRONG_PASSWORD = 'WRONG_PASSWORD'")).toEqual([]);
  });
});
