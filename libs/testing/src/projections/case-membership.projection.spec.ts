import { describe, expect, it } from '@jest/globals';
import { type Actor, DEADLINE_WATCHER_ACTOR, personIdIntroducedBy } from '@pamoja/contracts';
import { caseMembershipCopy, caseMembershipProjection, SqlCaseMembership } from '@pamoja/platform/membership';
import { ProjectionSpecification, type ProjectionEvent } from '../projection-specification.js';

/*
 * Who takes part in which joint case, as the platform's guard and policy ask it. The events are described
 * as the contexts' logs record them (the shared kit cannot import a context's event types).
 */

const CASE = 'c0a80000-0000-4000-8000-0000000000e1';
const NGO: Actor = {
  userId: 'fw-1',
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  roles: ['field_worker'],
};
const POLICE: Actor = { userId: 'officer-1', agencyId: 'pnc-masisi', agencyType: 'police', roles: ['officer'] };
const USHINDI: Actor = {
  userId: 'sw-1',
  agencyId: 'ushindi',
  agencyType: 'assistance_provider',
  roles: ['case_worker'],
};
const COORDINATION: Actor = {
  userId: 'coordinator-1',
  agencyId: 'cpc-nord-kivu',
  agencyType: 'coordination_body',
  roles: ['coordinator'],
};

const submitted = (referralId: string, from: Actor, to: Actor, personId: string | null = null): ProjectionEvent => ({
  type: 'ReferralSubmitted',
  schemaVersion: 2,
  streamId: `referral-${referralId}`,
  actor: from,
  jointCaseId: CASE,
  data: {
    referralId,
    jointCaseId: CASE,
    subject: { isChild: false, personId },
    fromAgencyId: from.agencyId,
    fromAgencyType: from.agencyType,
    toAgencyId: to.agencyId,
    toAgencyType: to.agencyType,
  },
});

const answered = (
  type: 'ReferralAccepted' | 'ReferralDeclined' | 'ReferralRevoked',
  referralId: string,
  by: Actor,
): ProjectionEvent => ({
  type,
  streamId: `referral-${referralId}`,
  actor: by,
  jointCaseId: CASE,
  data: { referralId, byAgencyId: by.agencyId },
});

const investigationOpened: ProjectionEvent = {
  type: 'InvestigationOpened',
  streamId: 'investigation-v1',
  actor: POLICE,
  jointCaseId: CASE,
  data: { investigationId: 'v1', jointCaseId: CASE },
};

const parties = async (membership: SqlCaseMembership) =>
  (await membership.partiesOf(CASE))?.map((p) => p.agencyId) ?? null;

describe('the case membership projection', () => {
  const spec = ProjectionSpecification.for(caseMembershipProjection(), {
    readModel: (db) => new SqlCaseMembership(db, caseMembershipCopy()),
  });

  it('knows no case before anything is recorded in it', () =>
    spec
      .given()
      .when({ type: 'SomethingElse', streamId: 'other-1', data: {} })
      .then(async (membership) => {
        expect(await membership.partiesOf(CASE)).toBeNull();
        expect(await membership.casesOf(NGO.agencyId)).toEqual([]);
      }));

  it('makes parties of the agency whose record opened the case and of the agency it referred the case to', () =>
    spec
      .given()
      .when(submitted('r1', NGO, POLICE))
      .then(async (membership) => {
        expect(await parties(membership)).toEqual([NGO.agencyId, POLICE.agencyId]);
        expect(await membership.casesOf(POLICE.agencyId)).toEqual([CASE]);
      }));

  it('ends the referred agency’s part when it declines or the sender revokes, unless it has a record of its own', async () => {
    await spec
      .given(submitted('r1', NGO, POLICE))
      .when(answered('ReferralDeclined', 'r1', POLICE))
      .then(async (membership) => {
        expect(await parties(membership)).toEqual([NGO.agencyId]);
        expect(await membership.isParty(CASE, POLICE.agencyId)).toBe(false);
      });
    await spec
      .given(submitted('r1', NGO, POLICE), answered('ReferralAccepted', 'r1', POLICE), investigationOpened)
      .when(answered('ReferralRevoked', 'r1', NGO))
      .then(async (membership) => {
        expect(await membership.isParty(CASE, POLICE.agencyId)).toBe(true);
      });
  });

  it('admits the office a case file was sent to, and an agency by the coordination body’s decision', () =>
    spec
      .given(submitted('r1', NGO, POLICE), investigationOpened)
      .when(
        {
          type: 'CaseFileTransmitted',
          streamId: 'investigation-v1',
          actor: POLICE,
          jointCaseId: CASE,
          data: { investigationId: 'v1', caseFileId: 'f1', toProsecutorOfficeId: 'parquet-goma' },
        },
        {
          type: 'CasePartyAdmitted',
          streamId: `case-${CASE}`,
          actor: COORDINATION,
          jointCaseId: CASE,
          data: { jointCaseId: CASE, decisionId: 'd1', agencyId: 'ushindi', agencyType: 'assistance_provider' },
        },
      )
      .then(async (membership) => {
        // The coordination body decides; it is not made a party by deciding.
        expect(await parties(membership)).toEqual([NGO.agencyId, 'parquet-goma', POLICE.agencyId, 'ushindi']);
      }));

  it('never makes the platform itself a party, nor lets it open a case', () =>
    spec
      .given()
      .when({
        type: 'ReferralDeadlineMissed',
        streamId: 'referral-r9',
        actor: DEADLINE_WATCHER_ACTOR,
        jointCaseId: CASE,
        data: { referralId: 'r9' },
      })
      .then(async (membership) => {
        expect(await membership.partiesOf(CASE)).toBeNull();
      }));

  it('gives a person’s consent to the agency that met them and to the one assisting them, to no one else', () =>
    spec
      .given(submitted('r1', NGO, POLICE), answered('ReferralAccepted', 'r1', POLICE))
      .when(
        {
          type: 'VictimRegistered',
          streamId: 'assistance-a1',
          actor: USHINDI,
          jointCaseId: CASE,
          data: { assistanceId: 'a1', personId: personIdIntroducedBy('r1'), assistingAgencyId: USHINDI.agencyId },
        },
        // A person the case does not have: assisting them makes no one keeper of a stranger's consent.
        {
          type: 'VictimRegistered',
          streamId: 'assistance-a2',
          actor: USHINDI,
          jointCaseId: CASE,
          data: { assistanceId: 'a2', personId: 'person-elsewhere', assistingAgencyId: USHINDI.agencyId },
        },
      )
      .then(async (membership) => {
        const person = personIdIntroducedBy('r1');
        expect(await membership.isPersonOf(person, CASE)).toBe(true);
        expect(await membership.keepsConsentOf(person, NGO.agencyId)).toBe(true);
        expect(await membership.keepsConsentOf(person, USHINDI.agencyId)).toBe(true);
        expect(await membership.keepsConsentOf(person, POLICE.agencyId)).toBe(false);
        expect(await membership.keepsConsentOf('person-elsewhere', USHINDI.agencyId)).toBe(false);
      }));
});
