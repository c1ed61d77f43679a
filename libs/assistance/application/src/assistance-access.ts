import { type AccessDecider, type Actor } from '@pamoja/contracts';
import { type AssistanceCaseReading, type AssistanceCaseView } from './assistance-read-model.port.js';

/** What one agency reads of one assistance case, field group by field group. */
export interface AssistanceAccess {
  /** The case exists for the reader at all: to anyone else it is not found. */
  readonly listed: boolean;
  /**
   * Who the victim is and what they went through: age group, sex, nationality, forms of exploitation,
   * consent, needs, protection measures and every free-text note. Without it a reader sees the case's
   * status, and no services.
   */
  readonly details: boolean;
  /** The victim's personal data (name, date of birth, phone, whereabouts). */
  readonly identity: boolean;
}

/**
 * Who reads what of an assistance case, as the access policy says (libs/platform/policy): the case
 * at all for the assisting agency, the parties of its joint case and the coordination body (to anyone
 * else it is not found, so probing ids learns nothing); details and identity for the assisting agency and
 * for parties the person consented to share with (`information_sharing`). Integrators never reach a case.
 * The facts come from the stored case, never from the caller.
 */
export async function assistanceAccess(
  decider: AccessDecider,
  actor: Actor,
  stored: { readonly assistingAgencyId: string; readonly jointCaseId: string; readonly personId: string | null },
): Promise<AssistanceAccess> {
  const facts = { agencyId: stored.assistingAgencyId, jointCaseId: stored.jointCaseId, personId: stored.personId };
  const listed = await decider.mayAccess(actor, 'AssistanceCase', facts);
  if (!listed) return { listed, details: false, identity: false };
  const details = await decider.mayRead(actor, 'AssistanceCase.needs', facts);
  const identity = await decider.mayRead(actor, 'AssistanceCase.identity', facts);
  return { listed, details, identity };
}

/** The case as a reader with this access sees it: what they may not read is null. */
export function assistanceCaseAs(access: AssistanceAccess, view: AssistanceCaseView): AssistanceCaseReading {
  if (access.details) return view;
  return {
    ...view,
    ageGroup: null,
    isChild: null,
    sex: null,
    nationality: null,
    formsOfExploitation: null,
    agreementToManagePersonalData: null,
    consentGivenBy: null,
    assessedAt: null,
    needs: null,
    needsMet: null,
    needsOutstanding: null,
    // Which services, from which provider and when, tell what the person went through and where they may be
    // (a shelter's agency is an address): parties without the person's consent see that the case exists and
    // its status, not its services.
    services: [],
    lastService: null,
    protectionMeasures: null,
    closeNote: null,
  };
}
