// SEED-128 (KISA, RFC 4269): Korean NPKI private keys are encrypted with it, and OpenSSL 3 has it only in the legacy provider.

export const SEED_BLOCK_SIZE = 16;

// The two 8-bit S-boxes of RFC 4269 section 4; the SS0..SS3 tables are built from them below.
const S1 = Buffer.from(
  'a985d6d3541dac255d43181e51fcca632844209de0e2c817a58f037bbb13d2ee' +
    '708c3fa832ddf674ec950b575c5bbd01241c739810ccf2d92ce772839bd186c9' +
    '6050a3eb0db69e4fb75ac678a612afd561c3b441527d8d081f9900190453f7e1' +
    'fd762f27b08b0eaba26e934d697c090abfeff3c58714fe64de2e4b1a06216b66' +
    '02f5928a0cb37ed07a4796e52680addfa13037ae36152238f4a7454c81e98497' +
    '35cbce3c7111c78975fbdaf8945982c4ff493967c0cfd7b80f8e4223916cdba4' +
    '34f148c26f3d2d40be3ebcc1aaba4e553bdc687f9cd84a5677a0ed46b52b65fa' +
    'e3b9b19f5ef9e6b231ea6d5fe4f0cd88163a58d462290733e81b0579906a2a9a',
  'hex',
);
const S2 = Buffer.from(
  '38e82da6cfdeb3b8af6055c7446f6b5bc36233b529a0e2a7d39111061cbc364b' +
    'ef886ca817c416f4c245e1d63f3d8e98284ef63ea5f90ddfd82b667a272ff172' +
    '42d441c07367ac8bf7ad801fca2caa34d20beee95d9418f857ae08c513cd86b9' +
    'ff7dc131f58a6ab1d120d7022204687107db9d9961bee659dd5190dc9aa3abd0' +
    '810f471ae3ec8dbf967b5ca2a163234dc89e9c3a0c2eba6e9f5af292f34978cc' +
    '15fb70757f351003646dc674d5b4ea097619fe4012e0bd05fa01f02a5ea95643' +
    '8514899bb0e5487997fc1e82218c1b5f7754b21d254f0046ed5852eb7edac9fd' +
    '3095653cb6e4bb7c0e5039263284699337e724a4cb530a87d94c838fce3b4ab7',
  'hex',
);

// Indices here are in range by construction; this keeps noUncheckedIndexedAccess honest without `!`.
function at(values: ArrayLike<number>, index: number): number {
  const value = values[index];
  if (value === undefined) throw new RangeError(`index ${index} out of range`);
  return value;
}

// Byte k of Z keeps, from Y_j, the bits of mask m_{(j+k) mod 4} (RFC 4269 function G).
const MASKS = [0xfc, 0xf3, 0xcf, 0x3f];

function spreadTable(sbox: Buffer, position: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let x = 0; x < 256; x++) {
    let word = 0;
    for (let k = 0; k < 4; k++) word |= (at(sbox, x) & at(MASKS, (position + k) % 4)) << (8 * k);
    table[x] = word >>> 0;
  }
  return table;
}

const SS0 = spreadTable(S1, 0);
const SS1 = spreadTable(S2, 1);
const SS2 = spreadTable(S1, 2);
const SS3 = spreadTable(S2, 3);

function g(x: number): number {
  return (at(SS0, x & 0xff) ^ at(SS1, (x >>> 8) & 0xff) ^ at(SS2, (x >>> 16) & 0xff) ^ at(SS3, x >>> 24)) >>> 0;
}

// KC_i = golden-ratio constant rotated left by i bits.
const KC = Array.from({ length: 16 }, (_, i) => (i === 0 ? 0x9e3779b9 : ((0x9e3779b9 << i) | (0x9e3779b9 >>> (32 - i))) >>> 0));

/** The 16 round keys (K_i0, K_i1) of a 128-bit SEED key. */
export type SeedRoundKeys = Uint32Array;

export function seedKeySchedule(key: Uint8Array): SeedRoundKeys {
  if (key.length !== 16) throw new RangeError(`SEED key must be 16 bytes, got ${key.length}`);
  const view = new DataView(key.buffer, key.byteOffset, 16);
  let a = view.getUint32(0);
  let b = view.getUint32(4);
  let c = view.getUint32(8);
  let d = view.getUint32(12);
  const roundKeys = new Uint32Array(32);
  for (let i = 0; i < 16; i++) {
    roundKeys[2 * i] = g((a + c - at(KC, i)) >>> 0);
    roundKeys[2 * i + 1] = g((b - d + at(KC, i)) >>> 0);
    if (i % 2 === 0) {
      // A||B rotated right by 8 bits
      const t = a;
      a = ((a >>> 8) | (b << 24)) >>> 0;
      b = ((b >>> 8) | (t << 24)) >>> 0;
    } else {
      // C||D rotated left by 8 bits
      const t = c;
      c = ((c << 8) | (d >>> 24)) >>> 0;
      d = ((d << 8) | (t >>> 24)) >>> 0;
    }
  }
  return roundKeys;
}

