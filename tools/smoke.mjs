// Smoke test of the README's promise: `npm start` on an empty data directory, then a referral is
// submitted (with the person's consent) by a first responder and accepted by the police through GraphQL, then the platform stops
// and its read models are rebuilt from the log.
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkConsoleServed } from './smoke-console.mjs';

const port = process.env.SMOKE_PORT ?? '4610';
const dataDir = mkdtempSync(join(tmpdir(), 'pamoja-smoke-'));
const env = { ...process.env, PORT: port, PAMOJA_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
const base = `http://127.0.0.1:${port}`;

function fail(message) {
  console.error(`smoke: FAILED: ${message}`);
  process.exitCode = 1;
}

const app = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
let output = '';
app.stdout.on('data', (chunk) => {
  output += chunk;
});

async function waitForHealth() {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (app.exitCode !== null) throw new Error(`npm start exited with ${app.exitCode}\n${output}`);
    try {
      const response = await fetch(`${base}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the platform did not become healthy within 120 s');
}

function token(...args) {
  return execFileSync('npm', ['run', '--silent', 'token', '--', ...args], { env, encoding: 'utf8' }).trim();
}

async function graphql(tokenValue, query, variables) {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokenValue}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

try {
  await waitForHealth();
  if (!output.includes('npm run token')) fail('npm start did not print how to get a token');
  const ngo = token('--agency', 'ngo-kivu-hope', '--type', 'first_responder', '--role', 'field_worker');
  const police = token('--agency', 'pnc-masisi', '--type', 'police', '--role', 'investigator');
  const submitted = await graphql(
    ngo,
    `
      mutation ($input: SubmitReferralInput!) {
        submitReferral(input: $input) {
          referralId
          status
        }
      }
    `,
    {
      input: {
        commandId: randomUUID(),
        // An adult goes to the police only with their own consent to an investigation.
        subject: { isChild: false },
        consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['ASSISTANCE', 'INVESTIGATION'] },
        site: { code: 'NK-MAS-014' },
        indicators: ['DEBT_BONDAGE'],
        urgency: 'URGENT',
        toAgencyId: 'pnc-masisi',
        toAgencyType: 'POLICE',
        dueBy: new Date(Date.now() + 86_400_000).toISOString(),
        summary: 'Smoke test referral',
      },
    },
  );
  const { referralId } = submitted.submitReferral;
  const accepted = await graphql(
    police,
    `
      mutation ($input: AcceptReferralInput!) {
        acceptReferral(input: $input) {
          status
          revision
        }
      }
    `,
    // Revision 1: the submission recorded the referral and the consent.
    { input: { commandId: randomUUID(), referralId, expectedRevision: 1 } },
  );
  if (accepted.acceptReferral.status !== 'ACCEPTED') fail(`expected ACCEPTED, got ${accepted.acceptReferral.status}`);
  const queue = await graphql(
    police,
    `
      {
        incomingReferrals {
          nodes {
            referralId
            status
          }
        }
      }
    `,
    {},
  );
  const seen = queue.incomingReferrals.nodes.find((r) => r.referralId === referralId);
  if (seen?.status !== 'ACCEPTED') fail(`the police queue shows ${JSON.stringify(seen)}`);
  if (!process.exitCode) console.log(`smoke: referral ${referralId} submitted and accepted through GraphQL`);
  await checkConsoleServed(base);
  console.log(`smoke: the console is served at ${base}/, with its development sign-in`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  try {
    process.kill(-app.pid, 'SIGTERM');
  } catch {
    // already gone
  }
  await new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-app.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      resolve();
    }, 10_000);
    app.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  // npm exits before the platform has finished closing its database: wait for it to let go.
  for (let i = 0; i < 100 && existsSync(join(dataDir, 'pamoja.pid')); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!process.exitCode) {
    // With the platform stopped, the read models can be rebuilt from the log.
    try {
      const rebuilt = execFileSync('npm', ['run', '--silent', 'projections', '--', 'rebuild', '--all'], {
        env,
        encoding: 'utf8',
      });
      // Submitted, consent recorded, accepted.
      if (!/referrals\.handoffs: rebuilt from 3 events/.test(rebuilt)) fail(`unexpected rebuild output: ${rebuilt}`);
      else console.log('smoke: read models rebuilt from the log');
    } catch (error) {
      fail(`rebuild failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
}
