import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { buildSchema, lexicographicSortSchema, printSchema } from 'graphql';
import { compareSchemas, composeSubgraphs, CompositionError, type SchemaChanges } from '@pamoja/gateway';
import { cliProgram, runCli } from '@pamoja/platform/cli';
import { agencySubgraphs, embeddedSchemaSdl, SERVICE_PORT_OFFSET } from './subgraphs.js';

/**
 * `npm run schema -- check`: composes the agency subgraphs as the gateway does and fails on a composition
 * error, on any difference between the composed API and the embedded app's, and on a breaking change
 * against the committed API (docs/api/schema.graphql). `update` writes the composed API and supergraph;
 * a breaking change is written only with `--accept-breaking`, so it is a decision made in review.
 */
const API_FILE = 'docs/api/schema.graphql';
const SUPERGRAPH_FILE = 'docs/api/supergraph.graphql';

function sorted(sdl: string): string {
  return printSchema(lexicographicSortSchema(buildSchema(sdl)));
}

function describe(changes: SchemaChanges['breaking']): string {
  return changes.map((c) => `    - ${c.message}${c.path ? ` (${c.path})` : ''}`).join('\n');
}

async function schema(command: 'check' | 'update', acceptBreaking: boolean): Promise<number> {
  const base = 4000;
  const subgraphs = await agencySubgraphs(
    (service) => `http://127.0.0.1:${base + SERVICE_PORT_OFFSET[service]}/graphql`,
  );
  let composed;
  try {
    composed = composeSubgraphs(subgraphs);
  } catch (error) {
    if (error instanceof CompositionError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const publicSdl = sorted(composed.publicSdl);
  process.stdout.write(`composed ${subgraphs.length} subgraphs: ${subgraphs.map((s) => s.name).join(', ')}\n`);

  const embedded = await embeddedSchemaSdl();
  const drift = await compareSchemas(embedded, publicSdl);
  const driftAll = [...drift.breaking, ...drift.dangerous, ...drift.safe];
  if (driftAll.length > 0) {
    process.stderr.write(
      `the composed API differs from the embedded app's (the same query must work against both):\n${describe(driftAll)}\n`,
    );
    return 1;
  }
  process.stdout.write("the composed API equals the embedded app's\n");

  let committed: string | undefined;
  try {
    committed = await readFile(API_FILE, 'utf8');
  } catch {
    committed = undefined;
  }
  const changes = committed ? await compareSchemas(committed, publicSdl) : undefined;
  if (changes && changes.breaking.length > 0) {
    process.stderr.write(`breaking changes against ${API_FILE}:\n${describe(changes.breaking)}\n`);
    if (command === 'check' || !acceptBreaking) {
      process.stderr.write(
        'clients in the field would break. Keep the old fields (deprecate them), or run\n' +
          '`npm run schema -- update --accept-breaking` and say why in the commit.\n',
      );
      return 1;
    }
  }
  if (command === 'update') {
    await mkdir(dirname(API_FILE), { recursive: true });
    await writeFile(API_FILE, publicSdl);
    await writeFile(SUPERGRAPH_FILE, composed.supergraphSdl);
    process.stdout.write(`wrote ${API_FILE} and ${SUPERGRAPH_FILE}\n`);
    return 0;
  }
  if (!committed || committed !== publicSdl) {
    const count = changes ? changes.safe.length + changes.dangerous.length : 0;
    process.stderr.write(
      `${API_FILE} is not the composed API (${count} non-breaking changes): run \`npm run schema -- update\` and commit it\n`,
    );
    return 1;
  }
  process.stdout.write(`no change against ${API_FILE}\n`);
  return 0;
}

const program = cliProgram(
  'schema',
  'Composes the agency subgraphs as the gateway does and compares the composed API with the embedded one and ' +
    `with the committed ${API_FILE}.`,
);
program
  .command('check', { isDefault: true })
  .description('fails on a composition error, a difference with the embedded API, or any change to the committed one')
  .action(async () => {
    process.exitCode = await schema('check', false);
  });
program
  .command('update')
  .description(`writes the composed API (${API_FILE}) and the supergraph (${SUPERGRAPH_FILE})`)
  .option('--accept-breaking', 'write it even with breaking changes (say why in the commit)')
  .action(async (options: { acceptBreaking?: boolean }) => {
    process.exitCode = await schema('update', options.acceptBreaking === true);
  });

const args = process.argv.slice(2);
runCli(program, args.length === 0 ? ['check'] : args).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
