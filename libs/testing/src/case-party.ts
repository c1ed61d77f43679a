import { randomUUID } from 'node:crypto';
import { type AgencyType } from '@pamoja/contracts';
import { ANY, type EventStore } from '@pamoja/event-store';

/** The coordination body that admits agencies in the specs. */
export const TEST_COORDINATION_ACTOR = {
  userId: 'aplt-nord-kivu-user',
  agencyId: 'aplt-nord-kivu',
  agencyType: 'coordination_body',
  roles: ['coordinator'],
} as const;

/**
 * The coordination body admits an agency to a joint case that nobody referred to it, for specs of a
 * context served without the coordination context: its decision is written to the log as that context
 * records it (`CasePartyAdmitted` on the case's stream of decisions), and membership follows from the log.
 * Where the coordination context is served, use the `admitCaseParty` mutation instead.
 */
export async function admitToCase(
  store: EventStore,
  party: { readonly jointCaseId: string; readonly agencyId: string; readonly agencyType: AgencyType },
  reason = 'jurisdiction',
): Promise<void> {
  const at = new Date().toISOString();
  await store.appendToStream(
    `case-${party.jointCaseId}`,
    [
      {
        eventId: randomUUID(),
        type: 'CasePartyAdmitted',
        schemaVersion: 1,
        data: {
          jointCaseId: party.jointCaseId,
          decisionId: randomUUID(),
          agencyId: party.agencyId,
          agencyType: party.agencyType,
          reason,
          note: null,
          admittedAt: at,
          byAgencyId: TEST_COORDINATION_ACTOR.agencyId,
        },
        metadata: {
          actor: TEST_COORDINATION_ACTOR,
          correlationId: randomUUID(),
          causationId: null,
          jointCaseId: party.jointCaseId,
          occurredAt: at,
        },
      },
    ],
    { expectedRevision: ANY },
  );
}
