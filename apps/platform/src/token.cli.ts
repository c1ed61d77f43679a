import { parseArgs } from 'node:util';
import { AGENCY_TYPES, isAgencyType, isRoleOf, ROLES_BY_AGENCY_TYPE } from '@pamoja/contracts';
import { loadConfig } from '@pamoja/platform/config';
import { issueDevToken, loadOrCreateDevIssuer } from '@pamoja/platform/auth';

const USAGE = `usage: npm run token -- --agency <agency id> --role <role> [--role <role>...] [--type <agency type>] [--user <user id>] [--expires 8h]
agency types and their roles:
${AGENCY_TYPES.map((type) => `  ${type}: ${ROLES_BY_AGENCY_TYPE[type].join(', ')}`).join('\n')}
The agency must be in the agency directory (the platform refuses a token of an unknown or suspended agency;
its type there is the one that counts).`;

/** Prints a development token signed by the embedded mode's issuer (its key is in the data directory). */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      role: { type: 'string', multiple: true },
      type: { type: 'string', default: 'first_responder' },
      user: { type: 'string' },
      expires: { type: 'string', default: '8h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const problems: string[] = [];
  if (!values.agency) problems.push('--agency is required');
  if (!values.role || values.role.length === 0) problems.push('--role is required');
  if (!isAgencyType(values.type)) problems.push(`--type must be one of ${AGENCY_TYPES.join(', ')}`);
  else {
    const type = values.type;
    for (const role of values.role ?? []) {
      if (!isRoleOf(type, role)) {
        problems.push(`--role ${role} is not a role of a ${type} agency (${ROLES_BY_AGENCY_TYPE[type].join(', ')})`);
      }
    }
  }
  if (problems.length > 0 || !values.agency || !values.role || !isAgencyType(values.type)) {
    process.stderr.write(`${problems.join('\n')}\n${USAGE}\n`);
    process.exit(2);
  }
  const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-token' });
  if (config.auth.provider !== 'development') {
    process.stderr.write(
      'An identity provider is configured (PAMOJA_OIDC_ISSUER or PAMOJA_JWKS_URL): tokens come from it, not from this tool.\n',
    );
    process.exit(2);
  }
  const keys = await loadOrCreateDevIssuer(config.dataDir);
  const token = await issueDevToken(
    keys,
    {
      userId: values.user ?? `${values.agency}-user`,
      agencyId: values.agency,
      agencyType: values.type,
      roles: values.role,
    },
    { expiresIn: values.expires, audience: config.auth.audience },
  );
  process.stdout.write(`${token}\n`);
}

await main();
