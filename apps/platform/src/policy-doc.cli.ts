import { readFile, writeFile } from 'node:fs/promises';
import { ACCESS_POLICY, policyDocument } from '@pamoja/platform/policy';

/**
 * `npm run policy:doc`: writes the access policy's tables to docs/access-policy.md, from the policy data
 * itself (libs/platform/policy/src/access-policy.ts); `-- --check` fails if the document is behind.
 */
const DOCUMENT = new URL('../../../../docs/access-policy.md', import.meta.url);

async function main(): Promise<number> {
  const check = process.argv.includes('--check');
  const current = await readFile(DOCUMENT, 'utf8').catch(() => '');
  const updated = policyDocument(ACCESS_POLICY);
  if (updated === current) {
    process.stdout.write('docs/access-policy.md is up to date\n');
    return 0;
  }
  if (check) {
    process.stderr.write('docs/access-policy.md is out of date; run `npm run policy:doc`\n');
    return 1;
  }
  await writeFile(DOCUMENT, updated);
  process.stdout.write('docs/access-policy.md written\n');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
