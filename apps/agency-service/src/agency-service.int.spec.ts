import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import {
  ACCEPT,
  incoming,
  submit,
  submitAndAcceptHandoff,
  submitInput,
  useTestPlatform,
  type CommandPayload,
} from '@pamoja/testing';
import { AgencyServiceModule } from './service.module.js';

describe('referrals service in server mode on PostgreSQL', () => {
  const platform = useTestPlatform({
    root: (config) => AgencyServiceModule.forRoot(config, 'referrals'),
    database: 'postgres',
    serviceName: 'pamoja-referrals-it',
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

  it('hands a referral off end to end', async () => {
    await submitAndAcceptHandoff(ngo, police);
  });

  it('lets exactly one of many simultaneous answers win, and the losers see a conflict', async () => {
    const { referralId } = await submit(ngo, submitInput());
    const attempts = await Promise.all(
      Array.from({ length: 6 }, () =>
        police.request<{ acceptReferral: CommandPayload }>(ACCEPT, {
          input: { commandId: randomUUID(), referralId, expectedRevision: 1 },
        }),
      ),
    );
    const winners = attempts.filter((a) => a.data?.acceptReferral);
    const codes = attempts.flatMap((a) => a.errors ?? []).map((e) => e.extensions?.code);
    expect(winners).toHaveLength(1);
    expect(codes.length).toBe(5);
    expect(codes.every((c) => c === 'CONFLICT' || c === 'RULE_VIOLATION')).toBe(true);
    const queue = await incoming(police);
    expect(queue.find((r) => r.referralId === referralId)).toMatchObject({ status: 'ACCEPTED', revision: 2 });
  });

  it('stores a command retried concurrently exactly once', async () => {
    const input = submitInput();
    const results = await Promise.all(Array.from({ length: 5 }, () => submit(ngo, input)));
    expect(new Set(results.map((r) => r.referralId)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const queue = await incoming(police, { first: 200 });
    expect(queue.filter((r) => r.referralId === results[0]?.referralId)).toHaveLength(1);
  });
});
