import { describe, expect, it } from '@jest/globals';
import { submit, submitInput, useTestPlatform } from '@pamoja/testing';
import { AgencyServiceModule } from './service.module.js';

/** The value of a series in a scrape, matched by name and labels (undefined when absent). */
function valueOf(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split('\n')
    .find(
      (l) =>
        l.startsWith(`${name}{`) && Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`)),
    );
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('agency services in one process each keep their own metrics', () => {
  const referrals = useTestPlatform({
    root: (config) => AgencyServiceModule.forRoot(config, 'referrals'),
    database: 'postgres',
    serviceName: 'pamoja-referrals-obs',
  });
  // A second instance beside it, on a database of its own (the services that read other agencies' events
  // need Kafka; this one does not).
  const other = useTestPlatform({
    root: (config) => AgencyServiceModule.forRoot(config, 'referrals'),
    database: 'postgres',
    serviceName: 'pamoja-referrals-obs-other',
  });
  const ngo = referrals.as({
    userId: 'fr-1',
    agencyId: 'ngo-kivu-hope',
    agencyType: 'first_responder',
    roles: ['field_worker'],
  });

  it('counts a command on the service that handled it only, and each service is live and ready', async () => {
    await submit(ngo, submitInput());
    const referralsScrape = await (await fetch(`${referrals.url}/metrics`)).text();
    const otherScrape = await (await fetch(`${other.url}/metrics`)).text();
    expect(
      valueOf(referralsScrape, 'pamoja_command_duration_seconds_count', {
        service: 'pamoja-referrals-obs',
        command: 'SubmitReferral',
        outcome: 'accepted',
      }),
    ).toBe(1);
    expect(
      valueOf(otherScrape, 'pamoja_command_duration_seconds_count', { command: 'SubmitReferral' }),
    ).toBeUndefined();
    expect(
      valueOf(otherScrape, 'process_resident_memory_bytes', { service: 'pamoja-referrals-obs-other' }),
    ).toBeGreaterThan(0);
    expect(otherScrape).not.toContain('service="pamoja-referrals-obs"');

    for (const service of [referrals, other]) {
      expect((await fetch(`${service.url}/health/live`)).status).toBe(200);
      const ready = await fetch(`${service.url}/health/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        status: 'ok',
        info: { database: { status: 'up' }, projections: { status: 'up' }, sharedEvents: { status: 'up' } },
      });
    }
  });
});
