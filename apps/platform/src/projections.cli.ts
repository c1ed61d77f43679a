import { Logger } from '@nestjs/common';
import cliProgress from 'cli-progress';
import { ProjectionRunner, Upcasters, type Projection, type SqlDatabase } from '@pamoja/event-store';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { loadConfig, lockDataDir, type PlatformConfig } from '@pamoja/platform/config';
import { openProtectedEventStore } from '@pamoja/platform/privacy';
import { Argument, cliProgram, type Command, runCli } from '@pamoja/platform/cli';
import { embeddedProjections, serverProjections } from './backup/projection-check.js';
import { ALL_UPCASTERS, SHARED_PROJECTIONS } from './contexts.js';

// The store module loads Nest and every read model's wiring: only a command that runs needs it, never --help or a
// usage error.
const openDatabase = async (config: PlatformConfig): Promise<SqlDatabase> =>
  (await import('@pamoja/platform/store')).openDatabase(config);

// The same upcasters, deadline rules and read models as the running platform, read from each context's
// declaration, so a rebuild sees what it sees.
const upcasters = Upcasters.of(...ALL_UPCASTERS);
// The read models restore compares with their rebuild: one list, so that the two cannot drift. It holds who is
// party to which case and the case references (from the log in every mode), and the read models built from other
// agencies' events, each event as the catalogue shares it, as the running platform does.
const EMBEDDED_PROJECTIONS = embeddedProjections();
// Server mode: the same, but membership and references as each agency service keeps them, in a copy of its own.
const SERVER_PROJECTIONS = serverProjections();
/** The agency services' own copies of membership and references (`pamoja-<context>.own-case-membership`, …). */
const SERVICE_COPIES = SERVER_PROJECTIONS.filter((p) => !EMBEDDED_PROJECTIONS.some((e) => e.name === p.name));
const ALL_PROJECTIONS = [...EMBEDDED_PROJECTIONS, ...SERVICE_COPIES];
/** The read models of a mode: the embedded app's, or the services' of server mode. */
const projectionsOf = (config: PlatformConfig): readonly Projection[] =>
  config.mode === 'server' ? SERVER_PROJECTIONS : EMBEDDED_PROJECTIONS;
/**
 * Server mode: the read models built from other agencies' events arrive through Kafka, so they can also be
 * rebuilt by replaying their topics from the beginning (unwrapped: the consumer hands them shared events).
 */
const TOPIC_FED_PROJECTIONS: readonly Projection[] = SHARED_PROJECTIONS;
const SERVER_NOTE = 'server mode: PAMOJA_MODE=server, DATABASE_URL, KAFKA_BROKERS';

