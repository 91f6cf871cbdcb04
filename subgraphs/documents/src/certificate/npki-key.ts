// Opens an NPKI signPri.key (PKCS#8 EncryptedPrivateKeyInfo under SEED) into a DER PrivateKeyInfo, without OpenSSL's legacy provider.
import { createHash, createPrivateKey, pbkdf2Sync } from 'node:crypto';
import { badUserInput, msg } from '@econtract/server-kit';
import { SeedPaddingError, seedCbcDecrypt } from './seed.js';

export const OID_SEED_CBC_WITH_SHA1 = '1.2.410.200004.1.15';
export const OID_SEED_CBC = '1.2.410.200004.1.4';
export const OID_PBES2 = '1.2.840.113549.1.5.13';
export const OID_PBKDF2 = '1.2.840.113549.1.5.12';
const PRF_HASHES: Record<string, string> = { '1.2.840.113549.2.7': 'sha1', '1.2.840.113549.2.9': 'sha256' };

const TAG = { INTEGER: 0x02, OCTET_STRING: 0x04, OID: 0x06, SEQUENCE: 0x30 } as const;

const unreadableKey = () => badUserInput(msg('The private key file is not a readable NPKI key.', '개인키 파일을 읽을 수 없습니다. NPKI 개인키가 아닙니다.'));
const wrongPassword = () => badUserInput(msg('The certificate password is wrong.', '인증서 비밀번호가 틀렸습니다.'));

interface DerNode {
  tag: number;
  contents: Buffer;
}

// Reads the DER elements laid end to end in `bytes`.
function readDer(bytes: Buffer): DerNode[] {
  const nodes: DerNode[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tag = bytes[offset];
    let length = bytes[offset + 1];
    if (tag === undefined || length === undefined) throw unreadableKey();
    offset += 2;
    if (length > 0x80) {
      const lengthBytes = length & 0x7f;
      if (lengthBytes > 4 || offset + lengthBytes > bytes.length) throw unreadableKey();
      length = bytes.readUIntBE(offset, lengthBytes);
      offset += lengthBytes;
    } else if (length === 0x80) {
      throw unreadableKey();
    }
    if (offset + length > bytes.length) throw unreadableKey();
    nodes.push({ tag, contents: bytes.subarray(offset, offset + length) });
    offset += length;
  }
  return nodes;
}

function contentsOf(node: DerNode | undefined, tag: number): Buffer {
  if (node === undefined || node.tag !== tag) throw unreadableKey();
  return node.contents;
}

function children(node: DerNode | undefined): DerNode[] {
  return readDer(contentsOf(node, TAG.SEQUENCE));
}

function oidOf(node: DerNode | undefined): string {
  const bytes = contentsOf(node, TAG.OID);
  const first = bytes[0] ?? 0;
  const arcs = [Math.floor(first / 40), first % 40];
  let value = 0;
  for (const byte of bytes.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(value);
      value = 0;
    }
  }
  return arcs.join('.');
}

function integerOf(node: DerNode | undefined): number {
  const bytes = contentsOf(node, TAG.INTEGER);
  if (bytes.length === 0 || bytes.length > 6) throw unreadableKey();
  return bytes.readUIntBE(0, bytes.length);
}

// PBKDF1 (RFC 8018 section 5.1) with SHA-1: T_1 = SHA1(P || S), T_i = SHA1(T_{i-1}).
function pbkdf1Sha1(password: Buffer, salt: Buffer, iterations: number): Buffer {
  let digest = createHash('sha1').update(password).update(salt).digest();
  for (let i = 1; i < iterations; i++) digest = createHash('sha1').update(digest).digest();
  return digest;
}

interface SeedKey {
  key: Buffer;
  iv: Buffer;
}

// KISA seedCBCWithSHA1: key = DK[0..16], IV = first 16 bytes of SHA1(DK[16..20]).
function seedCbcWithSha1Key(params: DerNode | undefined, password: Buffer): SeedKey {
  const [salt, iterations] = children(params);
  const dk = pbkdf1Sha1(password, contentsOf(salt, TAG.OCTET_STRING), integerOf(iterations));
  return { key: dk.subarray(0, 16), iv: createHash('sha1').update(dk.subarray(16, 20)).digest().subarray(0, 16) };
}

function pbes2SeedKey(params: DerNode | undefined, password: Buffer): SeedKey {
  const [keyDerivation, encryptionScheme] = children(params);
  const [kdfOid, kdfParams] = children(keyDerivation);
  if (oidOf(kdfOid) !== OID_PBKDF2) throw unreadableKey();
  const [salt, iterations, ...optional] = children(kdfParams);
  // keyLength (INTEGER) and prf (SEQUENCE) are both optional; the PRF defaults to HMAC-SHA1.
  const prf = optional.find((node) => node.tag === TAG.SEQUENCE);
  const hash = prf ? PRF_HASHES[oidOf(children(prf)[0])] : 'sha1';
  if (hash === undefined) throw unreadableKey();
  const [cipherOid, iv] = children(encryptionScheme);
  if (oidOf(cipherOid) !== OID_SEED_CBC) throw unreadableKey();
  const ivBytes = contentsOf(iv, TAG.OCTET_STRING);
  if (ivBytes.length !== 16) throw unreadableKey();
  return { key: pbkdf2Sync(password, contentsOf(salt, TAG.OCTET_STRING), integerOf(iterations), 16, hash), iv: ivBytes };
}

/** Decrypts an NPKI EncryptedPrivateKeyInfo (DER) with the certificate password; returns the DER PrivateKeyInfo. */
export function decryptNpkiPrivateKey(encryptedKeyInfo: Uint8Array, password: string): Buffer {
  const [outer] = readDer(Buffer.from(encryptedKeyInfo));
  const [algorithm, encryptedData] = children(outer);
  const [algorithmOid, params] = children(algorithm);
  const passwordBytes = Buffer.from(password, 'utf8');
  const oid = oidOf(algorithmOid);
  let seedKey: SeedKey;
  if (oid === OID_SEED_CBC_WITH_SHA1) seedKey = seedCbcWithSha1Key(params, passwordBytes);
  else if (oid === OID_PBES2) seedKey = pbes2SeedKey(params, passwordBytes);
  else throw unreadableKey();
  let privateKeyInfo: Buffer;
  try {
    privateKeyInfo = Buffer.from(seedCbcDecrypt(seedKey.key, seedKey.iv, contentsOf(encryptedData, TAG.OCTET_STRING)));
  } catch (error) {
    if (error instanceof SeedPaddingError) throw wrongPassword();
    throw error;
  }
  // Padding can come out valid by chance (about 1 in 256); a wrong password then fails as PKCS#8.
  try {
    createPrivateKey({ key: privateKeyInfo, format: 'der', type: 'pkcs8' });
  } catch {
    throw wrongPassword();
  }
  return privateKeyInfo;
}
