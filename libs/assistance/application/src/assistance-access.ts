import { type Actor } from '@pamoja/contracts';
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

const FULL: AssistanceAccess = { listed: true, details: true, identity: true };
const SUMMARY: AssistanceAccess = { listed: true, details: false, identity: false };
const UNLISTED_SUMMARY: AssistanceAccess = { listed: false, details: false, identity: false };

/**
 * Who reads what of an assistance case: everything, the identity included, for the assisting agency; the
 * case in summary for the coordination body, which also finds it in the joint case; the same summary by
 * id for any other agency, which does not find it in the joint case. Integrators never reach a case (see
 * AssistanceCaseByIdQuery). The one place this is decided; the access-policy issue replaces it.
 */
export function assistanceAccess(actor: Actor, assistingAgencyId: string): AssistanceAccess {
  if (actor.agencyId === assistingAgencyId) return FULL;
  if (actor.agencyType === 'coordination_body') return SUMMARY;
  return UNLISTED_SUMMARY;
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
