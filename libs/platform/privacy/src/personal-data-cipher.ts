import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

/** What a personal field becomes in the stored event: the value's JSON, encrypted with the subject's key. */
export interface EncryptedEnvelope {
  readonly encrypted: {
    readonly v: 1;
    /** Whose key: e.g. `victim:<assistanceId>`. Not personal data, it names a key. */
    readonly subject: string;
    /** base64 of the 96-bit IV, fresh for every value. */
    readonly iv: string;
    readonly ciphertext: string;
    /** base64 of the 128-bit GCM authentication tag. */
    readonly tag: string;
  };
}

/**
 * Where a ciphertext belongs: it only decrypts as the same field of the same event of the same subject,
 * so a ciphertext copied into another event or another person's field does not read.
 */
interface EnvelopeBinding {
  readonly subject: string;
  readonly eventId: string;
  readonly eventType: string;
  /** Dotted path of the field in the event's data, e.g. `personal`. */
  readonly path: string;
}

function aad(binding: EnvelopeBinding): Buffer {
  return Buffer.from(
    JSON.stringify(['pamoja.personal.v1', binding.subject, binding.eventType, binding.eventId, binding.path]),
  );
}

export function encryptValue(key: Buffer, value: unknown, binding: EnvelopeBinding): EncryptedEnvelope {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(binding));
  const ciphertext = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return {
    encrypted: {
      v: 1,
      subject: binding.subject,
      iv: iv.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    },
  };
}

/** Throws when the ciphertext, its binding or the key do not match (tampering, a wrong key). */
export function decryptValue(key: Buffer, envelope: EncryptedEnvelope, binding: EnvelopeBinding): unknown {
  const { iv, ciphertext, tag } = envelope.encrypted;
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64'), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad(binding));
  decipher.setAuthTag(Buffer.from(tag, 'base64'));
  const plain = Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]);
  return JSON.parse(plain.toString('utf8')) as unknown;
}

export function isEncryptedEnvelope(value: unknown): value is EncryptedEnvelope {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  if (keys.length !== 1 || keys[0] !== 'encrypted') return false;
  const inner = (value as { encrypted: unknown }).encrypted;
  if (typeof inner !== 'object' || inner === null) return false;
  const e = inner as Record<string, unknown>;
  return (
    e['v'] === 1 &&
    typeof e['subject'] === 'string' &&
    typeof e['iv'] === 'string' &&
    typeof e['ciphertext'] === 'string' &&
    typeof e['tag'] === 'string'
  );
}

/**
 * Wraps (encrypts) a data key under the master key, bound to its subject: a database dump alone holds no
 * usable key, and a wrapped key moved to another subject's row does not unwrap.
 * Layout: IV (12 bytes) | tag (16) | wrapped key (32).
 */
export function wrapKey(masterKey: Buffer, dataKey: Buffer, subjectId: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, masterKey, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`pamoja.data-key.v1:${subjectId}`));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), wrapped]);
}

export function unwrapKey(masterKey: Buffer, stored: Buffer, subjectId: string): Buffer {
  const iv = stored.subarray(0, IV_BYTES);
  const tag = stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const decipher = createDecipheriv(ALGORITHM, masterKey, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(`pamoja.data-key.v1:${subjectId}`));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}
