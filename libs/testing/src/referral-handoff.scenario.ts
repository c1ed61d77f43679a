import { randomUUID } from 'node:crypto';
import { expect } from '@jest/globals';
import { type GraphqlClient as GraphqlTestClient } from '@pamoja/platform/graphql';

export const SUBMIT = `mutation Submit($input: SubmitReferralInput!) {
  submitReferral(input: $input) { referralId jointCaseId status revision replayed }
}`;
export const ACCEPT = `mutation Accept($input: AcceptReferralInput!) {
  acceptReferral(input: $input) { referralId status revision replayed }
}`;
export const DECLINE = `mutation Decline($input: DeclineReferralInput!) {
  declineReferral(input: $input) { referralId status revision replayed }
}`;
export const REVOKE = `mutation Revoke($input: RevokeReferralInput!) {
  revokeReferral(input: $input) { referralId status revision replayed }
}`;
export const COMPLETE = `mutation Complete($input: CompleteReferralInput!) {
  completeReferral(input: $input) { referralId status revision replayed }
}`;
export const ASSESS_SCREENING = `mutation Screen($input: AssessTraffickingScreeningInput!) {
  assessTraffickingScreening(input: $input) { referralId status revision replayed }
}`;
export const RECORD_CONSENT = `mutation RecordConsent($input: RecordReferralConsentInput!) {
  recordConsent(input: $input) { referralId status revision replayed }
}`;
export const WITHDRAW_CONSENT = `mutation WithdrawConsent($input: WithdrawReferralConsentInput!) {
  withdrawConsent(input: $input) { referralId status revision replayed }
}`;
const VIEW = `referralId jointCaseId jointCase subjectIsChild childProtectionBasis siteCode siteDescription indicators
  childLabourFlags urgency fromAgencyId fromAgencyType toAgencyId toAgencyType status summary submittedAt dueBy
  dueByLocal overdue deadlineMissed statusReason revision
  screening { result meansRequired explanation acts means purposes personIsChild byAgencyId }
  consent { active agencyTypes purposes withdrawn records { consentId givenBy agencyTypes purposes withdrawnAt } }`;
export const INCOMING = `query Incoming($filter: ReferralListFilter) {
  incomingReferrals(filter: $filter) { nodes { ${VIEW} } } }`;
export const OUTGOING = `query Outgoing($filter: ReferralListFilter) {
  outgoingReferrals(filter: $filter) { nodes { ${VIEW} } } }`;
export const REFERRAL = `query One($id: ID!) { referral(referralId: $id) { ${VIEW} } }`;

export interface ReferralConsentResult {
  active: boolean;
  agencyTypes: string[];
  purposes: string[];
  withdrawn: boolean;
  records: {
    consentId: string;
    givenBy: string;
    agencyTypes: string[];
    purposes: string[];
    withdrawnAt: string | null;
  }[];
}

export interface ReferralViewResult {
  referralId: string;
  jointCaseId: string | null;
  jointCase: 'OPENED' | 'JOINED' | null;
  subjectIsChild: boolean | null;
  childProtectionBasis: boolean;
  siteCode: string | null;
  indicators: string[];
  childLabourFlags: string[];
  urgency: string;
  fromAgencyId: string;
  toAgencyId: string;
  status: string;
  summary: string;
  dueBy: string;
  dueByLocal: string;
  overdue: boolean;
  deadlineMissed: boolean;
  statusReason: string | null;
  revision: number;
  screening: {
    result: string;
    meansRequired: boolean;
    explanation: string;
    acts: string[];
    means: string[];
    purposes: string[];
    personIsChild: boolean;
    byAgencyId: string;
  } | null;
  consent: ReferralConsentResult;
}

export interface CommandPayload {
  referralId: string;
  jointCaseId?: string | null;
  status: string;
  revision: number;
  replayed: boolean;
}

/** An adult's own informed consent to the police and an assistance provider, for help and an investigation. */
export const ADULT_POLICE_CONSENT = {
  givenBy: 'SELF',
  agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
  purposes: ['ASSISTANCE', 'INVESTIGATION'],
} as const;

/**
 * A referral to the police of a person not known to be a child, with their consent: the submission
 * records the referral and the consent, so the referral is at revision 1 once submitted.
 */
