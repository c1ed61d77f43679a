import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type AccessDecider,
  type AccessFacts,
  type Actor,
  type CaseMembership,
  type RecordKind,
  type TimelineDisclosure,
  type TimelineDisclosurePlan,
} from '@pamoja/contracts';
import { type AccessPolicy, type Grant, type OperationType } from './access-policy.js';
import { type ConsentLookup } from './consent.js';

/** The memo's answer for `key`, read once and kept there; without a memo, read. */
function remembered<T>(memo: Map<string, Promise<T>> | undefined, key: string, read: () => Promise<T>): Promise<T> {
  if (!memo) return read();
  let answer = memo.get(key);
  if (!answer) {
    answer = read();
    // A failed read is not remembered: the next decision asks again.
    answer.catch(() => memo.delete(key));
    memo.set(key, answer);
  }
  return answer;
}

/** A grant that needs no record: the actor's agency type and roles. */
function actorGrantMatches(grant: Grant, actor: Actor): boolean {
  // Integrators only by a grant that names them (published figures), never through a wider one.
  if (actor.agencyType === 'integrator' && !('agencyTypes' in grant && grant.agencyTypes?.includes('integrator'))) {
    return false;
  }
  if ('party' in grant || 'consent' in grant || 'sameAgency' in grant) return false;
  if ('agencyTypes' in grant) {
    if (!grant.agencyTypes.includes(actor.agencyType)) return false;
    return !grant.roles || grant.roles.some((role) => actor.roles.includes(role));
  }
  return grant.roles.some((role) => actor.roles.includes(role));
}

type ActiveConsents = readonly { agencyTypes: readonly string[]; purposes: readonly string[] }[];

/**
 * The facts one query has read, shared by every decision it makes: a case page guards dozens of fields of
 * the same case, and its query handlers decide on each kind of record in it (the case, its investigations,
 * prosecutions, assistance cases), and each would otherwise ask the case's membership again. Every decision
 * taken while the query resolves shares it: the guarded fields are given it, and the query handlers and
 * field resolvers behind the query's fields find it around them (`withQueryFacts`), over HTTP and WebSocket
 * alike. Made for one query operation and dropped with it (never for a mutation, whose own write may change
 * the facts, nor for a subscription, which lives on), so no decision outlives the request that read its
 * facts. A decision outside any query (a command, the membership guard of appends, a subscription, a
 * consumer) has none and reads the facts fresh. A read that failed is not kept: the next decision asks again.
 */
export class AccessFactsMemo {
  readonly parties = new Map<string, Promise<boolean>>();
  readonly consents = new Map<string, Promise<ActiveConsents>>();
}

/**
 * The memo of the query whose resolver the current code runs for. Entered only by the schema's own resolvers
 * (`applyAccessPolicy`), through `withQueryFacts`; not exported by the library.
 */
const queryFacts = new AsyncLocalStorage<AccessFactsMemo>();

/**
 * Runs `resolve` (a field's resolver) with `memo` as the facts around it: the record decisions of the query
 * handlers it calls share them without being handed them. Without a memo (a mutation, a subscription) it runs
 * with none, whatever was around it. Synchronous: the resolver's own answer, a promise or not, is returned.
 */
export function withQueryFacts<T>(memo: AccessFactsMemo | undefined, resolve: () => T): T {
  const around = queryFacts.getStore();
  if (around === memo) return resolve();
  return memo ? queryFacts.run(memo, resolve) : queryFacts.exit(resolve);
}

/**
 * What a decision about one record needs, each fact read at most once: the case's parties and the
 * person's consents come from read models kept from the log.
 */
class Facts {
  private party: Promise<boolean> | undefined;
  private consents: Promise<ActiveConsents> | undefined;

  constructor(
    private readonly actor: Actor,
    readonly facts: AccessFacts,
    private readonly membership: CaseMembership,
    private readonly consentLookup: ConsentLookup,
    private readonly memo?: AccessFactsMemo,
  ) {}

  async isParty(ofTypes?: readonly string[]): Promise<boolean> {
    const jointCaseId = this.facts.jointCaseId;
    if (typeof jointCaseId !== 'string') return false;
    if (ofTypes && !ofTypes.includes(this.actor.agencyType)) return false;
    this.party ??= remembered(this.memo?.parties, `${this.actor.agencyId}\u0000${jointCaseId}`, () =>
      this.membership.isParty(jointCaseId, this.actor.agencyId),
    );
    return this.party;
  }

