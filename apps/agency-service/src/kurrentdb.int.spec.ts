import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { EVENT_STORE, KurrentDbEventStore, SQL_DATABASE, type EventStore, type SqlDatabase } from '@pamoja/event-store';
import {
  incoming,
  KurrentDbStandIn,
  submit,
  submitAndAcceptHandoff,
  submitInput,
  useTestPlatform,
} from '@pamoja/testing';
import { AgencyServiceModule } from './service.module.js';

// A service configured to keep its log in KurrentDB (PAMOJA_EVENT_STORE=kurrentdb): against a real server when
// KURRENTDB_URL is set, otherwise against the in-process stand-in. Read models, checkpoints, audit and keys stay in
// the service's PostgreSQL database.
const serverUrl = process.env['KURRENTDB_URL'];
let standIn: KurrentDbStandIn | undefined;

beforeAll(async () => {
  if (!serverUrl) standIn = await KurrentDbStandIn.start();
  process.stdout.write(
    `referrals service with its log in KurrentDB: ${serverUrl ? `a real server at ${serverUrl}` : 'the in-process stand-in (not a KurrentDB server)'}\n`,
  );
});
afterAll(async () => {
  await standIn?.stop();
});

describe('referrals service in server mode with its log in KurrentDB', () => {
  const platform = useTestPlatform({
    root: (config) => AgencyServiceModule.forRoot(config, 'referrals'),
    database: 'postgres',
    serviceName: 'pamoja-referrals-kurrentdb-it',
    // Read when the service starts, after the stand-in did.
    env: {
      PAMOJA_EVENT_STORE: 'kurrentdb',
      get KURRENTDB_URL(): string {
        const url = serverUrl ?? standIn?.url;
        if (!url) throw new Error('the KurrentDB stand-in has not started');
        return url;
      },
    },
  });
  const ngo = platform.as({
    userId: 'fr-1',
    agencyId: 'ngo-kivu-hope',
    agencyType: 'first_responder',
    roles: ['field_worker'],
  });
  const police = platform.as({
    userId: 'opj-1',
    agencyId: 'pnc-masisi',
    agencyType: 'police',
    roles: ['investigator'],
  });

  it('hands a referral off end to end, the events in KurrentDB and the read model in PostgreSQL', async () => {
    const referralId = await submitAndAcceptHandoff(ngo, police);
    const store = platform.get<EventStore>(EVENT_STORE);
    const events = await store.readStream(`referral-${referralId}`);
    expect(events[0]?.type).toBe('ReferralSubmitted');
    expect(events.at(-1)?.type).toBe('ReferralAccepted');
    if (standIn) {
      // The events are on the server: a second client of the same log reads them, and finds them by id through
      // the index of event ids the service keeps in its PostgreSQL database.
      const other = await KurrentDbEventStore.open({
        connectionString: standIn.url,
        indexDatabase: platform.get<SqlDatabase>(SQL_DATABASE),
      });
      try {
        expect((await other.readStream(`referral-${referralId}`)).map((e) => e.eventId)).toEqual(
          events.map((e) => e.eventId),
        );
        expect((await other.findEvent(events[0]!.eventId))?.streamId).toBe(`referral-${referralId}`);
      } finally {
        await other.close();
      }
    }
  });

  it('answers a retried command from the log, once', async () => {
    const input = submitInput();
    const results = await Promise.all(Array.from({ length: 3 }, () => submit(ngo, input)));
    expect(new Set(results.map((r) => r.referralId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const queue = await incoming(police, { first: 200 });
    expect(queue.filter((r) => r.referralId === results[0]?.referralId)).toHaveLength(1);
  });
});
