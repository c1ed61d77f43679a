import { describe, expect, it } from '@jest/globals';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newSecretKey, SECRET_PREFIX, secretText, signedHeaders, type SignedHeaders } from './standard-webhooks.js';

/*
 * Our signatures checked by someone else's code: the Standard Webhooks reference library, as an integrator
 * would use it. The library refuses timestamps more than 5 minutes from its clock, so messages are signed now.
 */

const MESSAGE_ID = 'a1c7f0e2-3b4d-5e6f-8a9b-0c1d2e3f4a5b';
const BODY = JSON.stringify({
  specversion: '1.0',
  id: '5f0c2a7e-9b1d-4c3e-8f2a-1b3c4d5e6f70',
  type: 'pamoja.referrals.ReferralSubmitted.v1',
  source: '/pamoja/referrals',
  data: { referralId: '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d', siteCode: 'NK-MAS-014', emoji: 'Kalimbi ⛏' },
});

const verify = (secret: string, body: string, headers: SignedHeaders): unknown =>
  new Webhook(secret).verify(body, { ...headers });

describe('the signing secret', () => {
  it('is whsec_ and the base64 of 32 random bytes', () => {
    const key = newSecretKey();
    expect(key).toHaveLength(32);
    const secret = secretText(key);
    expect(SECRET_PREFIX).toBe('whsec_');
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice('whsec_'.length), 'base64').equals(key)).toBe(true);
  });

  it('is a fresh one each time', () => {
    expect(newSecretKey().equals(newSecretKey())).toBe(false);
  });
});

describe('a signed delivery, verified by the reference library', () => {
  it('carries the three headers: the message id, the time in seconds, and v1 signatures', () => {
    const at = new Date();
    const headers = signedHeaders(MESSAGE_ID, at, BODY, [newSecretKey()]);
    expect(headers['webhook-id']).toBe(MESSAGE_ID);
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(at.getTime() / 1000)));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]{43}=$/);
  });

  it('verifies with the one secret, and gives back the body', () => {
    const key = newSecretKey();
    const headers = signedHeaders(MESSAGE_ID, new Date(), BODY, [key]);
    expect(verify(secretText(key), BODY, headers)).toEqual(JSON.parse(BODY));
  });

  it('signs exactly as the reference library does', () => {
    const key = newSecretKey();
    const at = new Date();
    const headers = signedHeaders(MESSAGE_ID, at, BODY, [key]);
    expect(headers['webhook-signature']).toBe(new Webhook(secretText(key)).sign(MESSAGE_ID, at, BODY));
  });

  it('during a rotation, lists both signatures, and each secret verifies alone', () => {
    const current = newSecretKey();
    const previous = newSecretKey();
    const headers = signedHeaders(MESSAGE_ID, new Date(), BODY, [current, previous]);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(headers['webhook-signature'].split(' ').every((s) => s.startsWith('v1,'))).toBe(true);
    expect(verify(secretText(current), BODY, headers)).toEqual(JSON.parse(BODY));
    expect(verify(secretText(previous), BODY, headers)).toEqual(JSON.parse(BODY));
    expect(() => verify(secretText(newSecretKey()), BODY, headers)).toThrow(WebhookVerificationError);
  });

  it('fails with any other secret', () => {
    const headers = signedHeaders(MESSAGE_ID, new Date(), BODY, [newSecretKey()]);
    expect(() => verify(secretText(newSecretKey()), BODY, headers)).toThrow(WebhookVerificationError);
  });

  it('fails when the body was changed, even by one character or one space', () => {
    const key = newSecretKey();
    const headers = signedHeaders(MESSAGE_ID, new Date(), BODY, [key]);
    expect(() => verify(secretText(key), BODY.replace('NK-MAS-014', 'NK-MAS-015'), headers)).toThrow(
      WebhookVerificationError,
    );
    expect(() => verify(secretText(key), `${BODY} `, headers)).toThrow(WebhookVerificationError);
  });

  it('fails when the id or the timestamp was changed', () => {
    const key = newSecretKey();
    const headers = signedHeaders(MESSAGE_ID, new Date(), BODY, [key]);
    expect(() =>
      verify(secretText(key), BODY, { ...headers, 'webhook-id': 'b2d8a1f3-4c5e-5f70-9b0c-1d2e3f4a5b6c' }),
    ).toThrow(WebhookVerificationError);
    expect(() =>
      verify(secretText(key), BODY, {
        ...headers,
        'webhook-timestamp': String(Number(headers['webhook-timestamp']) - 1),
      }),
    ).toThrow(WebhookVerificationError);
  });

  it('is refused by a receiver when signed long ago (a message replayed by someone else)', () => {
    const key = newSecretKey();
    const headers = signedHeaders(MESSAGE_ID, new Date(Date.now() - 3_600_000), BODY, [key]);
    expect(() => verify(secretText(key), BODY, headers)).toThrow(WebhookVerificationError);
  });

  it('is never made without a key', () => {
    expect(() => signedHeaders(MESSAGE_ID, new Date(), BODY, [])).toThrow('at least one signing key');
  });
});
