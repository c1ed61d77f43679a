import { testSession } from '../../test/render';
import { type AssistanceData } from './CaseForms';

/** For component tests of the assistance pages: fictional agencies, cases and people only. */

export const USHINDI = testSession({
  userId: 'case-worker-1',
  agencyId: 'ngo-ushindi',
  agencyType: 'assistance_provider',
  roles: ['case_worker'],
});

export const ASSISTANCE_ID = '3e1d2c4b-5a69-4f7e-8d0c-1b2a3c4d5e6f';
export const JOINT_CASE_ID = '6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b';
export const REFERRAL_ID = '0b9f7c1e-5a44-4d0e-9a57-3f1f2b7c9d10';
export const CONSENT_ID = '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

export function assistanceCase(overrides: Partial<AssistanceData> = {}): AssistanceData {
  return {
    assistanceId: ASSISTANCE_ID,
    reference: 'NK-2026-00042-A1',
    jointCaseId: JOINT_CASE_ID,
    revision: 4,
    status: 'IN_ASSISTANCE',
    registeredAt: '2026-11-20T08:00:00Z',
    updatedAt: '2026-12-01T08:00:00Z',
    assessedAt: '2026-11-21T08:00:00Z',
    closedAt: null,
    closeReason: null,
    assistingAgencyId: 'ngo-ushindi',
    assistingAgency: { name: 'Ushindi' },
    ageGroup: 'CHILD_15_17',
    isChild: true,
    sex: 'FEMALE',
    nationality: 'CD',
    formsOfExploitation: ['CHILD_LABOUR'],
    agreementToManagePersonalData: true,
    consentGivenBy: 'GUARDIAN',
    needs: [
      { need: 'SHELTER', priority: 'URGENT', met: true },
      { need: 'EDUCATION', priority: 'NORMAL', met: false },
    ],
    needsOutstanding: ['EDUCATION'],
    protectionMeasures: [
      {
        measureId: 'm-1',
        measure: 'SAFE_HOUSE',
        appliedAt: '2026-11-21T09:00:00Z',
        reviewBy: '2026-12-01T08:00:00Z',
        reviewDue: true,
        consentGivenBy: 'GUARDIAN',
      },
      {
        measureId: 'm-2',
        measure: 'IDENTITY_PROTECTION',
        appliedAt: '2026-11-21T09:00:00Z',
        reviewBy: '2027-02-01T08:00:00Z',
        reviewDue: false,
        consentGivenBy: 'GUARDIAN',
      },
    ],
    services: [
      {
        serviceId: 's-1',
        kind: 'SHELTER',
        providedAt: '2026-11-21T10:00:00Z',
        providerAgencyId: 'ngo-ushindi',
        providerAgency: { name: 'Ushindi' },
      },
    ],
    jointCase: {
      jointCaseId: JOINT_CASE_ID,
      reference: 'NK-2026-00042',
      referrals: [
        {
          referralId: REFERRAL_ID,
          reference: 'NK-2026-00042-R1',
          revision: 3,
          status: 'ACCEPTED',
          fromAgencyId: 'ngo-kivu-hope',
          fromAgency: { name: 'Kivu Hope' },
          toAgencyId: 'ngo-ushindi',
          toAgency: { name: 'Ushindi' },
          subjectIsChild: true,
          consent: {
            active: true,
            withdrawn: false,
            agencyTypes: ['ASSISTANCE_PROVIDER', 'POLICE'],
            purposes: ['ASSISTANCE', 'INVESTIGATION'],
            records: [
              {
                consentId: CONSENT_ID,
                givenBy: 'GUARDIAN',
                agencyTypes: ['ASSISTANCE_PROVIDER', 'POLICE'],
                purposes: ['ASSISTANCE', 'INVESTIGATION'],
                recordedAt: '2026-11-19T08:00:00Z',
                withdrawnAt: null,
              },
            ],
          },
        },
      ],
    },
    ...overrides,
  };
}

/** The person's identity, as only the assisting agency reads it (fictional). */
export const IDENTITY = {
  fullName: 'Amani Fictive',
  dateOfBirth: '2010-03-14',
  phone: '+243 990 000 000',
  currentLocation: 'Chez une tante, quartier fictif',
};

export function personalAnswer() {
  return {
    data: {
      assistanceCase: {
        assistanceId: ASSISTANCE_ID,
        identity: IDENTITY,
        protectionMeasures: [
          { measureId: 'm-1', description: null },
          { measureId: 'm-2', description: null },
        ],
        services: [{ serviceId: 's-1', note: null }],
      },
    },
  };
}

export function commandAnswer(mutation: string, revision = 5) {
  return {
    data: {
      [mutation]: {
        assistanceId: ASSISTANCE_ID,
        referralId: REFERRAL_ID,
        jointCaseId: JOINT_CASE_ID,
        status: 'IN_ASSISTANCE',
        revision,
        replayed: false,
      },
    },
  };
}

export function badInput(field: string, reason: string) {
  return {
    errors: [
      {
        message: 'Invalid input',
        extensions: { code: 'BAD_USER_INPUT', fields: [{ field, reason }] },
      },
    ],
  };
}
