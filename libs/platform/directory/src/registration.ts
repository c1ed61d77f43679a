import { v5 as uuidv5 } from 'uuid';
import {
  type Actor,
  type AgencyContact,
  type AgencyType,
  DEADLINE_WATCHER_ACTOR,
  type Province,
  RuleViolationError,
} from '@pamoja/contracts';
import { type EventStore } from '@pamoja/event-store';
import { agencyCommands } from './agency.commands.js';

/** An agency as an operator's file or the demonstration directory lists it. */
export interface AgencyRegistration {
  readonly agencyId: string;
  readonly agencyType: AgencyType;
  readonly name: string;
  readonly province?: Province | null;
  readonly territory?: string | null;
  readonly parentAgencyId?: string | null;
  readonly contact?: Partial<AgencyContact> | null;
}

/**
 * The operator, registering agencies from the platform's own tool (the first coordination body of a new
 * deployment, a directory imported from a file). It acts as the platform: no token can claim it.
 */
export const DIRECTORY_OPERATOR: Actor = Object.freeze({
  userId: 'pamoja-operator',
  agencyId: DEADLINE_WATCHER_ACTOR.agencyId,
  agencyType: 'coordination_body',
  roles: Object.freeze(['system']),
});

/** Namespace of the command ids of registrations made by the operator (UUID v5): fixed forever. */
const REGISTRATION_NAMESPACE = 'c7d1f0a2-3b4e-5f60-8a9b-0c1d2e3f4a5b';

export interface RegistrationOutcome {
  /** Registered now. */
  readonly registered: readonly string[];
  /** Already in the directory (by this tool before, or by the coordination body). */
  readonly present: readonly string[];
}

/**
 * Registers each agency not yet in the directory, parents first, as the operator. Safe to run again: the
 * command ids are derived from the agency ids, so a second run writes nothing.
 */
export async function registerAgencies(
  store: EventStore,
  agencies: readonly AgencyRegistration[],
  now: Date = new Date(),
): Promise<RegistrationOutcome> {
  const registered: string[] = [];
  const present: string[] = [];
  for (const agency of parentsFirst(agencies)) {
    try {
      const result = await agencyCommands.run(
        store,
        {
          type: 'RegisterAgency',
          metadata: { actor: DIRECTORY_OPERATOR, now },
          data: {
            agencyId: agency.agencyId,
            agencyType: agency.agencyType,
            name: agency.name,
            province: agency.province ?? null,
            territory: agency.territory ?? null,
            parentAgencyId: agency.parentAgencyId ?? null,
            contact: { email: agency.contact?.email ?? null, phone: agency.contact?.phone ?? null },
          },
        },
        {
          commandId: uuidv5(`register-agency:${agency.agencyId}`, REGISTRATION_NAMESPACE),
          actor: DIRECTORY_OPERATOR,
          correlationId: uuidv5(`directory:${now.toISOString()}`, REGISTRATION_NAMESPACE),
        },
      );
      (result.replayed ? present : registered).push(agency.agencyId);
    } catch (error) {
      if (error instanceof RuleViolationError && error.rule === 'agency_already_registered') {
        present.push(agency.agencyId);
      } else {
        throw error;
      }
    }
  }
  return { registered, present };
}

function parentsFirst(agencies: readonly AgencyRegistration[]): AgencyRegistration[] {
  const byId = new Map(agencies.map((a) => [a.agencyId, a]));
  const ordered: AgencyRegistration[] = [];
  const seen = new Set<string>();
  const visit = (agency: AgencyRegistration, path: ReadonlySet<string>): void => {
    if (seen.has(agency.agencyId) || path.has(agency.agencyId)) return;
    const parent = agency.parentAgencyId ? byId.get(agency.parentAgencyId) : undefined;
    if (parent) visit(parent, new Set([...path, agency.agencyId]));
    seen.add(agency.agencyId);
    ordered.push(agency);
  };
  for (const agency of agencies) visit(agency, new Set());
  return ordered;
}

/**
 * A development log without any agency gets the demonstration directory (`DEMO_AGENCIES`), so that
 * `npm start` on a new data directory can be signed in to at once. Null when the log already has agencies:
 * the directory is then the coordination body's, and nothing is added behind its back.
 */
export async function registerDemoDirectoryIfEmpty(
  store: EventStore,
  demo: readonly AgencyRegistration[],
): Promise<RegistrationOutcome | null> {
  const { events } = await store.readAll({ filter: { eventTypes: ['AgencyRegistered'] }, maxCount: 1 });
  if (events.length > 0) return null;
  return registerAgencies(store, demo);
}
