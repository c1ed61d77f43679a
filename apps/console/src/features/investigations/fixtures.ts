import { type GraphqlCall } from '../../test/render';
import { DIRECTORY } from '../referrals/fixtures';
import { type InvestigationData } from './vocabulary';

/** For component tests of the investigation pages: fictional agencies, officers and people only. */

export const INVESTIGATION_ID = '3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
export const JOINT_CASE_ID = '6f7e2d0a-1c3b-4e5f-8a9b-0c1d2e3f4a5b';
export const REFERRAL_ID = '0b9f7c1e-5a44-4d0e-9a57-3f1f2b7c9d10';
export const SUSPECT_ID = '7d8e9f0a-1b2c-4d3e-9f4a-5b6c7d8e9f0a';
export const EVIDENCE_ID = '2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d';

export function investigation(overrides: Partial<InvestigationData> = {}): InvestigationData {
  return {
    investigationId: INVESTIGATION_ID,
    reference: 'NK-2026-00042-E1',
    jointCaseId: JOINT_CASE_ID,
    referralId: REFERRAL_ID,
    siteCode: 'NK-MAS-014',
    status: 'OPEN',
    revision: 4,
    offences: ['FORCED_LABOUR', 'TRAFFICKING_IN_PERSONS'],
    openedAt: '2026-12-01T08:00:00Z',
    lastActivityAt: '2026-12-04T10:00:00Z',
    closedAt: null,
    closureReason: null,
    closureNote: null,
    leadAgencyId: 'pnc-pmh-masisi',
    leadAgency: { name: 'Police des mines de Masisi' },
    leadOfficerId: 'opj-kahindo',
    evidence: [
      {
        evidenceId: EVIDENCE_ID,
        kind: 'DOCUMENT',
        description: "Registre des dettes tenu par le chef d'équipe",
        sha256: '5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8',
        collectedAt: '2026-12-02T09:00:00Z',
        collectedBy: 'opj-kahindo',
        custodian: {
          agencyId: 'pnc-pmh-masisi',
          agency: { name: 'Police des mines de Masisi' },
          officerId: 'greffe-1',
        },
        custodyChain: [
          {
            at: '2026-12-02T09:00:00Z',
            reason: null,
            from: null,
            to: {
              agencyId: 'pnc-pmh-masisi',
              agency: { name: 'Police des mines de Masisi' },
              officerId: 'opj-kahindo',
            },
          },
          {
            at: '2026-12-03T14:00:00Z',
            reason: 'Mise sous scellés au greffe',
            from: {
              agencyId: 'pnc-pmh-masisi',
              agency: { name: 'Police des mines de Masisi' },
              officerId: 'opj-kahindo',
            },
            to: { agencyId: 'pnc-pmh-masisi', agency: { name: 'Police des mines de Masisi' }, officerId: 'greffe-1' },
          },
        ],
      },
    ],
    suspects: [
      {
        suspectId: SUSPECT_ID,
        role: 'EXPLOITER',
        alias: 'Le Patron',
        description: "Chef d'équipe au puits 3",
        name: 'Jean-Pierre Fictif',
        dateOfBirth: '1980-03-15',
        identifiedAt: '2026-12-03T10:00:00Z',
      },
    ],
    arrests: [
      {
        suspectId: SUSPECT_ID,
        arrestedAt: '2026-12-04T06:30:00Z',
        location: 'Rubaya, puits 3',
        legalBasis: "Mandat d'amener n° 12/2026",
      },
    ],
    caseFiles: [
      {
        caseFileId: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
        reference: 'NK-2026-00042-E1-D1',
        toProsecutorOfficeId: 'parquet-goma',
        status: 'AWAITING_ACKNOWLEDGEMENT',
        transmittedAt: '2026-12-04T10:00:00Z',
        dueBy: '2026-12-11T10:00:00Z',
        overdue: false,
        acknowledgedAt: null,
        summary: 'Servitude pour dettes au puits 3.',
        suspectIds: [SUSPECT_ID],
        evidenceIds: [EVIDENCE_ID],
      },
    ],
    ...overrides,
  };
}

const PROSECUTORS = [
  {
    agencyId: 'parquet-goma',
    name: 'Parquet de grande instance de Goma',
    agencyType: 'PROSECUTOR',
    province: 'NORTH_KIVU',
  },
  {
    agencyId: 'parquet-bukavu',
    name: 'Parquet de grande instance de Bukavu',
    agencyType: 'PROSECUTOR',
    province: 'SOUTH_KIVU',
  },
].map((a) => ({ ...a, status: 'ACTIVE' }));

/**
 * The platform as the investigation page reads it: the investigation, its case and referral by their
 * references, and the directory's agencies. `mutation` answers the commands.
 */
export function investigationApi(
  current: () => InvestigationData,
  mutation: (call: GraphqlCall) => unknown = () => ({ errors: [{ message: 'unexpected', extensions: {} }] }),
): (call: GraphqlCall) => unknown {
  return (call) => {
    switch (call.operationName) {
      case 'ConsoleInvestigation':
        return { data: { investigation: current() } };
      case 'ConsoleInvestigationCase':
        return { data: { case: { jointCaseId: JOINT_CASE_ID, reference: 'NK-2026-00042' } } };
      case 'ConsoleInvestigationReferral':
        return {
          data: {
            referral: {
              referralId: REFERRAL_ID,
              reference: 'NK-2026-00042-R1',
              jointCaseId: JOINT_CASE_ID,
              status: 'ACCEPTED',
              siteCode: 'NK-MAS-014',
              toAgencyId: 'pnc-pmh-masisi',
              fromAgencyId: 'ngo-kivu-hope',
              fromAgency: { name: 'Kivu Hope' },
              indicators: ['DEBT_BONDAGE'],
              childLabourFlags: [],
            },
          },
        };
      case 'ConsoleAgencies': {
        const filter = call.variables['filter'] as { agencyType?: string } | undefined;
        return {
          data: {
            agencies: [...DIRECTORY, ...PROSECUTORS].filter(
              (a) => !filter?.agencyType || a.agencyType === filter.agencyType,
            ),
          },
        };
      }
      case undefined:
      default:
        return mutation(call);
    }
  };
}

/** A command's answer, as the platform gives it. */
export function commandAnswer(mutation: string, extra: Record<string, unknown> = {}) {
  return {
    data: {
      [mutation]: {
        investigationId: INVESTIGATION_ID,
        status: 'OPEN',
        revision: 5,
        replayed: false,
        ...extra,
      },
    },
  };
}
