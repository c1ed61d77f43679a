import { type AccessDecider, type AccessFacts, type Actor } from '@pamoja/contracts';
import { type AccessPolicy, type Grant, type OperationType } from './access-policy.js';
import { type ConsentLookup } from './consent.js';

/** A grant that needs no record: the actor's agency type and roles. */
function actorGrantMatches(grant: Grant, actor: Actor): boolean {
  if (actor.agencyType === 'integrator') return false;
  if ('agencyTypes' in grant) {
    if (!grant.agencyTypes.includes(actor.agencyType)) return false;
    return !grant.roles || grant.roles.some((role) => actor.roles.includes(role));
  }
  if ('roles' in grant) return grant.roles.some((role) => actor.roles.includes(role));
  return false;
}

/**
 * Decides with the policy's data: operations from the actor alone, fields also from the record's facts
 * and the victim's consent. Deny by default: what the policy does not name, nobody may do or read.
 */
export class PolicyAccessDecider implements AccessDecider {
  constructor(
    readonly policy: AccessPolicy,
    private readonly consents: ConsentLookup,
  ) {}

  mayOperate(actor: Actor, type: OperationType, name: string): boolean {
    const rule = this.policy.operations[type][name];
    if (!rule) return false;
    return rule.allow.some((grant) => actorGrantMatches(grant, actor));
  }

  async mayRead(actor: Actor, field: string, facts: AccessFacts): Promise<boolean> {
    const rule = this.policy.fields[field];
    if (!rule || actor.agencyType === 'integrator') return false;
    let consentChecked = false;
    for (const grant of rule.allow) {
      if (actorGrantMatches(grant, actor)) return true;
      if ('sameAgency' in grant && typeof facts.agencyId === 'string' && facts.agencyId === actor.agencyId) {
        return true;
      }
      if ('consent' in grant && !consentChecked && typeof facts.jointCaseId === 'string') {
        consentChecked = true;
        const consents = await this.consents.activeConsents(facts.jointCaseId);
        const purpose = grant.consent;
        if (consents.some((c) => c.agencyTypes.includes(actor.agencyType) && c.purposes.includes(purpose))) {
          return true;
        }
      }
    }
    return false;
  }
}
