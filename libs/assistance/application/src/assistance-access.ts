import { type AccessDecider, type Actor } from '@pamoja/contracts';
import { type AssistanceCaseReading, type AssistanceCaseView } from './assistance-read-model.port.js';

/** What one agency reads of one assistance case, field group by field group. */
export interface AssistanceAccess {
  /** The case is listed in the joint case's assistance. */
  readonly listed: boolean;
  /**
   * Who the victim is and what they went through: age group, sex, nationality, forms of exploitation,
   * consent, needs, protection measures and every free-text note. Without it a reader sees the case's
   * stage and the services given, in summary (kind, date, provider).
   */
  readonly details: boolean;
  /** The victim's personal data (name, date of birth, phone, whereabouts). */
  readonly identity: boolean;
}

/**
 * Who reads what of an assistance case, as the access policy says (libs/platform/src/policy): details and
 * identity for the assisting agency and for agencies the victim consented to share with
 * (`information_sharing`); the case in summary for the coordination body, which also finds it in the
 * joint case; the same summary by id for any other agency, which does not find it in the joint case.
 * Integrators never reach a case (see AssistanceCaseByIdQuery). The facts come from the stored case.
 */
export async function assistanceAccess(
  decider: AccessDecider,
  actor: Actor,
  stored: { readonly assistingAgencyId: string; readonly jointCaseId: string },
): Promise<AssistanceAccess> {
  const facts = { agencyId: stored.assistingAgencyId, jointCaseId: stored.jointCaseId };
  const details = await decider.mayRead(actor, 'AssistanceCase.needs', facts);
  const identity = await decider.mayRead(actor, 'AssistanceCase.identity', facts);
  const listed = details || actor.agencyId === stored.assistingAgencyId || actor.agencyType === 'coordination_body';
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
    services: view.services.map((service) => ({ ...service, note: null })),
    lastService: view.lastService ? { ...view.lastService, note: null } : null,
    protectionMeasures: null,
    closeNote: null,
  };
}
