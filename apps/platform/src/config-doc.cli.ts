import { readFile, writeFile } from 'node:fs/promises';
import { configurationDocument } from '@pamoja/platform/config';
import { cliProgram, runCli } from '@pamoja/platform/cli';

/**
 * `npm run config:doc`: writes docs/configuration.md from the configuration schema
 * (libs/platform/config/src/environment.ts); `-- --check` fails if the document is behind.
 */
const DOCUMENT = new URL('../../../../docs/configuration.md', import.meta.url);

const program = cliProgram('config:doc', 'Writes docs/configuration.md from the configuration schema.')
  .option('--check', 'write nothing; exit 1 if docs/configuration.md is not what the schema generates')
  .action(async (options: { check?: boolean }) => {
    const current = await readFile(DOCUMENT, 'utf8').catch(() => '');
    const updated = configurationDocument();
    if (updated === current) {
      process.stdout.write('docs/configuration.md is up to date\n');
      return;
    }
    if (options.check) {
      process.stderr.write('docs/configuration.md is out of date; run `npm run config:doc`\n');
      process.exitCode = 1;
      return;
    }
    await writeFile(DOCUMENT, updated);
    process.stdout.write('docs/configuration.md written\n');
  });

await runCli(program);
