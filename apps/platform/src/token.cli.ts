import { AGENCY_TYPES, isRoleOf, ROLES_BY_AGENCY_TYPE, type AgencyType } from '@pamoja/contracts';
import { ConfigError, loadConfig } from '@pamoja/platform/config';
import { cliProgram, collect, Option, runCli } from '@pamoja/platform/cli';
import { issueDevToken, loadOrCreateDevIssuer } from '@pamoja/platform/auth';

/** Prints a development token signed by the embedded mode's issuer (its key is in the data directory). */
const program = cliProgram('token', "Prints a development token signed by the embedded mode's issuer.")
  .option('--agency <agency id>', 'the agency (it must be in the agency directory)')
  .option('--role <role>', 'a role of the agency type (repeatable; at least one)', collect)
  .addOption(
    new Option('--type <agency type>', "the agency type (the directory's is the one that counts)")
      .choices(AGENCY_TYPES)
      .default('first_responder'),
  )
  .option('--user <user id>', 'the user id (default: <agency>-user)')
  .option('--expires <duration>', 'how long the token is valid, e.g. 30m, 8h, 2d', '8h')
  .addHelpText(
    'after',
    `
agency types and their roles:
${AGENCY_TYPES.map((type) => `  ${type}: ${ROLES_BY_AGENCY_TYPE[type].join(', ')}`).join('\n')}
The agency must be in the agency directory (the platform refuses a token of an unknown or suspended agency;
its type there is the one that counts).`,
  )
  .action(async (values: { agency?: string; role?: string[]; type: AgencyType; user?: string; expires: string }) => {
    const agency = values.agency;
    if (!agency) return program.error("error: required option '--agency <agency id>' not specified");
    const roles = values.role ?? [];
    if (roles.length === 0) program.error("error: required option '--role <role>' not specified");
    for (const role of roles) {
      if (!isRoleOf(values.type, role)) {
        program.error(
          `error: --role ${role} is not a role of a ${values.type} agency (${ROLES_BY_AGENCY_TYPE[values.type].join(', ')})`,
        );
      }
    }
    if (
      !/^\d+(\.\d+)? ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)$/i.test(
        values.expires,
      )
    ) {
      program.error(`error: --expires must be a duration such as 30m, 8h or 2d, not ${values.expires}`);
    }
    const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-token' });
    if (config.auth.provider !== 'development') {
      process.stderr.write(
        'An identity provider is configured (PAMOJA_OIDC_ISSUER or PAMOJA_JWKS_URL): tokens come from it, not from this tool.\n',
      );
      process.exitCode = 2;
      return;
    }
    const keys = await loadOrCreateDevIssuer(config.dataDir);
    const token = await issueDevToken(
      keys,
      { userId: values.user ?? `${agency}-user`, agencyId: agency, agencyType: values.type, roles },
      { expiresIn: values.expires, audience: config.auth.audience },
    );
    process.stdout.write(`${token}\n`);
  });

try {
  await runCli(program);
} catch (error) {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String((error as Error).stack ?? error)}\n`);
  process.exitCode = 1;
}