  async consented(purpose: string): Promise<boolean> {
    const personId = this.facts.personId;
    if (typeof personId !== 'string') return false;
    if (!(await this.isParty())) return false;
    this.consents ??= remembered(this.memo?.consents, personId, () => this.consentLookup.activeConsents(personId));
    return (await this.consents).some(
      (c) => c.agencyTypes.includes(this.actor.agencyType) && c.purposes.includes(purpose),
    );
  }

  async grants(grant: Grant): Promise<boolean> {
    if (this.actor.agencyType === 'integrator') return false;
    if ('sameAgency' in grant)
      return typeof this.facts.agencyId === 'string' && this.facts.agencyId === this.actor.agencyId;
    if ('party' in grant) return this.isParty(grant.agencyTypes);
    if ('consent' in grant) return this.consented(grant.consent);
    return actorGrantMatches(grant, this.actor);
  }

  async anyOf(grants: readonly Grant[]): Promise<boolean> {
    // Grants of the actor alone first: they need no read model (the coordination body is no party).
    if (grants.some((grant) => actorGrantMatches(grant, this.actor))) return true;
    for (const grant of grants) if (await this.grants(grant)) return true;
    return false;
  }
}

/**
 * Decides with the policy's data: operations from the actor alone; records, fields and timeline entries
 * also from the record's facts, the case's membership and the person's consent. Deny by default: what
 * the policy does not name, nobody may do or read.
 */
export class PolicyAccessDecider implements AccessDecider {
  constructor(
    readonly policy: AccessPolicy,
    private readonly consents: ConsentLookup,
    private readonly membership: CaseMembership,
  ) {}

  private factsFor(actor: Actor, facts: AccessFacts, memo?: AccessFactsMemo): Facts {
    return new Facts(actor, facts, this.membership, this.consents, memo);
  }

  mayOperate(actor: Actor, type: OperationType, name: string): boolean {
    const rule = this.policy.operations[type][name];
    if (!rule) return false;
    return rule.allow.some((grant) => actorGrantMatches(grant, actor));
  }

  /**
   * `memo`: the facts this query has already read (see `AccessFactsMemo`); by default, those of the query
   * this decision is taken in, if any.
   */
  async mayRead(actor: Actor, field: string, facts: AccessFacts, memo?: AccessFactsMemo): Promise<boolean> {
    const rule = this.policy.fields[field];
    if (!rule || actor.agencyType === 'integrator') return false;
    return this.factsFor(actor, facts, memo ?? queryFacts.getStore()).anyOf(rule.allow);
  }

  /** With the facts of the query this decision is taken in, if any (see `AccessFactsMemo`). */
  async mayAccess(actor: Actor, record: RecordKind, facts: AccessFacts): Promise<boolean> {
    const rule = this.policy.records[record];
    if (actor.agencyType === 'integrator') return false;
    return this.factsFor(actor, facts, queryFacts.getStore()).anyOf(rule.allow);
  }

  async timelineFor(actor: Actor, jointCaseId: string): Promise<TimelineDisclosurePlan> {
    // Decided once per type for this viewer and case; the viewer's own agency's entries are always in full.
    const facts = this.factsFor(actor, { jointCaseId }, queryFacts.getStore());
    const byType = new Map<string, TimelineDisclosure>();
    for (const [type, rule] of Object.entries(this.policy.timeline)) {
      const disclosure: TimelineDisclosure = (await facts.anyOf(rule.full))
        ? 'full'
        : (await facts.anyOf(rule.notice))
          ? 'notice'
          : 'none';
      byType.set(type, disclosure);
    }
    const visibleTypes = [...byType].filter(([, d]) => d !== 'none').map(([type]) => type);
    return {
      ownAgencyId: actor.agencyId,
      visibleTypes,
      knownTypes: actor.agencyType === 'integrator' ? [] : [...byType.keys()],
      categoryOf: (eventType) => this.policy.timeline[eventType]?.category ?? null,
      disclosureOf: (entry) =>
        entry.agencyId === actor.agencyId && actor.agencyType !== 'integrator' && byType.has(entry.eventType)
          ? 'full'
          : (byType.get(entry.eventType) ?? 'none'),
    };
  }
}
