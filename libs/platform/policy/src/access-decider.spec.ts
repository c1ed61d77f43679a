import { describe, expect, it } from '@jest/globals';
import { type Actor, type AgencyType, type CaseParty } from '@pamoja/contracts';
import { DEFAULT_CATALOGUE } from '@pamoja/messaging';
import { PolicyAccessDecider } from './access-decider.js';
import { ACCESS_POLICY, type AccessPolicy } from './access-policy.js';
import { type ConsentFacts } from './consent.js';

const policy: AccessPolicy = {
  version: 1,
  operations: {
    Mutation: {
      openInvestigation: { allow: [{ agencyTypes: ['police'] }], why: 'police' },
      closeCase: { allow: [{ agencyTypes: ['coordination_body'], roles: ['chair'] }], why: 'chairs' },
    },
    Query: {
      auditEntries: { allow: [{ roles: ['auditor'] }], why: 'auditors' },
      publishedFigures: { allow: [{ agencyTypes: ['police', 'integrator'] }], why: 'figures' },
    },
    Subscription: {},
  },
  fields: {
    'Case.identity': {
      allow: [{ sameAgency: true }, { consent: 'information_sharing' }],
      facts: { agencyId: 'agencyId', jointCaseId: 'jointCaseId', personId: 'personId' },
      personal: 'victim',
      why: 'victim',
    },
  },
  records: ACCESS_POLICY.records,
  timeline: ACCESS_POLICY.timeline,
};

const actor = (agencyType: AgencyType, roles: string[] = [], agencyId = `${agencyType}-1`): Actor => ({
  userId: 'u',
  agencyId,
  agencyType,
  roles,
});

const PARTIES: Record<string, CaseParty[]> = {
  'case-1': [
    { agencyId: 'ngo-1', agencyType: 'assistance_provider' },
    { agencyId: 'police-1', agencyType: 'police' },
    { agencyId: 'first_responder-1', agencyType: 'first_responder' },
  ],
  'case-2': [{ agencyId: 'prosecutor-1', agencyType: 'prosecutor' }],
};

function deciderWith(consents: Record<string, ConsentFacts[]>, p: AccessPolicy = policy): PolicyAccessDecider {
  return new PolicyAccessDecider(
    p,
    { activeConsents: (personId) => Promise.resolve(consents[personId] ?? []) },
    {
      partiesOf: (id) => Promise.resolve(PARTIES[id] ?? null),
      isParty: (id, agencyId) => Promise.resolve((PARTIES[id] ?? []).some((p) => p.agencyId === agencyId)),
      casesOf: () => Promise.resolve([]),
      isPersonOf: () => Promise.resolve(false),
      keepsConsentOf: () => Promise.resolve(false),
    },
  );
}

