import { userInfo } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Logger } from '@nestjs/common';
import { type SqlDatabase } from '@pamoja/event-store';
import { ConfigError, loadConfig, type PlatformConfig } from '@pamoja/platform/config';
import { cliProgram, type Command, CommanderError, Option, USAGE_ERROR, usageHint } from '@pamoja/platform/cli';
import {
  createKafka,
  DEAD_LETTER_TOPIC,
  KafkaMessagePublisher,
  kafkaTopic,
  listDeadLetters,
  replayDeadLetters,
  type DeadLetter,
  anyBrokerAnswers,
} from '@pamoja/platform/kafka';

// The store module loads Nest and every read model's wiring: only a command that runs needs it, never --help or a
// usage error.
const openDatabase = async (config: PlatformConfig): Promise<SqlDatabase> =>
  (await import('@pamoja/platform/store')).openDatabase(config);

export type DeadLetterCommand =
  | { readonly action: 'help' }
  | { readonly action: 'list'; readonly consumer: string | undefined }
  | { readonly action: 'replay'; readonly refs: readonly string[]; readonly all: false }
  | {
      readonly action: 'replay';
      readonly refs: readonly [];
      readonly all: true;
      readonly consumer: string | undefined;
    };

/** Wrong arguments: the message and the usage go to stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const REF = /^\d+:\d+$/;

/**
 * The command line: `result` receives the command the arguments name. Usage errors are thrown (commander's with
 * `exitOverride`, the others as `UsageError`); nothing is written, the caller says it.
 */
function deadLetterProgram(
  result: { command?: DeadLetterCommand },
  writeOut: (text: string) => void = () => undefined,
): Command {
  const program = cliProgram(
    'deadletters',
    'The dead letters of server mode: every message a consumer could not process.',
  ).addHelpText('after', '\nServer mode settings: DATABASE_URL, KAFKA_BROKERS, KAFKA_TOPIC_PREFIX (optional).');
  program.configureOutput({ writeOut, writeErr: () => undefined });
  program
    .command('list')
    .description(`every message a consumer could not process (topic ${DEAD_LETTER_TOPIC}), oldest first`)
    .option('--consumer <name>', 'only the dead letters of this consumer')
    .addOption(new Option('--all').hideHelp())
    .action((options: { consumer?: string; all?: boolean }) => {
      if (options.all) throw new UsageError('--all goes with replay');
      result.command = { action: 'list', consumer: consumerOf(options.consumer) };
    });
  program
    .command('replay')
    .description('puts the named dead letters back on their original topics; --all replays every one not replayed yet')
    .argument('[refs...]', '<partition>:<offset> of each dead letter, as list shows')
    .option('--all', 'every dead letter not replayed yet')
    .option('--consumer <name>', 'with --all: only those of this consumer')
    .action((refs: string[], options: { consumer?: string; all?: boolean }) => {
      const consumer = consumerOf(options.consumer);
      if (options.all) {
        if (refs.length > 0) throw new UsageError('replay takes either refs or --all, not both');
        result.command = { action: 'replay', refs: [], all: true, consumer };
        return;
      }
      if (refs.length === 0) throw new UsageError('replay needs the refs of the dead letters, or --all');
      if (consumer !== undefined) throw new UsageError('--consumer goes with list or replay --all');
      const wrong = refs.filter((ref) => !REF.test(ref));
      if (wrong.length > 0) {
        throw new UsageError(`a ref is <partition>:<offset> (e.g. 0:12), not ${wrong.join(', ')}`);
      }
      result.command = { action: 'replay', refs: [...new Set(refs)], all: false };
    });
  return program;
}

function consumerOf(consumer: string | undefined): string | undefined {
  if (consumer === '') throw new UsageError('--consumer needs a consumer name');
  return consumer;
}

