import { randomUUID } from 'node:crypto';
import { AGENCIES, type AgencyName, type ConsoleUnderTest } from './console.js';

/** A referral as the receiving and the sending agency read it. */
export interface ReferralRow {
  readonly referralId: string;
  readonly jointCaseId: string | null;
  readonly status: string;
  readonly revision: number;
  readonly summary: string;
  readonly statusReason: string | null;
  readonly siteCode: string | null;
}

const ROW = 'referralId jointCaseId status revision summary statusReason siteCode';

/**
 * The NGO refers an adult, with their consent to assistance and an investigation, to the police (as
 * the NGO's field worker would through the console): the data the tests that are not about the form
 * start from.
 */
export async function referToPolice(
  app: ConsoleUnderTest,
  summary: string,
  siteCode = 'NK-MAS-014',
): Promise<ReferralRow> {
  const { submitReferral } = await app.graphql<{ submitReferral: { referralId: string } }>(
    'ngo',
    `mutation ($input: SubmitReferralInput!) { submitReferral(input: $input) { referralId } }`,
    {
      input: {
        commandId: randomUUID(),
        subject: { isChild: false },
        consent: { givenBy: 'SELF', agencyTypes: ['POLICE'], purposes: ['ASSISTANCE', 'INVESTIGATION'] },
        site: { code: siteCode },
        indicators: ['DEBT_BONDAGE'],
        urgency: 'URGENT',
        toAgencyId: AGENCIES.police.agencyId,
        toAgencyType: 'POLICE',
        dueBy: new Date(Date.now() + 86_400_000).toISOString(),
        summary,
      },
    },
  );
  const referral = (await incomingOfPolice(app)).find((r) => r.referralId === submitReferral.referralId);
  if (!referral) throw new Error(`referral ${submitReferral.referralId} is not in the police's queue`);
  return referral;
}

/** The police's incoming referrals, as GraphQL answers them. */
export async function incomingOfPolice(app: ConsoleUnderTest): Promise<readonly ReferralRow[]> {
  const { incomingReferrals } = await app.graphql<{ incomingReferrals: { nodes: ReferralRow[] } }>(
    'police',
    `{ incomingReferrals(filter: { first: 100 }) { nodes { ${ROW} } } }`,
  );
  return incomingReferrals.nodes;
}

/** The NGO's outgoing referrals, as GraphQL answers them. */
export async function outgoingOfNgo(app: ConsoleUnderTest): Promise<readonly ReferralRow[]> {
  const { outgoingReferrals } = await app.graphql<{ outgoingReferrals: { nodes: ReferralRow[] } }>(
    'ngo',
    `{ outgoingReferrals(filter: { first: 100 }) { nodes { ${ROW} } } }`,
  );
  return outgoingReferrals.nodes;
}

/** The receiving agency acts on the referral through GraphQL, on the revision given. */
export async function answerReferral(
  app: ConsoleUnderTest,
  as: AgencyName,
  action: 'accept' | 'decline',
  referral: { referralId: string; revision: number },
): Promise<{ status: string; revision: number }> {
  const mutation = action === 'accept' ? 'acceptReferral' : 'declineReferral';
  const input = action === 'accept' ? 'AcceptReferralInput' : 'DeclineReferralInput';
  const data = await app.graphql<Record<string, { status: string; revision: number }>>(
    as,
    `mutation ($input: ${input}!) { ${mutation}(input: $input) { status revision } }`,
    {
      input: {
        commandId: randomUUID(),
        referralId: referral.referralId,
        expectedRevision: referral.revision,
        ...(action === 'decline' ? { reason: 'Hors de notre ressort' } : {}),
      },
    },
  );
  const answer = data[mutation];
  if (!answer) throw new Error(`no answer to ${mutation}`);
  return answer;
}