describe('the access decider', () => {
  const decider = deciderWith({ 'person-1': [{ agencyTypes: ['police'], purposes: ['information_sharing'] }] });
  const facts = { agencyId: 'ngo-1', jointCaseId: 'case-1', personId: 'person-1' };

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
    expect(await decider.mayRead(actor('integrator', [], 'ngo-1'), 'Case.identity', facts)).toBe(false);
    expect(await decider.mayAccess(actor('integrator', [], 'ngo-1'), 'JointCase', facts)).toBe(false);
  });

  it('lets an integrator in only by a grant that names integrators', () => {
    expect(decider.mayOperate(actor('integrator'), 'Query', 'publishedFigures')).toBe(true);
    expect(decider.mayOperate(actor('police'), 'Query', 'publishedFigures')).toBe(true);
    expect(decider.mayOperate(actor('integrator'), 'Mutation', 'openInvestigation')).toBe(false);
  });

  it("reads a guarded field for the record's own agency and for parties the person consented to", async () => {
    expect(await decider.mayRead(actor('assistance_provider', [], 'ngo-1'), 'Case.identity', facts)).toBe(true);
    expect(await decider.mayRead(actor('assistance_provider', [], 'ngo-2'), 'Case.identity', facts)).toBe(false);
    expect(await decider.mayRead(actor('police'), 'Case.identity', facts)).toBe(true);
    expect(await decider.mayRead(actor('prosecutor'), 'Case.identity', facts)).toBe(false);
    expect(await decider.mayRead(actor('police'), 'Case.unguarded', facts)).toBe(false);
    expect(await decider.mayRead(actor('police'), 'Case.identity', {})).toBe(false);
  });

  it('never extends consent to an agency that is not party to the case, even of a consented type', async () => {
    expect(await decider.mayRead(actor('police', [], 'police-2'), 'Case.identity', facts)).toBe(false);
    // The same police unit, on another case where it is no party.
    expect(await decider.mayRead(actor('police'), 'Case.identity', { ...facts, jointCaseId: 'case-2' })).toBe(false);
  });

  it("follows the record's own person: another victim's consent in the same case grants nothing", async () => {
    expect(await decider.mayRead(actor('police'), 'Case.identity', { ...facts, personId: 'person-2' })).toBe(false);
  });

  it('needs the consented purpose, not just the agency type', async () => {
    const investigationOnly = deciderWith({ 'person-1': [{ agencyTypes: ['police'], purposes: ['investigation'] }] });
    expect(await investigationOnly.mayRead(actor('police'), 'Case.identity', facts)).toBe(false);
  });

  it('shows a case to its parties and the coordination body only', async () => {
    expect(await decider.mayAccess(actor('first_responder'), 'JointCase', facts)).toBe(true);
    expect(await decider.mayAccess(actor('coordination_body', [], 'aplt'), 'JointCase', facts)).toBe(true);
    for (const outsider of [
      actor('mining_authority'),
      actor('assistance_provider', [], 'ngo-2'),
      actor('first_responder', [], 'first_responder-2'),
      actor('police', [], 'police-2'),
    ]) {
      expect({ outsider: outsider.agencyId, sees: await decider.mayAccess(outsider, 'JointCase', facts) }).toEqual({
        outsider: outsider.agencyId,
        sees: false,
      });
    }
  });

  it('gives investigations to the police and prosecutors party to the case, and supervising prosecutors', async () => {
    const of = { jointCaseId: 'case-1' };
    expect(await decider.mayAccess(actor('police'), 'Investigation', of)).toBe(true);
    expect(await decider.mayAccess(actor('police', [], 'police-2'), 'Investigation', of)).toBe(false);
    expect(await decider.mayAccess(actor('prosecutor'), 'Investigation', of)).toBe(false);
    expect(await decider.mayAccess(actor('prosecutor', ['supervising_prosecutor']), 'Investigation', of)).toBe(true);
    // A party that is not in the justice chain does not see the investigation, nor its summary.
    expect(await decider.mayAccess(actor('assistance_provider', [], 'ngo-1'), 'Investigation', of)).toBe(false);
    expect(await decider.mayAccess(actor('assistance_provider', [], 'ngo-1'), 'InvestigationSummary', of)).toBe(false);
    expect(await decider.mayAccess(actor('coordination_body'), 'InvestigationSummary', of)).toBe(true);
  });

  it('discloses each timeline entry per viewer: investigative steps to the justice parties only', async () => {
    const entry = (eventType: string, agencyId = 'police-1') => ({ eventType, agencyId });
    const police = await decider.timelineFor(actor('police'), 'case-1');
    const ngo = await decider.timelineFor(actor('assistance_provider', [], 'ngo-1'), 'case-1');
    const coordination = await decider.timelineFor(actor('coordination_body', [], 'aplt'), 'case-1');
    const outsider = await decider.timelineFor(actor('mining_authority'), 'case-1');

    expect(police.disclosureOf(entry('SuspectIdentified'))).toBe('full');
    expect(ngo.disclosureOf(entry('SuspectIdentified'))).toBe('none');
    expect(coordination.disclosureOf(entry('SuspectIdentified'))).toBe('notice');
    expect(outsider.disclosureOf(entry('SuspectIdentified'))).toBe('none');
    expect(outsider.disclosureOf(entry('ReferralSubmitted', 'first_responder-1'))).toBe('none');
    expect(outsider.visibleTypes).toEqual([]);

    expect(ngo.disclosureOf(entry('ReferralSubmitted', 'first_responder-1'))).toBe('full');
    // The assisting agency reads its own work in full; the police only that it happened.
    expect(ngo.disclosureOf(entry('ServiceProvided', 'ngo-1'))).toBe('full');
    expect(police.disclosureOf(entry('ServiceProvided', 'ngo-1'))).toBe('notice');
    // A type the policy does not name is shown to nobody, not even its author.
    expect(police.disclosureOf(entry('SomethingNew'))).toBe('none');
  });

  it('has a timeline rule for every shared event type that can be on a case, and none for one that cannot be', () => {
    // Meetings carry no joint case: their events are never on a case's timeline.
    const onCases = DEFAULT_CATALOGUE.definitions()
      .filter((d) => d.context !== 'coordination' || d.domainEventType === 'CasePartyAdmitted')
      .map((d) => d.domainEventType);
    const withNotice = [...new Set([...onCases, 'RestrictedActivityRecorded'])].sort();
    expect(Object.keys(ACCESS_POLICY.timeline).sort()).toEqual(withNotice);
  });
});
