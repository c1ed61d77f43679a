import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type CryptoKey } from 'jose';
import { type Actor } from '@pamoja/contracts';
import { DEFAULT_AUDIENCE, DEV_ISSUER } from '@pamoja/platform/config';

const ALG = 'ES256';
const KEY_FILE = 'dev-issuer-key.json';

export interface DevIssuerKeys {
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

/**
 * The embedded mode's own token issuer, for a laptop or a demo. Its key pair lives in the data
 * directory (created on first use, readable by the owner only). Production uses the JWKS of a real
 * identity provider instead.
 */
export async function loadOrCreateDevIssuer(dataDir: string): Promise<DevIssuerKeys> {
  const file = join(dataDir, KEY_FILE);
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as { privateJwk: JWK; publicJwk: JWK };
    const privateKey = (await importJWK(stored.privateJwk, ALG)) as CryptoKey;
    return { privateKey, publicJwk: stored.publicJwk };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const { privateKey, publicKey } = await generateKeyPair(ALG, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), alg: ALG, use: 'sig', kid: 'dev-1' };
  const privateJwk = { ...(await exportJWK(privateKey)), alg: ALG, kid: 'dev-1' };
  // Written whole under a name of its own, then linked to its place, which fails if the file is already there:
  // services starting together on a new data directory never read a key half written, and all end up with the
  // one that was linked first.
  const written = `${file}.${process.pid}.${randomUUID()}`;
  await writeFile(written, JSON.stringify({ privateJwk, publicJwk }), { mode: 0o600, flag: 'wx' });
  try {
    await link(written, file);
  } catch (error) {
    // Another process created it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await unlink(written);
  }
  return loadOrCreateDevIssuer(dataDir);
}

export async function issueDevToken(
  keys: DevIssuerKeys,
  actor: Actor,
  options: { expiresIn?: string; audience?: string } = {},
): Promise<string> {
  return new SignJWT({ agency_id: actor.agencyId, agency_type: actor.agencyType, roles: [...actor.roles] })
    .setProtectedHeader({ alg: ALG, kid: 'dev-1', typ: 'JWT' })
    .setSubject(actor.userId)
    .setIssuer(DEV_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '8h')
    .sign(keys.privateKey);
}