/** Prints the usage `args` ask for (`--help`, `help`, `replay --help` ...). */
function printUsage(args: readonly string[]): void {
  try {
    deadLetterProgram({}, (text) => process.stdout.write(text)).parse([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
  }
}

/** The command line (without `node` and the script) as a command, or a UsageError. */
export function parseDeadLetterArgs(args: readonly string[]): DeadLetterCommand {
  const [first, ...rest] = args;
  if (first === undefined) throw new UsageError('a command is needed: list or replay');
  const result: { command?: DeadLetterCommand } = {};
  try {
    deadLetterProgram(result).parse([...args], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    if (error.exitCode === 0) return { action: 'help' };
    if (error.code === 'commander.unknownCommand') throw new UsageError(`unknown command ${first}`);
    if (error.code === 'commander.excessArguments') {
      throw new UsageError(`${first} takes no arguments, not ${rest.join(' ')}`);
    }
    throw new UsageError(error.message.replace(/^error: /, ''));
  }
  if (!result.command) throw new UsageError('a command is needed: list or replay');
  return result.command;
}

/** One dead letter as `list` prints it: a header line, then the event and the error, indented. */
export function formatDeadLetter(letter: DeadLetter): string {
  const { original } = letter;
  const replayed = letter.replayedAt ? `replayed ${letter.replayedAt.toISOString()}` : 'not replayed';
  const lines = [
    `${letter.ref}  ${letter.consumer || '(unknown consumer)'}  ${replayed}`,
    `    from     ${original.topic || '(unknown topic)'} partition ${original.partition} offset ${original.offset}`,
  ];
  if (letter.eventType || letter.eventId) {
    lines.push(`    event    ${letter.eventType ?? '(no type)'}  ${letter.eventId ?? '(no id)'}`);
  }
  lines.push(`    failed   ${letter.failedAt || '(unknown time)'}`);
  const [first = '', ...more] = (letter.error || '(no error recorded)').split('\n');
  lines.push(`    error    ${first}`, ...more.map((line) => `             ${line}`));
  return lines.join('\n');
}

/** The closing line of `list`. */
export function summarizeDeadLetters(letters: readonly DeadLetter[], consumer: string | undefined): string {
  const of = consumer ? ` of ${consumer}` : '';
  if (letters.length === 0) return `no dead letters${of}`;
  const replayed = letters.filter((l) => l.replayedAt).length;
  return `${letters.length} dead letter${letters.length === 1 ? '' : 's'}${of} (${replayed} replayed, ${letters.length - replayed} not)`;
}

export interface ReplaySelection {
  readonly selected: readonly DeadLetter[];
  /** Refs asked for that are not in the dead-letter topic. */
  readonly missing: readonly string[];
  /** With --all: those replayed before, left alone. */
  readonly skipped: readonly DeadLetter[];
}

/** Which dead letters a replay command republishes. */
export function selectForReplay(
  letters: readonly DeadLetter[],
  command: Extract<DeadLetterCommand, { action: 'replay' }>,
): ReplaySelection {
  if (command.all) {
    const mine = letters.filter((l) => command.consumer === undefined || l.consumer === command.consumer);
    return {
      selected: mine.filter((l) => !l.replayedAt),
      missing: [],
      skipped: mine.filter((l) => l.replayedAt),
    };
  }
  const byRef = new Map(letters.map((l) => [l.ref, l]));
  return {
    selected: command.refs.flatMap((ref) => byRef.get(ref) ?? []),
    missing: command.refs.filter((ref) => !byRef.has(ref)),
    skipped: [],
  };
}

/** What `replay` prints for one republished dead letter. */
export function formatReplayed(letter: DeadLetter): string {
  const event = letter.eventType ? ` ${letter.eventType}${letter.eventId ? ` ${letter.eventId}` : ''}` : '';
  const again = letter.replayedAt ? ` (again: first replayed ${letter.replayedAt.toISOString()})` : '';
  return `replayed ${letter.ref} -> ${letter.message.topic}${event} (failed in ${letter.consumer || 'an unknown consumer'})${again}`;
}

function who(): string {
  try {
    return `deadletters-cli:${userInfo().username}`;
  } catch {
    return 'deadletters-cli';
  }
}

async function run(command: Exclude<DeadLetterCommand, { action: 'help' }>, config: PlatformConfig): Promise<number> {
  const brokers = config.kafkaBrokers ?? [];
  if (!(await anyBrokerAnswers(brokers))) {
    throw new Error(`Kafka does not answer at ${brokers.join(',')} (is it started? infra/kafka/start.sh)`);
  }
  // kafkajs retries and rebalances are not for this output: errors only.
  Logger.overrideLogger(['error', 'fatal']);
  const db = await openDatabase(config);
  const kafka = createKafka({ brokers, clientId: 'pamoja-deadletters' });
  const publisher = new KafkaMessagePublisher(kafka);
  try {
    await db.query('SELECT 1').catch((error: unknown) => {
      throw new Error(`PostgreSQL does not answer: ${error instanceof Error ? error.message : String(error)}`);
    });
    const topic = kafkaTopic(DEAD_LETTER_TOPIC, config.kafkaTopicPrefix);
    const letters = await listDeadLetters(kafka, db, config.kafkaTopicPrefix).catch((error: unknown) => {
      const text = error instanceof Error ? error.message : String(error);
      if (/does not host this topic-partition|UNKNOWN_TOPIC/i.test(text)) {
        throw new Error(
          `the dead-letter topic ${topic} does not exist on ${brokers.join(',')} (infra/kafka/provision.sh)`,
        );
      }
      if (/relation .* does not exist/i.test(text)) {
        // No consumer has run against this database yet: nothing was replayed from it.
        throw new Error(`no consumer state in this database yet (${text}): is DATABASE_URL the services' database?`);
      }
      throw error;
    });
    if (command.action === 'list') {
      const shown = letters.filter((l) => command.consumer === undefined || l.consumer === command.consumer);
      for (const letter of shown) process.stdout.write(`${formatDeadLetter(letter)}\n\n`);
      process.stdout.write(`${summarizeDeadLetters(shown, command.consumer)}\n`);
      return 0;
    }
    const { selected, missing, skipped } = selectForReplay(letters, command);
    if (missing.length > 0) {
      process.stderr.write(`no dead letter ${missing.join(', ')} in ${topic}; nothing replayed (see: list)\n`);
      return 1;
    }
    for (const letter of skipped) process.stdout.write(`skipped ${letter.ref}: replayed before\n`);
    for (const letter of selected) {
      await replayDeadLetters(publisher, db, [letter], who());
      process.stdout.write(`${formatReplayed(letter)}\n`);
    }
    process.stdout.write(
      selected.length === 0
        ? 'nothing to replay\n'
        : `replayed ${selected.length} dead letter${selected.length === 1 ? '' : 's'}; consumers that had processed an event skip it by its id\n`,
    );
    return 0;
  } finally {
    await publisher.close().catch(() => undefined);
    await db.close();
  }
}

/** Lists or replays the dead letters of server mode. Exit codes: 0 done, 1 failed, 2 wrong arguments or settings. */
export async function main(args: readonly string[]): Promise<number> {
  let command: DeadLetterCommand;
  try {
    command = parseDeadLetterArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`error: ${error.message}\n${usageHint('deadletters')}\n`);
    return USAGE_ERROR;
  }
  if (command.action === 'help') {
    printUsage(args);
    return 0;
  }
  let config: PlatformConfig;
  try {
    config = loadConfig(process.env, { mode: 'server', serviceName: 'pamoja-deadletters' });
    if (config.mode !== 'server')
      throw new ConfigError(['dead letters exist in server mode only (PAMOJA_MODE=server)']);
    if (!config.kafkaBrokers) throw new ConfigError(['KAFKA_BROKERS is required (host:port[,host:port...])']);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  try {
    return await run(command, config);
  } catch (error) {
    process.stderr.write(`deadletters: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

// Run when started as a program (not when a test imports the functions above).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(await main(process.argv.slice(2)));
}
