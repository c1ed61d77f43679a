// Compiles apps, libs and tools to dist/ with SWC (path aliases rewritten, decorator metadata kept).
// `--if-stale` skips the build when dist/ is newer than every source file.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['apps', 'libs', 'tools'];

function newest(dir, skip) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newest(path, skip));
    else if (!skip(path)) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

if (process.argv.includes('--if-stale')) {
  let built = 0;
  try {
    built = newest('dist', () => false);
  } catch {
    built = 0;
  }
  const sources = Math.max(...roots.map((r) => newest(r, (p) => !p.endsWith('.ts'))), statSync('.swcrc').mtimeMs);
  if (built > sources) process.exit(0);
}

const result = spawnSync(
  process.execPath,
  ['node_modules/@swc/cli/bin/swc.js', ...roots, '-d', 'dist', '--ignore', '**/*.spec.ts,**/*.fixture.ts', '--quiet'],
  { stdio: 'inherit' },
);
process.exit(result.status ?? 1);