// F(K, C||D) of RFC 4269; returns [C', D'].
function roundFunction(k0: number, k1: number, c: number, d: number): [number, number] {
  const ck = (c ^ k0) >>> 0;
  let t1 = g((ck ^ d ^ k1) >>> 0);
  const t0 = g((t1 + ck) >>> 0);
  t1 = g((t1 + t0) >>> 0);
  return [(t0 + t1) >>> 0, t1];
}

function crypt(roundKeys: SeedRoundKeys, block: Uint8Array, decrypt: boolean): Uint8Array {
  if (block.length !== SEED_BLOCK_SIZE) throw new RangeError(`SEED block must be 16 bytes, got ${block.length}`);
  const input = new DataView(block.buffer, block.byteOffset, 16);
  let l0 = input.getUint32(0);
  let l1 = input.getUint32(4);
  let r0 = input.getUint32(8);
  let r1 = input.getUint32(12);
  for (let round = 0; round < 16; round++) {
    const i = decrypt ? 15 - round : round;
    const [f0, f1] = roundFunction(at(roundKeys, 2 * i), at(roundKeys, 2 * i + 1), r0, r1);
    const n0 = (l0 ^ f0) >>> 0;
    const n1 = (l1 ^ f1) >>> 0;
    // The last round does not swap halves, so encryption and decryption share this loop.
    if (round === 15) {
      l0 = n0;
      l1 = n1;
    } else {
      l0 = r0;
      l1 = r1;
      r0 = n0;
      r1 = n1;
    }
  }
  const out = new Uint8Array(16);
  const output = new DataView(out.buffer);
  output.setUint32(0, l0);
  output.setUint32(4, l1);
  output.setUint32(8, r0);
  output.setUint32(12, r1);
  return out;
}

export function seedEncryptBlock(roundKeys: SeedRoundKeys, block: Uint8Array): Uint8Array {
  return crypt(roundKeys, block, false);
}

export function seedDecryptBlock(roundKeys: SeedRoundKeys, block: Uint8Array): Uint8Array {
  return crypt(roundKeys, block, true);
}

/** Thrown when CBC decryption ends in bad PKCS#5 padding: almost always a wrong key (wrong password). */
export class SeedPaddingError extends Error {
  constructor() {
    super('SEED-CBC decryption produced invalid padding (wrong key or corrupt data)');
    this.name = 'SeedPaddingError';
  }
}

function checkIv(iv: Uint8Array): void {
  if (iv.length !== SEED_BLOCK_SIZE) throw new RangeError(`SEED-CBC IV must be 16 bytes, got ${iv.length}`);
}

export function seedCbcEncrypt(key: Uint8Array, iv: Uint8Array, plaintext: Uint8Array): Uint8Array {
  checkIv(iv);
  const roundKeys = seedKeySchedule(key);
  const padLength = SEED_BLOCK_SIZE - (plaintext.length % SEED_BLOCK_SIZE);
  const padded = new Uint8Array(plaintext.length + padLength);
  padded.set(plaintext);
  padded.fill(padLength, plaintext.length);
  const out = new Uint8Array(padded.length);
  let previous: Uint8Array = Uint8Array.from(iv);
  for (let offset = 0; offset < padded.length; offset += SEED_BLOCK_SIZE) {
    const block = padded.slice(offset, offset + SEED_BLOCK_SIZE);
    for (let j = 0; j < SEED_BLOCK_SIZE; j++) block[j] = at(block, j) ^ at(previous, j);
    previous = seedEncryptBlock(roundKeys, block);
    out.set(previous, offset);
  }
  return out;
}

export function seedCbcDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array): Uint8Array {
  checkIv(iv);
  if (ciphertext.length === 0 || ciphertext.length % SEED_BLOCK_SIZE !== 0) throw new SeedPaddingError();
  const roundKeys = seedKeySchedule(key);
  const out = new Uint8Array(ciphertext.length);
  let previous: Uint8Array = iv;
  for (let offset = 0; offset < ciphertext.length; offset += SEED_BLOCK_SIZE) {
    const block = ciphertext.subarray(offset, offset + SEED_BLOCK_SIZE);
    const plain = seedDecryptBlock(roundKeys, block);
    for (let j = 0; j < SEED_BLOCK_SIZE; j++) out[offset + j] = at(plain, j) ^ at(previous, j);
    previous = block;
  }
  const padLength = out[out.length - 1] ?? 0;
  if (padLength < 1 || padLength > SEED_BLOCK_SIZE) throw new SeedPaddingError();
  for (let j = out.length - padLength; j < out.length; j++) {
    if (out[j] !== padLength) throw new SeedPaddingError();
  }
  return out.slice(0, out.length - padLength);
}
