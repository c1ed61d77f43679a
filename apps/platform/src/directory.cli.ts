import { readFile } from 'node:fs/promises';
import {
  AGENCY_TYPES,
  InvalidInputError,
  isAgencyType,
  isProvince,
  PROVINCES,
  RuleViolationError,
  type AgencyType,
  type Province,
} from '@pamoja/contracts';
import { SqlEventStore, type SqlDatabase } from '@pamoja/event-store';
import { loadConfig, lockDataDir, type PlatformConfig } from '@pamoja/platform/config';
import {
  AGENCY_EVENT_TYPES,
  DEMO_AGENCIES,
  registerAgencies,
  type AgencyRegistration,
} from '@pamoja/platform/directory';
import { cliProgram, runCli, usageHint } from '@pamoja/platform/cli';

// The store module loads Nest and every read model's wiring: only a command that runs needs it, never --help or a
// usage error.
const openDatabase = async (config: PlatformConfig): Promise<SqlDatabase> =>
  (await import('@pamoja/platform/store')).openDatabase(config);

const DESCRIPTION =
  'The agency directory: list it, or register agencies. The operator registers the first coordination body of a ' +
  'deployment this way; its coordinators keep the directory from then on (registerAgency, suspendAgency ... in ' +
  'the API). Agencies already registered are left as they are. Embedded data directory (PAMOJA_DATA_DIR, default ' +
  './data; the platform must be stopped) or, with PAMOJA_MODE=server, the PostgreSQL database at DATABASE_URL.';
const NOTES = `
agency types: ${AGENCY_TYPES.join(', ')}; provinces: ${PROVINCES.join(', ')}
exit code: 0 done, 1 refused (a field names the problem), 2 usage or connection error`;

class UsageError extends Error {}

/** The file's agencies, each field checked; every problem named with its entry. */
function parseAgencies(text: string, file: string): AgencyRegistration[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(parsed)) throw new UsageError(`${file} must hold a JSON array of agencies`);
  const problems: string[] = [];
  const agencies = parsed.map((entry: unknown, index): AgencyRegistration => {
    const at = (field: string, reason: string) => problems.push(`[${index}].${field}: ${reason}`);
    const value = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
    const text = (field: string): string | null => {
      const found = value[field];
      return typeof found === 'string' ? found : null;
    };
    const agencyId = text('agencyId') ?? '';
    if (!agencyId) at('agencyId', 'is required');
    const agencyType = text('agencyType');
    if (!isAgencyType(agencyType)) at('agencyType', `must be one of ${AGENCY_TYPES.join(', ')}`);
    const province = text('province');
    if (province !== null && !isProvince(province)) at('province', `must be one of ${PROVINCES.join(', ')}`);
    const contact = (
      typeof value['contact'] === 'object' && value['contact'] !== null ? value['contact'] : {}
    ) as Record<string, unknown>;
    return {
      agencyId,
      agencyType: (agencyType ?? 'first_responder') as AgencyType,
      name: text('name') ?? '',
      province: province as Province | null,
      territory: text('territory'),
      parentAgencyId: text('parentAgencyId'),
      contact: {
        email: typeof contact['email'] === 'string' ? contact['email'] : null,
        phone: typeof contact['phone'] === 'string' ? contact['phone'] : null,
      },
    };
  });
  if (problems.length > 0) throw new UsageError(`${file}:\n  ${problems.join('\n  ')}`);
  return agencies;
}

async function list(store: SqlEventStore): Promise<void> {
  const rows = new Map<string, { type: string; name: string; status: string }>();
  let after;
  for (;;) {
    const { events, checkedUpTo } = await store.readAll({
      ...(after ? { after } : {}),
      filter: { eventTypes: [...AGENCY_EVENT_TYPES] },
      maxCount: 500,
    });
    for (const event of events) {
      const data = event.data as Record<string, string>;
      const id = data['agencyId'] ?? '';
      const row = rows.get(id) ?? { type: data['agencyType'] ?? '', name: data['name'] ?? '', status: 'active' };
      if (event.type === 'AgencyDetailsChanged') row.name = data['name'] ?? row.name;
      if (event.type === 'AgencySuspended') row.status = 'suspended';
      if (event.type === 'AgencyReinstated') row.status = 'active';
      rows.set(id, row);
    }
    if (events.length === 0) break;
    after = checkedUpTo;
  }
  if (rows.size === 0) process.stdout.write('the directory is empty: `npm run directory -- import <file>`\n');
  for (const [id, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
    process.stdout.write(`${id.padEnd(24)} ${row.type.padEnd(20)} ${row.status.padEnd(10)} ${row.name}\n`);
  }
}

async function directory(command: 'list' | 'import', options: { file?: string; demo?: boolean } = {}): Promise<number> {
  let agencies: AgencyRegistration[] = [];
  if (command === 'import') {
    if (options.demo && options.file) throw new UsageError('import takes a file or --demo, not both');
    if (options.demo) agencies = [...DEMO_AGENCIES];
    else if (options.file) agencies = parseAgencies(await readFile(options.file, 'utf8'), options.file);
    else throw new UsageError('import takes a file, or --demo');
  }
  const config = loadConfig(process.env, { mode: 'embedded', serviceName: 'pamoja-directory' });
  if (command === 'import' && options.demo && config.production) {
    throw new UsageError('the demonstration directory is fictional: never in production');
  }
  const unlock = config.mode === 'embedded' ? await lockDataDir(config.dataDir, 'the directory tool') : undefined;
  const db = await openDatabase(config);
  let store: SqlEventStore | undefined;
  try {
    store = await SqlEventStore.open(db);
    if (command === 'list') {
      await list(store);
      return 0;
    }
    const outcome = await registerAgencies(store, agencies);
    process.stdout.write(
      `registered ${outcome.registered.length} (${outcome.registered.join(', ') || 'none'}); ` +
        `already in the directory ${outcome.present.length}\n`,
    );
    return 0;
  } finally {
    await store?.close();
    await db.close();
    await unlock?.();
  }
}

const program = cliProgram('directory', DESCRIPTION).addHelpText('after', NOTES);
program
  .command('list')
  .description('the agencies of the directory, as the log records them')
  .action(async () => {
    process.exitCode = await directory('list');
  });
program
  .command('import')
  .description('registers each agency of the file not yet in the directory')
  .argument(
    '[file.json]',
    'a JSON array of { agencyId, agencyType, name, province?, territory?, parentAgencyId?, contact? }',
  )
  .option('--demo', 'the fictional demonstration directory of North and South Kivu (development only)')
  .action(async (file: string | undefined, options: { demo?: boolean }) => {
    process.exitCode = await directory('import', { ...(file ? { file } : {}), demo: options.demo === true });
  });

try {
  await runCli(program);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`error: ${error.message}\n${usageHint('directory')}\n`);
    process.exitCode = 2;
  } else if (error instanceof InvalidInputError) {
    process.stderr.write(`refused: ${error.problems.map((p) => `${p.field}: ${p.reason}`).join('; ')}\n`);
    process.exitCode = 1;
  } else if (error instanceof RuleViolationError) {
    process.stderr.write(`refused: ${error.message}\n`);
    process.exitCode = 1;
  } else {
    process.stderr.write(`${String((error as Error).stack ?? error)}\n`);
    process.exitCode = 2;
  }
}
