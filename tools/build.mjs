// Compiles apps, libs and tools to dist/ with SWC (path aliases rewritten, decorator metadata kept), and
// builds the console (apps/console) with Vite into dist/console, which the platform serves at `/`.
// `--if-stale` skips the compile when its last success is newer than every source file; the console is rebuilt only
// when one of its sources is newer than its last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
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

// Written when the compile of apps, libs and tools succeeds: its time is that compile's. The newest file of
// dist/ would not do: a console build, a screenshot or a benchmark's output there is newer than any source.
const SERVER_BUILT = join('dist', '.server-built');

if (process.argv.includes('--if-stale')) {
  const built = existsSync(SERVER_BUILT) ? statSync(SERVER_BUILT).mtimeMs : 0;
  const sources = Math.max(
    ...roots.map((r) => newest(r, (p) => !p.endsWith('.ts') || p.startsWith(join('apps', 'console')))),
    statSync('.swcrc').mtimeMs,
  );
  if (built > sources) process.exit(0);
}

// A source saved while the compile runs is newer than its stamp, so the next `--if-stale` compiles again.
const compileStarted = new Date();
const result = spawnSync(
  process.execPath,
  [
    'node_modules/@swc/cli/bin/swc.js',
    ...roots,
    '-d',
    'dist',
    '--ignore',
    '**/*.spec.ts,**/*.fixture.ts,apps/console/**',
    '--quiet',
  ],
  { stdio: 'inherit' },
);
if (result.status !== 0) process.exit(result.status ?? 1);
writeFileSync(SERVER_BUILT, `${compileStarted.toISOString()}\n`);
utimesSync(SERVER_BUILT, compileStarted, compileStarted);

const consoleBuilt = existsSync('dist/console/index.html') ? statSync('dist/console/index.html').mtimeMs : 0;
const consoleSources = Math.max(
  newest('apps/console', (p) => p.includes(`${join('apps', 'console', 'node_modules')}`)),
  statSync('package-lock.json').mtimeMs,
);
if (consoleBuilt > consoleSources && !process.argv.includes('--console')) process.exit(0);
const vite = spawnSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/console/vite.config.ts', '--logLevel', 'warn'],
  // Always the production build, whoever asks: under the test runner NODE_ENV is `test`, and Vite would then
  // bundle React's development build (four times the size) into what the browser tests and the benchmark load.
  { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
);
if (vite.status !== 0) process.exit(vite.status ?? 1);

// Precompressed beside each file, served as such to a browser that accepts them (on 400 kbps, the
// difference between a first visit in 9 s and one in 3).
for (const dir of ['dist/console', 'dist/console/assets']) {
  for (const name of readdirSync(dir)) {
    if (!/\.(js|css|html|json|svg)$/.test(name)) continue;
    const file = join(dir, name);
    const content = readFileSync(file);
    writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }));
    writeFileSync(`${file}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  }
}
