import { execFileSync } from 'node:child_process';
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppError } from '@econtract/server-kit';
import { describe, expect, it } from 'vitest';
import { decryptNpkiPrivateKey, OID_SEED_CBC_WITH_SHA1 } from './npki-key.js';
import { seedCbcEncrypt } from './seed.js';

const password = '비밀번호1234!';
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const privateKeyInfo = privateKey.export({ type: 'pkcs8', format: 'der' });

// Minimal DER writer, only to build the seedCBCWithSHA1 fixture the way KISA software writes it.
function der(tag: number, contents: Buffer): Buffer {
  const length =
    contents.length < 0x80
      ? Buffer.from([contents.length])
      : contents.length < 0x100
        ? Buffer.from([0x81, contents.length])
        : Buffer.from([0x82, contents.length >> 8, contents.length & 0xff]);
  return Buffer.concat([Buffer.from([tag]), length, contents]);
}
const sequence = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups = [arc & 0x7f];
    for (let value = arc >>> 7; value > 0; value >>>= 7) groups.unshift((value & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
}

function seedCbcWithSha1Fixture(iterations: number): Buffer {
  const salt = randomBytes(8);
  // PBKDF1-SHA1 written out independently of the module under test.
  let dk = createHash('sha1').update(Buffer.from(password, 'utf8')).update(salt).digest();
  for (let i = 1; i < iterations; i++) dk = createHash('sha1').update(dk).digest();
  const iv = createHash('sha1').update(dk.subarray(16, 20)).digest().subarray(0, 16);
  const encrypted = Buffer.from(seedCbcEncrypt(dk.subarray(0, 16), iv, privateKeyInfo));
  return sequence(
    sequence(oid(OID_SEED_CBC_WITH_SHA1), sequence(der(0x04, salt), der(0x02, Buffer.from([iterations >> 8, iterations & 0xff])))),
    der(0x04, encrypted),
  );
}

// PBES2 + PBKDF2 + SEED-CBC as written by the openssl command line (legacy provider).
function opensslPbes2Fixture(prf: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'npki-'));
  writeFileSync(join(dir, 'key.der'), privateKeyInfo);
  execFileSync('openssl', [
    'pkcs8',
    '-topk8',
    '-inform',
    'DER',
    '-in',
    join(dir, 'key.der'),
    '-outform',
    'DER',
    '-out',
    join(dir, 'enc.der'),
    '-v2',
    'seed-cbc',
    '-v2prf',
    prf,
    '-passout',
    `pass:${password}`,
    '-provider',
    'legacy',
    '-provider',
    'default',
  ]);
  const encrypted = readFileSync(join(dir, 'enc.der'));
  rmSync(dir, { recursive: true });
  return encrypted;
}

function refusalCode(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof AppError ? error.extensions.code : error;
  }
  return 'not refused';
}

describe('NPKI private key decryption', () => {
  it('opens seedCBCWithSHA1 (1.2.410.200004.1.15) keys', () => {
    const opened = decryptNpkiPrivateKey(seedCbcWithSha1Fixture(2048), password);
    expect(opened.equals(privateKeyInfo)).toBe(true);
    expect(createPrivateKey({ key: opened, format: 'der', type: 'pkcs8' }).asymmetricKeyType).toBe('ec');
  });

  it('opens PBES2 + SEED-CBC keys written by openssl, HMAC-SHA1 and HMAC-SHA256 PRF', () => {
    for (const prf of ['hmacWithSHA1', 'hmacWithSHA256']) {
      expect(decryptNpkiPrivateKey(opensslPbes2Fixture(prf), password).equals(privateKeyInfo)).toBe(true);
    }
  });

  it('refuses a wrong password with a coded error', () => {
    expect(refusalCode(() => decryptNpkiPrivateKey(seedCbcWithSha1Fixture(1024), 'wrong-password'))).toBe('BAD_USER_INPUT');
    expect(refusalCode(() => decryptNpkiPrivateKey(opensslPbes2Fixture('hmacWithSHA1'), 'wrong-password'))).toBe('BAD_USER_INPUT');
  });

  it('refuses a file that is not an EncryptedPrivateKeyInfo', () => {
    expect(refusalCode(() => decryptNpkiPrivateKey(Buffer.from('not a key'), password))).toBe('BAD_USER_INPUT');
    expect(refusalCode(() => decryptNpkiPrivateKey(privateKeyInfo, password))).toBe('BAD_USER_INPUT');
  });
});
