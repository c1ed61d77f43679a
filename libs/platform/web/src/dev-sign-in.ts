import { type IncomingMessage, type ServerResponse } from 'node:http';
import { AGENCY_TYPES, isAgencyType, isRoleOf, ROLES_BY_AGENCY_TYPE, type FieldProblem } from '@pamoja/contracts';
import { issueDevToken, type DevIssuerKeys } from '@pamoja/platform/auth';
import { authFromEnv, type AuthSettings } from '@pamoja/platform/config';

/** Where the console asks for a development token (embedded mode and the gateway, dev issuer only). */
export const DEV_SIGN_IN_PATH = '/auth/dev-token';
/** What the console reads first to know which sign-in page to show. */
export const SIGN_IN_CONFIG_PATH = '/auth/config';
/**
 * Where the identity provider sends the person back (the console's redirect URI). It is the console's
 * page, under `/auth/` so that the API's prefixes name every path a provider is told about.
 */
export const SIGN_IN_CALLBACK_PATH = '/auth/callback';

const AGENCY_ID = /^[a-z0-9][a-z0-9-]{1,62}$/;
const ROLE = /^[a-z][a-z_]{1,39}$/;
const MAX_BODY = 4096;
/** The platform's own role: the token verifier refuses it from any token, so it is never issued. */
const PLATFORM_ROLE = 'system';

/** The console's sign-in at an OpenID Connect provider: Authorization Code with PKCE, a public client. */
export interface OidcSignIn {
  /** The provider's issuer identifier (its discovery document is at `<issuer>/.well-known/openid-configuration`). */
  readonly issuer: string;
  /** The console's client id at the provider (a public client: PKCE, no secret). */
  readonly clientId: string;
  readonly scopes: readonly string[];
}

const SCOPES = ['openid', 'profile'] as const;

/** The console's sign-in at the provider the platform's token settings name (`provider: 'oidc'`), else none. */
export function oidcSignInOf(auth: AuthSettings): OidcSignIn | undefined {
  if (auth.provider !== 'oidc') return undefined;
  return { issuer: auth.issuer, clientId: auth.consoleClientId, scopes: SCOPES };
}

/**
 * The console's OpenID Connect sign-in as the environment configures it (`PAMOJA_OIDC_ISSUER`,
 * `PAMOJA_OIDC_CONSOLE_CLIENT_ID`), read through the platform's token settings. For the services that do
 * not hand their configuration to `devSignInHandler`; a configuration error is the services' to report.
 */
export function oidcSignInFromEnv(env: Readonly<Record<string, string | undefined>>): OidcSignIn | undefined {
  return oidcSignInOf(authFromEnv(env, env['NODE_ENV'] === 'production', []));
}

interface SignInOptions {
  /** The dev issuer's keys; undefined when tokens come from an identity provider. */
  readonly keys: DevIssuerKeys | undefined;
  readonly audience: string;
  /**
   * The identity provider's sign-in (`oidcSignInOf(config.auth)`); when not given, read from the
   * environment (`oidcSignInFromEnv`).
   */
  readonly oidc?: OidcSignIn | undefined;
  /** NODE_ENV=production when not given: the development sign-in is then never offered, keys or not. */
  readonly production?: boolean;
}

/** What `GET /auth/config` answers: the sign-in the console offers. */
export interface SignInConfig {
  /** The sign-in to show first (`identity-provider`: tokens come from elsewhere, the console has none to offer). */
  readonly signIn: 'development' | 'oidc' | 'identity-provider';
  /** Present with the development sign-in only, never beside `oidc`. */
  readonly development?: { readonly agencyTypes: readonly string[] };
  readonly oidc?: OidcSignIn;
  /** The development sign-in's agency types, as before `development` was an object of its own. */
  readonly agencyTypes?: readonly string[];
}

/**
 * The sign-in the console offers: the provider's when there is one, else the development sign-in, which
 * is never offered in production nor beside a provider (the services refuse development tokens there).
 */
export function signInConfig(options: {
  readonly development: boolean;
  readonly oidc: OidcSignIn | undefined;
  readonly production: boolean;
}): SignInConfig {
  if (options.oidc) return { signIn: 'oidc', oidc: options.oidc };
  if (options.development && !options.production) {
    return { signIn: 'development', development: { agencyTypes: AGENCY_TYPES }, agencyTypes: AGENCY_TYPES };
  }
  return { signIn: 'identity-provider' };
}

/**
 * The sign-in endpoints. `GET /auth/config` tells the console which sign-in to show (`signInConfig`).
 * `GET /auth/callback`, where the identity provider sends the person back, is the console's page (the
 * console's handler serves it, and lets the page reach the provider: `consoleWeb`).
 *
 * The development sign-in (`POST /auth/dev-token`) picks an agency, its type and a role, and answers a
 * token of the dev issuer for eight hours. Served only where the dev issuer is the configured issuer
 * (never with PAMOJA_JWKS_URL, never when NODE_ENV=production): it is a laptop's and a demo's, marked
 * as such in the console. Bad input is answered in the API's error format, naming each field.
 */
export function devSignInHandler(options: SignInOptions) {
  const production = options.production ?? process.env['NODE_ENV'] === 'production';
  const oidc = 'oidc' in options ? options.oidc : oidcSignInFromEnv(process.env);
  // Development tokens only where the development issuer is the one the services trust.
  const keys = production || oidc ? undefined : options.keys;
  const config = signInConfig({ development: keys !== undefined, oidc, production });
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    const path = (req.url ?? '').split('?')[0];
    if (path === SIGN_IN_CONFIG_PATH && req.method === 'GET') {
      send(res, 200, config);
      return;
    }
    if (path !== DEV_SIGN_IN_PATH) {
      next();
      return;
    }
    if (!keys) {
      send(res, 404, errorBody('NOT_FOUND', 'development sign-in is off: tokens come from the identity provider'));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      send(res, 405, errorBody('METHOD_NOT_ALLOWED', 'use POST'));
      return;
    }
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
  else if (isAgencyType(agencyType)) {
    const outside = roleList.filter((role) => !isRoleOf(agencyType, role));
    if (outside.length > 0) {
      problems.push({
        field: 'roles',
        reason: `${outside.join(', ')} is not a role of a ${agencyType} agency (${ROLES_BY_AGENCY_TYPE[agencyType].join(', ')})`,
      });
    }
  }
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
