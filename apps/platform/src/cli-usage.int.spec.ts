import { spawn, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from '@jest/globals';

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A built command-line tool run as an operator runs it: its exit code and what it printed. */
function run(file: string, args: readonly string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file, ...args], {
      env: { ...process.env, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
  });
}

interface Tool {
  /** The npm script (`npm run <script> -- ...`). */
  readonly script: string;
  readonly file: string;
  /** What `--help` must list: the commands and options. */
  readonly usage: readonly string[];
  /** Wrong command lines, each with what the one-line error must name. */
  readonly wrong: readonly (readonly [readonly string[], readonly string[]])[];
}

const platform = (name: string) => `dist/apps/platform/src/${name}.cli.js`;

const TOOLS: readonly Tool[] = [
  {
    script: 'token',
    file: platform('token'),
    usage: ['--agency', '--role', '--type', '--user', '--expires', 'field_worker'],
    wrong: [
      [
        ['--agency', 'a', '--role', 'field_worker', '--type', 'army'],
        ['--type', 'army'],
      ],
      [['--agency', 'a'], ['--role']],
      [['--agency', 'a', '--role', 'prosecutor'], ['--role prosecutor']],
      [['--agency', 'a', '--role', 'field_worker', '--colour', 'blue'], ['--colour']],
    ],
  },
  {
    script: 'projections',
    file: platform('projections'),
    usage: ['list', 'rebuild', 'platform.deadlines'],
    wrong: [
      [['rebuild', '--since', 'yesterday'], ['--since']],
      [['rebuild'], ['name', '--all']],
      [['rebuild', 'nothing.here'], ['nothing.here']],
      [['drop'], ['drop']],
      [[], ['list', 'rebuild']],
    ],
  },
  {
    script: 'verify',
    file: platform('verify'),
    usage: ['--checkpoint', '--expect'],
    wrong: [
      [
        ['--expect', 'yesterday'],
        ['--expect', 'yesterday'],
      ],
      [['--expect'], ['--expect']],
      [['everything'], ['everything']],
    ],
  },
  { script: 'seed', file: platform('seed'), usage: ['--help'], wrong: [[['--demo'], ['--demo']]] },
  {
    script: 'keys',
    file: platform('keys'),
    usage: ['status', 'rotate'],
    wrong: [
      [['spin'], ['spin']],
      [['rotate', '--now'], ['--now']],
    ],
  },
  {
    script: 'directory',
    file: platform('directory'),
    usage: ['list', 'import', 'first_responder'],
    wrong: [
      [['export'], ['export']],
      [['import'], ['import', '--demo']],
      [['list', '--all'], ['--all']],
    ],
  },
  {
    script: 'backup',
    file: platform('backup'),
    usage: ['--data-dir', '--out', '--tombstones-out'],
    wrong: [
      [['--out', 'backup.tar', '--bogus'], ['--bogus']],
      [['--out'], ['--out']],
    ],
  },
  {
    script: 'restore',
    file: platform('restore'),
    usage: ['--from', '--data-dir', '--apply-tombstones-only', '--tombstones'],
    wrong: [
      [['--data-dir', 'data', '--from'], ['--from']],
      [['--from', 'backup.tar', '--bogus'], ['--bogus']],
    ],
  },
  { script: 'policy:doc', file: platform('policy-doc'), usage: ['--check'], wrong: [[['--chek'], ['--chek']]] },
  { script: 'config:doc', file: platform('config-doc'), usage: ['--check'], wrong: [[['--write'], ['--write']]] },
  {
    script: 'deadletters',
    file: 'dist/apps/relay/src/deadletters.cli.js',
    usage: ['list', 'replay'],
    wrong: [
      [['replay', '12'], ['12']],
      [['purge'], ['purge']],
      [['list', '--consumer'], ['--consumer']],
    ],
  },
  {
    script: 'schema',
    file: 'dist/apps/agency-service/src/schema.cli.js',
    usage: ['check', 'update'],
    wrong: [
      [['update', '--force'], ['--force']],
      [['compose'], ['compose']],
    ],
  },
];

describe('every command-line tool, as an operator runs it', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['tools/build.mjs', '--if-stale'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }, 300_000);

  describe.each(TOOLS)('npm run $script', (tool) => {
    it('prints its usage with every command and option on --help, and exits 0', async () => {
      const shown = await run(tool.file, ['--help']);
      expect(shown).toMatchObject({ code: 0, stderr: '' });
      expect(shown.stdout).toContain(`Usage: npm run ${tool.script} -- `);
      for (const item of tool.usage) expect(shown.stdout).toContain(item);
    }, 120_000);

    it('refuses a wrong command line: one line naming it, where the usage is, exit 2, nothing else done', async () => {
      for (const [args, named] of tool.wrong) {
        const refused = await run(tool.file, args);
        const [line = '', hint = ''] = refused.stderr.trimEnd().split('\n');
        expect({ args, code: refused.code, stdout: refused.stdout }).toEqual({ args, code: 2, stdout: '' });
        expect(line).toMatch(/^error: /);
        for (const name of named) expect({ args, line }).toEqual({ args, line: expect.stringContaining(name) });
        expect(refused.stderr).toContain(`npm run ${tool.script} -- --help`);
        expect(hint).not.toBe('');
      }
    }, 300_000);
  });

  it('shows the options of a command on its own --help', async () => {
    const rebuild = await run(platform('projections'), ['rebuild', '--help']);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toContain('--all');
    expect(rebuild.stdout).toContain('--from-topics');
    const replay = await run('dist/apps/relay/src/deadletters.cli.js', ['replay', '--help']);
    expect(replay.stdout).toContain('--consumer');
    const update = await run('dist/apps/agency-service/src/schema.cli.js', ['update', '--help']);
    expect(update.stdout).toContain('--accept-breaking');
    const importing = await run(platform('directory'), ['import', '--help']);
    expect(importing.stdout).toContain('--demo');
    const short = await run(platform('token'), ['-h']);
    expect(short.code).toBe(0);
    expect(short.stdout).toContain('--agency');
  }, 300_000);
});
