import { describe, expect, it } from '@jest/globals';
import { type Actor, personIdIntroducedBy } from '@pamoja/contracts';
import { type SqlQueryable } from '@pamoja/event-store';
import { consentProjection } from '@pamoja/platform/policy';
import { ProjectionSpecification, sharedFromLog, type ProjectionEvent } from '../projection-specification.js';

/*
 * Each person's consents, as every service's access policy reads them. The events are those the referrals
 * log records, and reach the projection as the catalogue shares them (as in embedded mode).
 */

const CASE = 'c0a80000-0000-4000-8000-0000000000f2';
const NGO: Actor = {
  userId: 'fw-1',
  agencyId: 'ngo-kivu-hope',
  agencyType: 'first_responder',
  roles: ['field_worker'],
};
const PERSON = personIdIntroducedBy('r1');

/**
 * What the access policy asks (the policy's own lookup is internal to its library): the consents of a
 * person that still hold, in a stable order.
 */
class ActiveConsents {
  constructor(private readonly db: SqlQueryable) {}

  async activeConsents(personId: string): Promise<{ agencyTypes: string[]; purposes: string[] }[]> {
    const rows = await this.db.query<{ agency_types: string[]; purposes: string[] }>(
      `SELECT agency_types, purposes FROM consent_read.person_consents WHERE person_id = $1 AND withdrawn_at IS NULL
       ORDER BY consent_id`,
      [personId],
    );
    return rows.map((r) => ({ agencyTypes: r.agency_types, purposes: r.purposes }));
  }
}

const recorded = (
  consentId: string,
  agencyTypes: string[],
  purposes: string[],
  /** Null: a consent recorded before persons had ids, which names none. */
  personId: string | null = PERSON,
): ProjectionEvent => ({
  type: 'ConsentRecorded',
  streamId: 'referral-r1',
  actor: NGO,
  jointCaseId: CASE,
  data: {
    referralId: 'r1',
    consentId,
    ...(personId === null ? {} : { personId }),
    givenBy: 'self',
    method: 'verbal',
    formSha256: null,
    agencyTypes,
    purposes,
    recordedAt: '2026-03-01T08:10:00.000Z',
    byAgencyId: NGO.agencyId,
  },
});

const withdrawn = (consentId: string): ProjectionEvent => ({
  type: 'ConsentWithdrawn',
  streamId: 'referral-r1',
  actor: NGO,
  jointCaseId: CASE,
  data: {
    referralId: 'r1',
    consentId,
    personId: PERSON,
    withdrawnAt: '2026-03-02T08:00:00.000Z',
    byAgencyId: NGO.agencyId,
    reason: 'The person changed their mind.',
  },
});

describe('the person consent projection', () => {
  const spec = ProjectionSpecification.for(sharedFromLog(consentProjection), {
    readModel: (db) => new ActiveConsents(db),
  });

  it('gives the policy the consents a person recorded, to which agency types and for what', () =>
    spec
      .given()
      .when(
        recorded('k1', ['police'], ['investigation']),
        recorded('k2', ['assistance_provider'], ['assistance']),
        recorded('k3', ['police'], ['investigation'], 'another-person'),
      )
      .then(async (consents) => {
        expect(await consents.activeConsents(PERSON)).toEqual([
          { agencyTypes: ['police'], purposes: ['investigation'] },
          { agencyTypes: ['assistance_provider'], purposes: ['assistance'] },
        ]);
      }));

  it('stops counting a consent once withdrawn, and keeps the others', () =>
    spec
      .given(recorded('k1', ['police'], ['investigation']), recorded('k2', ['assistance_provider'], ['assistance']))
      .when(withdrawn('k1'))
      .then(async (consents) => {
        expect(await consents.activeConsents(PERSON)).toEqual([
          { agencyTypes: ['assistance_provider'], purposes: ['assistance'] },
        ]);
      }));

  it('reads a consent recorded before persons had ids as the consent of the person its referral introduced', () =>
    spec
      .given()
      .when(recorded('k1', ['police'], ['investigation'], null))
      .then(async (consents) => {
        expect(await consents.activeConsents(PERSON)).toEqual([
          { agencyTypes: ['police'], purposes: ['investigation'] },
        ]);
      }));

  it('knows no consent of a person who gave none', () =>
    spec
      .given(recorded('k1', ['police'], ['investigation']))
      .when()
      .then(async (consents) => {
        expect(await consents.activeConsents('person-unknown')).toEqual([]);
      }));
});
