import { readFile, writeFile } from 'node:fs/promises';
import { ACCESS_POLICY, policyDocument } from '@pamoja/platform/policy';
import { cliProgram, runCli } from '@pamoja/platform/cli';

/**
 * `npm run policy:doc`: writes the access policy's tables to docs/access-policy.md, from the policy data
 * itself (libs/platform/policy/src/access-policy.ts); `-- --check` fails if the document is behind.
 */
const DOCUMENT = new URL('../../../../docs/access-policy.md', import.meta.url);

const program = cliProgram('policy:doc', "Writes docs/access-policy.md from the access policy's data.")
  .option('--check', 'write nothing; exit 1 if docs/access-policy.md is not what the policy generates')
  .action(async (options: { check?: boolean }) => {
    const current = await readFile(DOCUMENT, 'utf8').catch(() => '');
    const updated = policyDocument(ACCESS_POLICY);
    if (updated === current) {
      process.stdout.write('docs/access-policy.md is up to date\n');
      return;
    }
    if (options.check) {
      process.stderr.write('docs/access-policy.md is out of date; run `npm run policy:doc`\n');
      process.exitCode = 1;
      return;
    }
    await writeFile(DOCUMENT, updated);
    process.stdout.write('docs/access-policy.md written\n');
  });

try {
  await runCli(program);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
