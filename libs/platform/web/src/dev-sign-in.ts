import { type IncomingMessage, type ServerResponse } from 'node:http';
import { AGENCY_TYPES, isAgencyType, type FieldProblem } from '@pamoja/contracts';
import { issueDevToken, type DevIssuerKeys } from '@pamoja/platform/auth';

/** Where the console asks for a development token (embedded mode and the gateway, dev issuer only). */
export const DEV_SIGN_IN_PATH = '/auth/dev-token';
/** What the console reads first to know which sign-in page to show. */
export const SIGN_IN_CONFIG_PATH = '/auth/config';

const AGENCY_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const ROLE = /^[a-z][a-z_]{1,39}$/;
const MAX_BODY = 4096;
/** The platform's own role: the token verifier refuses it from any token, so it is never issued. */
const PLATFORM_ROLE = 'system';

interface SignInOptions {
  /** The dev issuer's keys; undefined when tokens come from an identity provider. */
  readonly keys: DevIssuerKeys | undefined;
  readonly audience: string;
}

/**
 * The development sign-in: picks an agency, its type and a role, and answers a token of the dev issuer
 * for eight hours. Served only where the dev issuer is the configured issuer (never with
 * PAMOJA_JWKS_URL, never when NODE_ENV=production): it is a laptop's and a demo's, marked as such in
 * the console. Bad input is answered in the API's error format, naming each field.
 */
export function devSignInHandler(options: SignInOptions) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const path = (req.url ?? '').split('?')[0];
    if (path === SIGN_IN_CONFIG_PATH && req.method === 'GET') {
      send(res, 200, { signIn: options.keys ? 'development' : 'identity-provider', agencyTypes: AGENCY_TYPES });
      return;
    }
    if (path !== DEV_SIGN_IN_PATH) {
      next();
      return;
    }
    if (!options.keys) {
      send(res, 404, errorBody('NOT_FOUND', 'development sign-in is off: tokens come from the identity provider'));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, errorBody('METHOD_NOT_ALLOWED', 'use POST'));
      return;
    }
    const keys = options.keys;
    void readJson(req).then(
      async (body) => {
        const parsed = parse(body);
        if ('problems' in parsed) {
          send(res, 400, {
            errors: [
              {
                message: `Invalid input: ${parsed.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}`,
                extensions: { code: 'BAD_USER_INPUT', fields: parsed.problems },
              },
            ],
          });
          return;
        }
        const expiresInSeconds = 8 * 3600;
        const token = await issueDevToken(keys, parsed.actor, {
          audience: options.audience,
          expiresIn: `${expiresInSeconds}s`,
        });
        send(res, 200, {
          token,
          expiresAt: new Date(Date.now() + expiresInSeconds * 1000).toISOString(),
          development: true,
        });
      },
      (error: unknown) => {
        send(res, 400, errorBody('BAD_USER_INPUT', error instanceof Error ? error.message : 'unreadable body'));
      },
    );
  };
}

function parse(
  body: unknown,
):
  | { actor: { userId: string; agencyId: string; agencyType: (typeof AGENCY_TYPES)[number]; roles: string[] } }
  | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { agencyId, agencyType, roles, userId } = input;
  if (typeof agencyId !== 'string' || !AGENCY_ID.test(agencyId))
    problems.push({ field: 'agencyId', reason: 'must be an agency id of lowercase letters, digits and dashes' });
  if (!isAgencyType(agencyType))
    problems.push({ field: 'agencyType', reason: `must be one of ${AGENCY_TYPES.join(', ')}` });
  const roleList = Array.isArray(roles) ? roles : [];
  if (roleList.length === 0 || roleList.length > 5 || !roleList.every((r) => typeof r === 'string' && ROLE.test(r)))
    problems.push({ field: 'roles', reason: 'must list one to five roles of lowercase letters and underscores' });
  else if (roleList.includes(PLATFORM_ROLE))
    problems.push({ field: 'roles', reason: 'the platform role is not given to people' });
  if (userId !== undefined && (typeof userId !== 'string' || !AGENCY_ID.test(userId)))
    problems.push({ field: 'userId', reason: 'must be lowercase letters, digits and dashes' });
  if (problems.length > 0 || typeof agencyId !== 'string' || !isAgencyType(agencyType)) return { problems };
  return {
    actor: {
      userId: typeof userId === 'string' ? userId : `${agencyId}-user`,
      agencyId,
      agencyType,
      roles: roleList as string[],
    },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  // Behind express's JSON parser the body is already read.
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined) return parsed;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY) throw new Error('the body is too large');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error('the body is not JSON');
  }
}

function errorBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(JSON.stringify(body));
}