/** Lists the read models, or empties some and replays the whole log (or, server mode, their topics) into them. */
async function projections(
  action: 'list' | 'rebuild',
  wanted: readonly string[] | 'all' = [],
  fromTopics = false,
): Promise<void> {
  const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-projections' });
  if (fromTopics) {
    await rebuildAllFromTopics(config, wanted === 'all' ? TOPIC_FED_PROJECTIONS.map((p) => p.name) : wanted);
    return;
  }
  const available = projectionsOf(config);
  const names = wanted === 'all' ? available.map((p) => p.name) : wanted;
  for (const name of names) {
    if (!available.some((p) => p.name === name)) {
      process.stderr.write(`${name} is not a read model of ${config.mode} mode (${modeNote(config, name)})\n`);
      process.exit(2);
    }
  }
  const unlock = config.mode === 'embedded' ? await lockDataDir(config.dataDir, 'the projections tool') : undefined;
  const db = await openDatabase(config);
  try {
    // Through the personal-data protection, with the platform's master key: a rebuild reads what the platform
    // reads, and personal data erased since reads as null.
    const store = await openProtectedEventStore(db, config, { upcasters });
    const runner = new ProjectionRunner(store, db, available);
    if (action === 'list') {
      await runner.migrate();
      for (const p of available) process.stdout.write(`${p.name}\t(schema ${p.schema})\n`);
      // Closed here too: on PostgreSQL the store listens for new events, and the tool would never exit.
      await store.close();
      return;
    }
    for (const projection of names) {
      const bar = new cliProgress.SingleBar(
        { format: `${projection} [{bar}] {percentage}% | {value}/{total} log positions | {events} events` },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      const count = await runner.rebuild(projection, ({ processed, position, head }) => {
        if (!started) {
          bar.start(Math.max(head.globalPosition, 1), 0, { events: 0 });
          started = true;
        }
        bar.update(Math.min(position.globalPosition, head.globalPosition), { events: processed });
      });
      bar.update(bar.getTotal());
      bar.stop();
      process.stdout.write(`${projection}: rebuilt from ${count} events\n`);
    }
    await store.close();
  } finally {
    await db.close();
    await unlock?.();
  }
}

/** What to rebuild instead of a read model the mode does not have. */
function modeNote(config: PlatformConfig, name: string): string {
  return config.mode === 'server'
    ? `in server mode each agency service keeps case membership and case references in a copy of its own: ` +
        `rebuild ${SERVICE_COPIES.map((p) => p.name).join(', ')}`
    : `${name} is kept by an agency service in server mode (PAMOJA_MODE=server, DATABASE_URL)`;
}

/** Why a projection cannot be rebuilt from the topics, or undefined when it can. */
function topicRebuildRefusal(config: PlatformConfig, name: string): string | undefined {
  if (config.mode !== 'server') {
    return (
      '--from-topics is for server mode (PAMOJA_MODE=server with DATABASE_URL and KAFKA_BROKERS): in embedded ' +
      'mode no read model is fed from Kafka; rebuild from the log without --from-topics'
    );
  }
  if (!TOPIC_FED_PROJECTIONS.some((p) => p.name === name)) {
    const known = ALL_PROJECTIONS.some((p) => p.name === name);
    return known
      ? `${name} is built from its own service's log, not from Kafka: rebuild it without --from-topics ` +
          `(projections fed from Kafka: ${TOPIC_FED_PROJECTIONS.map((p) => p.name).join(', ')})`
      : `unknown projection ${name} (fed from Kafka: ${TOPIC_FED_PROJECTIONS.map((p) => p.name).join(', ')})`;
  }
  if (!config.kafkaBrokers) return '--from-topics needs KAFKA_BROKERS (host:port[,host:port...])';
  return undefined;
}

/**
 * Server mode: empties a Kafka-fed read model and its consumer's checkpoints, then replays its topics from
 * the beginning with the consumer group of the service (which must be stopped).
 */
async function rebuildAllFromTopics(config: PlatformConfig, names: readonly string[]): Promise<void> {
  for (const name of names) {
    const refusal = topicRebuildRefusal(config, name);
    if (refusal) {
      process.stderr.write(`${refusal}\n`);
      process.exit(2);
    }
  }
  // Kafka's client is loaded only for this command.
  const { anyBrokerAnswers, createKafka, KafkaMessagePublisher, rebuildFromTopics } =
    await import('@pamoja/platform/kafka');
  const brokers = config.kafkaBrokers ?? [];
  if (!(await anyBrokerAnswers(brokers))) {
    throw new Error(`Kafka does not answer at ${brokers.join(',')} (is it started? infra/kafka/start.sh)`);
  }
  // kafkajs warnings (rebalances, retries) would break the progress bar: errors only.
  Logger.overrideLogger(['error', 'fatal']);
  const db: SqlDatabase = await openDatabase(config);
  const kafka = createKafka({ brokers, clientId: config.serviceName });
  const deadLetters = new KafkaMessagePublisher(kafka);
  try {
    await db.query('SELECT 1').catch((error: unknown) => {
      throw new Error(`PostgreSQL does not answer: ${error instanceof Error ? error.message : String(error)}`);
    });
    for (const name of names) {
      const projection = TOPIC_FED_PROJECTIONS.find((p) => p.name === name);
      if (!projection) continue;
      const bar = new cliProgress.SingleBar(
        { format: `${name} [{bar}] {percentage}% | {value}/{total} messages` },
        cliProgress.Presets.shades_classic,
      );
      let started = false;
      let result;
      try {
        result = await rebuildFromTopics(
          kafka,
          db,
          { kind: 'projection', projection },
          DEFAULT_CATALOGUE,
          deadLetters,
          ({ processed, total }) => {
            if (!started) {
              bar.start(Math.max(total, 1), 0);
              started = true;
            }
            bar.update(Math.min(processed, total));
          },
          config.kafkaTopicPrefix ? { topicPrefix: config.kafkaTopicPrefix } : {},
        );
        bar.update(bar.getTotal());
      } finally {
        bar.stop(); // does nothing when the bar never started
      }
      process.stdout.write(`${name}: rebuilt from ${result.processed} messages\n`);
    }
  } finally {
    await deadLetters.close().catch(() => undefined);
    await db.close();
  }
}

const program = cliProgram('projections', 'Lists the read models, or rebuilds them from the log.').addHelpText(
  'after',
  `
projections: ${EMBEDDED_PROJECTIONS.map((p) => p.name).join(', ')}
server mode, each agency service's own copies in place of platform.case-membership and platform.case-references:
  ${SERVICE_COPIES.map((p) => p.name).join(', ')}
fed from Kafka in server mode: ${TOPIC_FED_PROJECTIONS.map((p) => p.name).join(', ')}`,
);
program
  .command('list')
  .description('the read models and their schema versions')
  .action(() => projections('list'));
program
  .command('rebuild')
  .description('empties a read model and replays the whole log into it, with a progress bar')
  .addArgument(new Argument('[name]', 'the projection').choices(ALL_PROJECTIONS.map((p) => p.name)))
  .option('--all', 'every projection (with --from-topics: every one fed from Kafka)')
  .option('--from-topics', `replays the Kafka topics instead of the log (${SERVER_NOTE})`)
  .action(async (name: string | undefined, options: { all?: boolean; fromTopics?: boolean }, command: Command) => {
    const fromTopics = options.fromTopics === true;
    if (name !== undefined && options.all) command.error('error: rebuild takes a projection name or --all, not both');
    if (!options.all && name === undefined) command.error("error: missing required argument 'name' (or --all)");
    await projections('rebuild', options.all ? 'all' : name ? [name] : [], fromTopics);
  });

try {
  await runCli(program);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
