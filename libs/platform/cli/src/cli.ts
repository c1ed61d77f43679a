import { Command, CommanderError } from 'commander';

export { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';

/** The exit code of a wrong command line (an unknown option, a missing argument, a bad value). */
export const USAGE_ERROR = 2;

/** The line after a usage error: where the usage is. */
export const usageHint = (script: string): string => `(see the usage: npm run ${script} -- --help)`;

/**
 * A command-line program with the platform's conventions (ADR 0031): `--help` (`-h`) prints the usage, every
 * command and option, and exits 0; an unknown option or command, a missing argument or a bad value prints one
 * line naming it, then where the usage is, and exits 2 (1 stays for an operation that failed). `script` is the
 * npm script that runs it (`npm run <script> -- ...`). Subcommands added with `.command()` inherit all this.
 */
export function cliProgram(script: string, description: string): Command {
  return new Command(`npm run ${script} --`)
    .description(description)
    .helpOption('-h, --help', 'show this usage')
    .showHelpAfterError(usageHint(script))
    .exitOverride();
}

/**
 * Parses `argv` (the arguments after the script) and runs the action it names. A usage error sets the exit code
 * to 2, the help to 0; what an action throws is the caller's. A program of commands given none is a usage error.
 */
export async function runCli(program: Command, argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  try {
    if (argv.length === 0 && program.commands.length > 0) {
      program.error(`error: a command is needed: ${program.commands.map((c) => c.name()).join(', ')}`);
    }
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    process.exitCode = error.exitCode === 0 ? 0 : USAGE_ERROR;
  }
}

/** A repeatable option's values, in order (`--role a --role b`). */
export const collect = (value: string, previous: readonly string[] = []): string[] => [...previous, value];
