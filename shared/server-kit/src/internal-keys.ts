import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { CommonEnv } from './env.ts';
import { PUBLISHED_SECRETS } from './secrets.ts';
import { serviceNames, type ServiceName } from './services.ts';

/**
 * Who may sign internal tokens: the gateway and each subgraph, each with its own Ed25519 key pair.
 * Only the gateway's tokens may carry a viewer (see internal-token.ts).
 */
export type InternalCaller = 'gateway' | ServiceName;
export const INTERNAL_CALLERS: readonly InternalCaller[] = ['gateway', ...serviceNames];

/** A process's own signing key and the public keys of every caller it accepts. */
export interface InternalKeys {
  caller: InternalCaller;
  signingKey: KeyObject;
  verifyKeys: ReadonlyMap<string, KeyObject>;
}

// An Ed25519 private key is this DER prefix followed by its 32-byte seed (RFC 8410).
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Deterministic keys for laptops and tests; anyone can compute them, so production refuses them. */
export const devSigningKey = (caller: InternalCaller): KeyObject =>
  createPrivateKey({
    key: Buffer.concat([ED25519_PKCS8_PREFIX, createHash('sha256').update(`econtract dev-only internal key: ${caller}`).digest()]),
    format: 'der',
    type: 'pkcs8',
  });

const DEV_PUBLIC_KEYS = new Set(INTERNAL_CALLERS.map((caller) => publicKeyText(createPublicKey(devSigningKey(caller)))));

function publicKeyText(key: KeyObject): string {
  return key.export({ format: 'der', type: 'spki' }).toString('base64');
}

/** A key written as PEM or as a JWK (JSON object); only Ed25519 (OKP) keys are accepted. */
function parseKey(value: unknown, kind: 'private' | 'public'): KeyObject {
  const input = typeof value === 'string' && value.trim().startsWith('-----') ? value : typeof value === 'string' ? JSON.parse(value) : value;
  const key =
    typeof input === 'string'
      ? kind === 'private'
        ? createPrivateKey(input)
        : createPublicKey(input)
      : kind === 'private'
        ? createPrivateKey({ key: input as never, format: 'jwk' })
        : createPublicKey({ key: input as never, format: 'jwk' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 key, got ${key.asymmetricKeyType}`);
  return key;
}

function parseKeyMap(json: string, kind: 'private' | 'public'): Map<string, KeyObject> {
  const parsed = JSON.parse(json) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('must be a JSON object: service name → key');
  const keys = new Map<string, KeyObject>();
  for (const [name, value] of Object.entries(parsed)) {
    if (!(INTERNAL_CALLERS as readonly string[]).includes(name)) throw new Error(`unknown service "${name}"`);
    try {
      keys.set(name, parseKey(value, kind));
    } catch (error) {
      throw new Error(`${name}: ${(error as Error).message}`);
    }
  }
  return keys;
}

/** Problems with the key settings, for env.ts to list at start-up (production also refuses the dev keys). */
export function internalKeyProblems(
  env: Pick<CommonEnv, 'NODE_ENV' | 'INTERNAL_SIGNING_KEYS' | 'INTERNAL_VERIFY_KEYS'>,
): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const production = env.NODE_ENV === 'production';
  for (const [path, kind] of [
    ['INTERNAL_SIGNING_KEYS', 'private'],
    ['INTERNAL_VERIFY_KEYS', 'public'],
  ] as const) {
    const text = env[path];
    if (text === undefined) {
      if (production) problems.push({ path, message: 'must be set in production' });
      continue;
    }
    if (production && PUBLISHED_SECRETS.has(text.trim())) {
      problems.push({ path, message: 'is published in this repository; generate your own keys (pnpm internal-keys)' });
      continue;
    }
    try {
      const keys = parseKeyMap(text, kind);
      if (production && [...keys.values()].some((key) => DEV_PUBLIC_KEYS.has(publicKeyText(kind === 'private' ? createPublicKey(key) : key)))) {
        problems.push({ path, message: 'holds a development key; production needs its own keys' });
      }
    } catch (error) {
      problems.push({ path, message: (error as Error).message });
    }
  }
  return problems;
}

const cache = new WeakMap<object, Map<InternalCaller, InternalKeys>>();

/**
 * The keys of `caller` under these settings, parsed once. A deployment gives each process only its own
 * private key (INTERNAL_SIGNING_KEYS holds one entry) and every public key; outside production the
 * deterministic dev keys fill what is not set.
 */
export function internalKeysFor(env: Pick<CommonEnv, 'INTERNAL_SIGNING_KEYS' | 'INTERNAL_VERIFY_KEYS'>, caller: InternalCaller): InternalKeys {
  const known = cache.get(env)?.get(caller);
  if (known) return known;
  const signing = env.INTERNAL_SIGNING_KEYS ? parseKeyMap(env.INTERNAL_SIGNING_KEYS, 'private') : new Map<string, KeyObject>();
  const signingKey = signing.get(caller) ?? (env.INTERNAL_SIGNING_KEYS ? undefined : devSigningKey(caller));
  if (!signingKey) throw new Error(`INTERNAL_SIGNING_KEYS has no key for ${caller}`);
  const verifyKeys = env.INTERNAL_VERIFY_KEYS
    ? parseKeyMap(env.INTERNAL_VERIFY_KEYS, 'public')
    : new Map(INTERNAL_CALLERS.map((name) => [name, createPublicKey(devSigningKey(name))] as const));
  const keys: InternalKeys = { caller, signingKey, verifyKeys };
  const perEnv = cache.get(env) ?? new Map<InternalCaller, InternalKeys>();
  perEnv.set(caller, keys);
  cache.set(env, perEnv);
  return keys;
}

/** A fresh key pair per service as env values, e.g. for a production-mode test or a first deployment. */
export function generateInternalKeyEnv(): { INTERNAL_SIGNING_KEYS: string; INTERNAL_VERIFY_KEYS: string } {
  const pairs = INTERNAL_CALLERS.map((name) => [name, generateKeyPairSync('ed25519')] as const);
  return {
    INTERNAL_SIGNING_KEYS: JSON.stringify(Object.fromEntries(pairs.map(([name, pair]) => [name, pair.privateKey.export({ format: 'jwk' })]))),
    INTERNAL_VERIFY_KEYS: JSON.stringify(Object.fromEntries(pairs.map(([name, pair]) => [name, pair.publicKey.export({ format: 'jwk' })]))),
  };
}

/** The variable docker-compose.yml reads a service's own private key from: each container gets only its own. */
export const signingKeysVariable = (caller: InternalCaller) => `${caller.toUpperCase()}_INTERNAL_SIGNING_KEYS`;

/**
 * Fresh keys as lines of a `.env` file for docker-compose.yml (`pnpm internal-keys`): every public key
 * in INTERNAL_VERIFY_KEYS, and each service's private key in its own variable.
 */
export function internalKeyEnvFile(): string {
  const { INTERNAL_SIGNING_KEYS, INTERNAL_VERIFY_KEYS } = generateInternalKeyEnv();
  const signing = JSON.parse(INTERNAL_SIGNING_KEYS) as Record<string, unknown>;
  return [
    `INTERNAL_VERIFY_KEYS=${INTERNAL_VERIFY_KEYS}`,
    ...INTERNAL_CALLERS.map((caller) => `${signingKeysVariable(caller)}=${JSON.stringify({ [caller]: signing[caller] })}`),
  ].join('\n');
}
