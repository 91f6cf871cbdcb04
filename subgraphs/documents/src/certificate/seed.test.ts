import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SeedPaddingError, seedCbcDecrypt, seedCbcEncrypt, seedDecryptBlock, seedEncryptBlock, seedKeySchedule } from './seed.js';

const hex = (text: string) => Buffer.from(text, 'hex');
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

// RFC 4269 appendix B.
const vectors = [
  { key: '00000000000000000000000000000000', plain: '000102030405060708090a0b0c0d0e0f', cipher: '5ebac6e0054e166819aff1cc6d346cdb' },
  { key: '000102030405060708090a0b0c0d0e0f', plain: '00000000000000000000000000000000', cipher: 'c11f22f20140505084483597e4370f43' },
  { key: '4706480851e61be85d74bfb3fd956185', plain: '83a2f8a288641fb9a4e9a5cc2f131c7d', cipher: 'ee54d13ebcae706d226bc3142cd40d4a' },
  { key: '28dbc3bc49ffd87dcfa509b11d422be7', plain: 'b41e6be2eba84a148e2eed84593c5ec7', cipher: '9b9b7bfcd1813cb95d0b3618f40f5122' },
];

describe('SEED block cipher (RFC 4269 appendix B)', () => {
  for (const [index, vector] of vectors.entries()) {
    it(`B.${index + 1} encrypts`, () => {
      expect(toHex(seedEncryptBlock(seedKeySchedule(hex(vector.key)), hex(vector.plain)))).toBe(vector.cipher);
    });
    it(`B.${index + 1} decrypts`, () => {
      expect(toHex(seedDecryptBlock(seedKeySchedule(hex(vector.key)), hex(vector.cipher)))).toBe(vector.plain);
    });
  }

  it('refuses a key that is not 16 bytes', () => {
    expect(() => seedKeySchedule(new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('SEED-CBC with PKCS#5 padding', () => {
  const key = hex('4706480851e61be85d74bfb3fd956185');
  const iv = hex('000102030405060708090a0b0c0d0e0f');

  it('matches the openssl command line (legacy provider)', () => {
    const plaintext = Buffer.from('전자계약 NPKI 개인키 — SEED-CBC cross-check, more than one block long.');
    const fromOpenssl = execFileSync(
      'openssl',
      ['enc', '-seed-cbc', '-K', key.toString('hex'), '-iv', iv.toString('hex'), '-provider', 'legacy', '-provider', 'default'],
      { input: plaintext },
    );
    expect(toHex(seedCbcEncrypt(key, iv, plaintext))).toBe(fromOpenssl.toString('hex'));
    expect(Buffer.from(seedCbcDecrypt(key, iv, fromOpenssl)).equals(plaintext)).toBe(true);
  });

  it('pads a whole-block message with a full extra block and round-trips', () => {
    const plaintext = new Uint8Array(32).fill(7);
    const ciphertext = seedCbcEncrypt(key, iv, plaintext);
    expect(ciphertext.length).toBe(48);
    expect(toHex(seedCbcDecrypt(key, iv, ciphertext))).toBe(toHex(plaintext));
  });

  it('refuses to decrypt with the wrong key (padding check)', () => {
    const ciphertext = seedCbcEncrypt(key, iv, Buffer.from('secret private key bytes'));
    const wrongKey = hex('00000000000000000000000000000000');
    expect(() => seedCbcDecrypt(wrongKey, iv, ciphertext)).toThrow(SeedPaddingError);
  });

  it('refuses a ciphertext that is not a whole number of blocks', () => {
    expect(() => seedCbcDecrypt(key, iv, new Uint8Array(20))).toThrow(SeedPaddingError);
  });
});
