import { createHmac, randomBytes } from 'node:crypto';

/**
 * Standard Webhooks 1.0 (https://www.standardwebhooks.com/, spec/standard-webhooks.md): a secret is
 * `whsec_` + base64 of its bytes; a message is signed with HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`,
 * and the `webhook-signature` header is a space-separated list of `v1,<base64 signature>`, one per secret
 * valid now (the new and the previous one during a rotation's grace period).
 */
export const SECRET_PREFIX = 'whsec_';

/** The secret as the integrator is given it, from the key the platform keeps. */
export function secretText(key: Buffer): string {
  return `${SECRET_PREFIX}${key.toString('base64')}`;
}

/** A fresh secret's bytes (the key store makes its own; this one is for tests and tools). */
export function newSecretKey(): Buffer {
  return randomBytes(32);
}

export interface SignedHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** The three headers of a delivery, signed with every key given (the current one first). */
export function signedHeaders(messageId: string, at: Date, body: string, keys: readonly Buffer[]): SignedHeaders {
  if (keys.length === 0) throw new Error('a webhook needs at least one signing key');
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const content = `${messageId}.${timestamp}.${body}`;
  const signature = keys.map((key) => `v1,${createHmac('sha256', key).update(content).digest('base64')}`).join(' ');
  return { 'webhook-id': messageId, 'webhook-timestamp': timestamp, 'webhook-signature': signature };
}
