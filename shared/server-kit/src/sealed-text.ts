import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/** Marks a stored value as AES-256-GCM ciphertext: `sealed:v1:` + base64(iv ‖ tag ‖ ciphertext). */
const PREFIX = 'sealed:v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** A 256-bit key derived from a configured secret; `purpose` keeps keys for different uses apart. */
export const sealingKey = (secret: string, purpose: string): Buffer => Buffer.from(hkdfSync('sha256', secret, '', `econtract:${purpose}`, 32));

/** Encrypts `text`; `context` (e.g. the recipient) is authenticated, so a body cannot be moved to another row. */
export function sealText(key: Buffer, text: string, context: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export const isSealed = (stored: string): boolean => stored.startsWith(PREFIX);

/** The plain text of a sealed value; throws when the key, the context or the ciphertext is wrong. */
export function openText(key: Buffer, stored: string, context: string): string {
  if (!isSealed(stored)) throw new Error('not a sealed value');
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
