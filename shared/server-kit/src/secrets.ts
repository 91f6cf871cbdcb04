import { serviceNames } from './services.ts';

/** Dev-only secrets: the defaults on a laptop and in tests, refused when NODE_ENV=production. */
export const DEV_INTERNAL_TOKEN_SECRET = 'dev-only-internal-token-secret-change-me-0123456789';
export const DEV_ACCESS_TOKEN_SECRET = 'dev-only-access-token-secret-change-me-0123456789';
export const DEV_OUTBOX_ENCRYPTION_KEY = 'dev-only-outbox-encryption-key-change-me-0123456789';
export const DEV_TOKEN_HASH_SECRET = 'dev-only-token-hash-secret-change-me-0123456789';
const DEV_SECRETS: ReadonlySet<string> = new Set([DEV_INTERNAL_TOKEN_SECRET, DEV_ACCESS_TOKEN_SECRET, DEV_OUTBOX_ENCRYPTION_KEY, DEV_TOKEN_HASH_SECRET]);

/**
 * Every secret or password written anywhere in this repository. Anyone can read them, so production
 * refuses them all; `published-secrets.test.ts` fails when a tracked file holds one missing here.
 */
export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  ...DEV_SECRETS,
  // docker-compose.yml: the laptop defaults, and the PostgreSQL password (also the embedded server's).
  'compose-internal-token-secret-change-me-0123456789',
  'compose-access-token-secret-change-me-0123456789',
  'compose-outbox-encryption-key-change-me-0123456789',
  'compose-token-hash-secret-change-me-0123456789',
  'econtract',
  // .env.example: placeholders to replace.
  'replace-me-internal-token-secret',
  'replace-me-access-token-secret',
  'replace-me-outbox-encryption-key',
  'replace-me-token-hash-secret',
  'replace-me-internal-verify-keys',
  ...['gateway', ...serviceNames].map((service) => `replace-me-${service}-internal-signing-keys`),
  'replace-me-database-password',
  'replace-me-toss-live-secret-key',
  // README: the example database URL.
  'pass',
  // Tests: a wrong key for forged calls, the internal-routes test's key, and Toss Payments' documented test key.
  'another-secret-that-is-long-enough-0123456789',
  'test_sk_zXLkKEypNArWmo50nX3lmeaxYG5R',
  // The demo accounts' password, in case someone reuses it as a secret.
  // The demo accounts' password (@econtract/demo), published in the README.
  'Demo-pass-2026!',
]);

export const SECRET_MIN_LENGTH = 32;
export const SECRET_MIN_BITS = 128;
const MIN_DISTINCT_CHARACTERS = 10;
const LONGEST_RUN = 5;
const REPEAT_LENGTH = 6;

/** Bits per character if each were drawn at random from the classes the secret uses. */
const poolSize = (value: string) =>
  (/[a-z]/.test(value) ? 26 : 0) + (/[A-Z]/.test(value) ? 26 : 0) + (/[0-9]/.test(value) ? 10 : 0) + (/[^a-zA-Z0-9]/.test(value) ? 33 : 0);

/** Upper bound on a secret's entropy: length × log2(size of the character classes it uses). */
export const estimatedSecretBits = (value: string) => Math.floor([...value].length * Math.log2(Math.max(poolSize(value), 1)));

/** Longest stretch of one repeated character or of consecutive ones (`aaaa`, `1234`, `fedc`). */
function longestRun(value: string): number {
  let longest = value.length > 0 ? 1 : 0;
  let same = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    same = step === 0 ? same + 1 : 1;
    up = step === 1 ? up + 1 : 1;
    down = step === -1 ? down + 1 : 1;
    longest = Math.max(longest, same, up, down);
  }
  return longest;
}

function repeatsAPiece(value: string): boolean {
  const seen = new Set<string>();
  for (let i = 0; i + REPEAT_LENGTH <= value.length; i++) {
    const piece = value.slice(i, i + REPEAT_LENGTH);
    if (seen.has(piece)) return true;
    seen.add(piece);
  }
  return false;
}

/**
 * Why a secret is too weak to sign production tokens, or undefined if it passes the rule in the
 * README: at least 32 characters, an estimated 128 bits, 10 distinct characters, no run of 6 equal
 * or consecutive characters, no 6-character piece that appears twice. Random output passes
 * (`openssl rand -base64 32`); words, patterns and keyboard walks do not.
 */
export function secretWeakness(value: string): string | undefined {
  if (value.length < SECRET_MIN_LENGTH) return `is shorter than ${SECRET_MIN_LENGTH} characters`;
  const bits = estimatedSecretBits(value);
  if (bits < SECRET_MIN_BITS) return `has about ${bits} bits of entropy, fewer than ${SECRET_MIN_BITS}`;
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return `uses fewer than ${MIN_DISTINCT_CHARACTERS} distinct characters`;
  if (longestRun(value) > LONGEST_RUN) return `has a run of more than ${LONGEST_RUN} repeated or consecutive characters`;
  if (repeatsAPiece(value)) return `repeats a ${REPEAT_LENGTH}-character piece`;
  return undefined;
}

/** Why `value` may not sign anything in production, or undefined when it may. */
export function productionSecretProblem(value: string): string | undefined {
  if (DEV_SECRETS.has(value)) return 'must be set in production (the default is for development)';
  if (PUBLISHED_SECRETS.has(value)) return 'is published in this repository; generate your own (openssl rand -base64 32)';
  const weakness = secretWeakness(value);
  return weakness && `is too weak for production: it ${weakness}; generate one with openssl rand -base64 32`;
}

/** Why a connection URL's password is unfit for production (published in this repository), if it is. */
export function productionUrlPasswordProblem(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let password: string;
  try {
    password = decodeURIComponent(new URL(url).password);
  } catch {
    return undefined;
  }
  return password && PUBLISHED_SECRETS.has(password) ? 'has a password published in this repository; set your own' : undefined;
}
