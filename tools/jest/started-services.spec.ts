import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { recordStartedService, TEST_RUN_DIR_VARIABLE } from '@pamoja/testing';
// What the global teardown (jest.config.js `globalTeardown`) runs at the end of every test run.
import { stopStartedServices } from './started-services.mjs';

describe('the test run stops what it started', () => {
  const saved = process.env[TEST_RUN_DIR_VARIABLE];
  let scratch: string;
  let runDir: string;
  let said: string[];

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'pamoja-teardown-'));
    runDir = mkdtempSync(join(scratch, 'run-'));
    said = [];
    process.env[TEST_RUN_DIR_VARIABLE] = runDir;
  });
  afterEach(() => {
    if (saved === undefined) Reflect.deleteProperty(process.env, TEST_RUN_DIR_VARIABLE);
    else process.env[TEST_RUN_DIR_VARIABLE] = saved;
    process.exitCode = undefined;
    rmSync(scratch, { recursive: true, force: true });
  });

  /** A stand-in stop script that writes down that it ran, and with which port. */
  function stopScript(name: string): string {
    const script = join(scratch, `${name}-stop.sh`);
    writeFileSync(
      script,
      `#!/usr/bin/env bash\necho "stopped \${SERVICE_PORT:-none}" >> "${scratch}/${name}.stopped"\n`,
    );
    return relative(process.cwd(), script);
  }

  it('stops a service the tests started, once, with the environment it was started with', async () => {
    const script = stopScript('broker');
    // Two workers found nothing answering and both ran the start script: the service is stopped once.
    recordStartedService({ name: 'broker', stopScript: script, env: { SERVICE_PORT: '19999' } });
    recordStartedService({ name: 'broker', stopScript: script, env: { SERVICE_PORT: '19999' } });

    await stopStartedServices(runDir, (line) => said.push(line));

    expect(readFileSync(join(scratch, 'broker.stopped'), 'utf8')).toBe('stopped 19999\n');
  });

  it('leaves alone a service that was already running (never recorded)', async () => {
    stopScript('identity');
    await stopStartedServices(runDir, (line) => said.push(line));
    expect(existsSync(join(scratch, 'identity.stopped'))).toBe(false);
  });

  it('fails the run when a service it started does not stop', async () => {
    const script = join(scratch, 'failing-stop.sh');
    writeFileSync(script, '#!/usr/bin/env bash\necho "still running" >&2\nexit 1\n');
    recordStartedService({ name: 'keycloak', stopScript: relative(process.cwd(), script), env: {} });
    await stopStartedServices(runDir, (line) => said.push(line));
    expect(process.exitCode).toBe(1);
    expect(said).toContain('keycloak did not stop: still running');
  });

  it('records nothing outside a test run', () => {
    Reflect.deleteProperty(process.env, TEST_RUN_DIR_VARIABLE);
    recordStartedService({ name: 'broker', stopScript: 'infra/kafka/stop.sh', env: {} });
    expect(existsSync(join(runDir, 'started-services'))).toBe(false);
  });
});
