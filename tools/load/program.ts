/** The load test's command line (load-test.ts runs it; the spec drives it as a user would). */
import { type Command, InvalidArgumentError, Option } from '@pamoja/platform/cli';
import { checkLoopbackUrl, DEFAULTS, LIMITS, renderReport, runLoad, type LoadReport } from './load.js';

interface Values {
  url: string;
  rate: number;
  readsPerCommand: number;
  seconds: number;
  warmup: number;
  clients: number;
  subscribers: number;
  think: number;
  dataDir: string;
  timeout: number;
  finishCases?: boolean;
  json?: boolean;
}

const number =
  (name: string, min: number, max: number, integer = false) =>
  (text: string): number => {
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
      throw new InvalidArgumentError(`${name} must be a${integer ? ' whole' : ''} number, not ${text}`);
    }
    if (value < min || value > max) {
      throw new InvalidArgumentError(`${name} must be between ${String(min)} and ${String(max)}, not ${text}`);
    }
    return value;
  };

const loopback = (text: string): string => {
  try {
    return checkLoopbackUrl(text).toString();
  } catch (error) {
    throw new InvalidArgumentError(error instanceof Error ? error.message : String(error));
  }
};

/**
 * Adds the load test's options and action to `program` (made with cliProgram). `report` receives the result (the
 * action also prints it and sets the exit code: 1 when the run failed).
 */
export function loadProgram(
  program: Command,
  report: (result: LoadReport) => void = () => undefined,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Command {
  return program
    .addOption(
      new Option('--url <url>', 'the GraphQL endpoint (embedded app or gateway); loopback only')
        .default(DEFAULTS.url)
        .argParser(loopback),
    )
    .addOption(
      new Option('--rate <n>', 'commands per second, at a fixed arrival rate (open loop)')
        .default(DEFAULTS.rate)
        .argParser(number('--rate', 0.1, LIMITS.maxRate)),
    )
    .addOption(
      new Option('--reads-per-command <n>', 'reads (queues, the joint case) per command; 0 for commands only')
        .default(DEFAULTS.readsPerCommand)
        .argParser(number('--reads-per-command', 0, 20)),
    )
    .addOption(
      new Option('--seconds <n>', `the measured window, at most ${String(LIMITS.maxSeconds)}`)
        .default(DEFAULTS.seconds)
        .argParser(number('--seconds', 1, LIMITS.maxSeconds)),
    )
    .addOption(
      new Option('--warmup <n>', 'seconds of load before the window, not measured')
        .default(DEFAULTS.warmup)
        .argParser(number('--warmup', 0, LIMITS.maxSeconds)),
    )
    .addOption(
      new Option('--clients <n>', 'HTTP connections (keep-alive)')
        .default(DEFAULTS.clients)
        .argParser(number('--clients', 1, LIMITS.maxClients, true)),
    )
    .addOption(
      new Option('--subscribers <n>', 'WebSocket clients: police live queues, each following up to 3 case timelines')
        .default(DEFAULTS.subscribers)
        .argParser(number('--subscribers', 0, LIMITS.maxSubscribers, true)),
    )
    .addOption(
      new Option('--think <ms>', "a user's pause between the answer to a case's step and its next step")
        .default(DEFAULTS.thinkMs)
        .argParser(number('--think', 0, 60_000)),
    )
    .addOption(
      new Option('--data-dir <dir>', "the platform's data directory, for the development issuer's key")
        .env('PAMOJA_DATA_DIR')
        .default('data'),
    )
    .addOption(
      new Option('--timeout <ms>', 'an operation not answered within this is an error (TIMEOUT)')
        .default(DEFAULTS.timeoutMs)
        .argParser(number('--timeout', 100, 600_000, true)),
    )
    .option(
      '--finish-cases',
      'after the window, follow the cases started in it to their last step (no new ones) and measure those steps',
    )
    .option('--json', 'print the report as JSON (machine-readable) instead of the table')
    .addHelpText(
      'after',
      `
Each command is the next step of a case whose previous step was answered (submitReferral, acceptReferral,
openInvestigation, recordEvidence, identifySuspect, transmitCaseFile, receiveCaseFile, scheduleHearing; beside
them submitReferral to an assistance provider, acceptReferral, registerVictim, assessNeeds, provideService), or
else a new referral. Tokens are development tokens of the demonstration directory's agencies, so the platform
must trust the development issuer (no identity provider) and have the demonstration directory.

Exit code: 0 when every operation succeeded and the achieved rates are within 5% of the targets; 1 otherwise;
2 for a wrong command line. Runs against loopback only, for at most ${String(LIMITS.maxSeconds)} s of measurement.`,
    )
    .action(async (values: Values) => {
      const result = await runLoad(
        {
          url: values.url,
          rate: values.rate,
          readsPerCommand: values.readsPerCommand,
          seconds: values.seconds,
          warmup: values.warmup,
          clients: values.clients,
          subscribers: values.subscribers,
          thinkMs: values.think,
          dataDir: values.dataDir,
          timeoutMs: values.timeout,
          finishCases: values.finishCases === true,
        },
        values.json ? undefined : (line) => process.stderr.write(`${line}\n`),
      );
      report(result);
      write(values.json ? `${JSON.stringify(result, null, 2)}\n` : `${renderReport(result)}\n`);
      process.exitCode = result.failures.length === 0 ? 0 : 1;
    });
}
