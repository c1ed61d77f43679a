import { describe, expect, it } from '@jest/globals';
import { type Actor, type AgencyType } from '@pamoja/contracts';
import { PolicyAccessDecider } from './access-decider.js';
import { type AccessPolicy } from './access-policy.js';
import { type ConsentFacts } from './consent.js';

const policy: AccessPolicy = {
  version: 1,
  operations: {
    Mutation: {
      openInvestigation: { allow: [{ agencyTypes: ['police'] }], why: 'police' },
      closeCase: { allow: [{ agencyTypes: ['coordination_body'], roles: ['chair'] }], why: 'chairs' },
    },
    Query: { auditEntries: { allow: [{ roles: ['auditor'] }], why: 'auditors' } },
    Subscription: {},
  },
  fields: {
    'Case.identity': {
      allow: [{ sameAgency: true }, { consent: 'information_sharing' }],
      facts: { agencyId: 'agencyId', jointCaseId: 'jointCaseId' },
      personal: 'victim',
      why: 'victim',
    },
  },
};

const actor = (agencyType: AgencyType, roles: string[] = [], agencyId = `${agencyType}-1`): Actor => ({
  userId: 'u',
  agencyId,
  agencyType,
  roles,
});

function deciderWith(consents: Record<string, ConsentFacts[]>): PolicyAccessDecider {
  return new PolicyAccessDecider(policy, { activeConsents: (id) => Promise.resolve(consents[id] ?? []) });
}

describe('the access decider', () => {
  const decider = deciderWith({ 'case-1': [{ agencyTypes: ['police'], purposes: ['information_sharing'] }] });

  it('allows an operation to the agency types it names, and denies everything it does not name', () => {
    expect(decider.mayOperate(actor('police'), 'Mutation', 'openInvestigation')).toBe(true);
    expect(decider.mayOperate(actor('prosecutor'), 'Mutation', 'openInvestigation')).toBe(false);
    expect(decider.mayOperate(actor('police'), 'Mutation', 'notInThePolicy')).toBe(false);
    expect(decider.mayOperate(actor('police'), 'Query', 'openInvestigation')).toBe(false);
  });

  it('asks for the roles where a grant names them', () => {
    expect(decider.mayOperate(actor('coordination_body', ['chair']), 'Mutation', 'closeCase')).toBe(true);
    expect(decider.mayOperate(actor('coordination_body', ['member']), 'Mutation', 'closeCase')).toBe(false);
    expect(decider.mayOperate(actor('police', ['auditor']), 'Query', 'auditEntries')).toBe(true);
    expect(decider.mayOperate(actor('police', ['investigator']), 'Query', 'auditEntries')).toBe(false);
  });

  it('never lets an integrator in, whatever its roles', async () => {
    expect(decider.mayOperate(actor('integrator', ['auditor']), 'Query', 'auditEntries')).toBe(false);
    expect(await decider.mayRead(actor('integrator', [], 'ngo-1'), 'Case.identity', { agencyId: 'ngo-1' })).toBe(false);
  });

  it("reads a guarded field for the record's own agency and for agency types the victim consented to", async () => {
    const facts = { agencyId: 'ngo-1', jointCaseId: 'case-1' };
    expect(await decider.mayRead(actor('assistance_provider', [], 'ngo-1'), 'Case.identity', facts)).toBe(true);
    expect(await decider.mayRead(actor('assistance_provider', [], 'ngo-2'), 'Case.identity', facts)).toBe(false);
    expect(await decider.mayRead(actor('police'), 'Case.identity', facts)).toBe(true);
    expect(await decider.mayRead(actor('prosecutor'), 'Case.identity', facts)).toBe(false);
    // Another case's consent does not carry over, and no facts means no grant.
    expect(await decider.mayRead(actor('police'), 'Case.identity', { ...facts, jointCaseId: 'case-2' })).toBe(false);
    expect(await decider.mayRead(actor('police'), 'Case.identity', {})).toBe(false);
    expect(await decider.mayRead(actor('police'), 'Case.unguarded', facts)).toBe(false);
  });

  it('needs the consented purpose, not just the agency type', async () => {
    const investigationOnly = deciderWith({ 'case-1': [{ agencyTypes: ['police'], purposes: ['investigation'] }] });
    expect(await investigationOnly.mayRead(actor('police'), 'Case.identity', { jointCaseId: 'case-1' })).toBe(false);
  });
});