export function submitInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    commandId: randomUUID(),
    subject: { isChild: null },
    consent: ADULT_POLICE_CONSENT,
    site: { code: 'NK-MAS-014' },
    indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
    childLabourFlags: ['CHILD_IN_HAZARDOUS_WORK'],
    urgency: 'URGENT',
    toAgencyId: 'pnc-masisi',
    toAgencyType: 'POLICE',
    dueBy: new Date(Date.now() + 48 * 3600_000).toISOString(),
    summary: 'Diggers at pit 3 say the team leader keeps their voter cards until their debt is paid.',
    ...overrides,
  };
}

export async function submit(client: GraphqlTestClient, input: Record<string, unknown>): Promise<CommandPayload> {
  return (await client.ok<{ submitReferral: CommandPayload }>(SUBMIT, { input })).submitReferral;
}

/** The person a referral brought (`subjectPersonId`), as its sender reads it. */
export async function subjectPersonOf(client: GraphqlTestClient, referralId: string): Promise<string> {
  const { referral } = await client.ok<{ referral: { subjectPersonId: string } }>(
    `query Person($id: ID!) { referral(referralId: $id) { subjectPersonId } }`,
    { id: referralId },
  );
  return referral.subjectPersonId;
}

/**
 * A party refers its case on to another agency, forwarding the person an earlier referral of the case
 * brought (`subject.personId`): from then on that agency is party to the case and may act in it. No
 * consent is recorded unless `overrides` brings one (a referral to the police of an adult needs it).
 */
export async function referCaseTo(
  client: GraphqlTestClient,
  from: { readonly referralId: string; readonly jointCaseId?: string | null },
  to: { readonly agencyId: string; readonly agencyType: string },
  overrides: Record<string, unknown> = {},
): Promise<CommandPayload & { personId: string }> {
  const personId = await subjectPersonOf(client, from.referralId);
  const sent = await submit(
    client,
    submitInput({
      jointCaseId: from.jointCaseId,
      subject: { isChild: null, personId },
      consent: null,
      toAgencyId: to.agencyId,
      toAgencyType: to.agencyType.toUpperCase(),
      ...overrides,
    }),
  );
  return { ...sent, personId };
}

export async function incoming(
  client: GraphqlTestClient,
  filter: Record<string, unknown> = {},
): Promise<ReferralViewResult[]> {
  return (await client.ok<{ incomingReferrals: { nodes: ReferralViewResult[] } }>(INCOMING, { filter }))
    .incomingReferrals.nodes;
}

export async function outgoing(
  client: GraphqlTestClient,
  filter: Record<string, unknown> = {},
): Promise<ReferralViewResult[]> {
  return (await client.ok<{ outgoingReferrals: { nodes: ReferralViewResult[] } }>(OUTGOING, { filter }))
    .outgoingReferrals.nodes;
}

/** The first handoff a field worker makes, as both agencies see it through the API. */
export async function submitAndAcceptHandoff(ngo: GraphqlTestClient, police: GraphqlTestClient): Promise<string> {
  const submitted = await submit(ngo, submitInput());
  expect(submitted).toMatchObject({ status: 'SUBMITTED', revision: 1, replayed: false });

  const queue = await incoming(police);
  const mine = queue.find((r) => r.referralId === submitted.referralId);
  expect(mine).toMatchObject({
    status: 'SUBMITTED',
    jointCase: 'OPENED',
    subjectIsChild: null,
    siteCode: 'NK-MAS-014',
    indicators: ['DEBT_BONDAGE', 'RETENTION_OF_IDENTITY_DOCUMENTS'],
    fromAgencyId: 'ngo-kivu-hope',
    overdue: false,
    deadlineMissed: false,
    screening: null,
    consent: {
      active: true,
      agencyTypes: ['POLICE', 'ASSISTANCE_PROVIDER'],
      purposes: ['ASSISTANCE', 'INVESTIGATION'],
      withdrawn: false,
    },
    revision: 1,
  });

  const accepted = await police.ok<{ acceptReferral: CommandPayload }>(ACCEPT, {
    input: { commandId: randomUUID(), referralId: submitted.referralId, expectedRevision: 1, note: 'OPJ assigned' },
  });
  expect(accepted.acceptReferral).toMatchObject({ status: 'ACCEPTED', revision: 2 });

  const sent = await outgoing(ngo);
  expect(sent.find((r) => r.referralId === submitted.referralId)).toMatchObject({ status: 'ACCEPTED', revision: 2 });
  return submitted.referralId;
}
