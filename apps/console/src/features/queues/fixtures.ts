import { type Session } from '../../session/session';
import { testSession } from '../../test/render';

/** Rows as the API answers them, for component tests: each field a row shows, overridable. */

export function referral(overrides: Record<string, unknown> = {}) {
  return {
    referralId: 'r-1',
    jointCaseId: 'case-1',
    fromAgencyId: 'ngo-kivu-hope',
    fromAgency: { name: 'Kivu Hope' },
    toAgencyId: 'pnc-pmh-masisi',
    toAgency: { name: 'Police des mines de Masisi' },
    siteCode: 'NK-MAS-014',
    submittedAt: '2026-11-27T08:40:00Z',
    dueBy: '2026-11-27T22:30:00Z',
    overdue: false,
    deadlineMissed: false,
    urgency: 'ROUTINE',
    status: 'SUBMITTED',
    answeredAt: null,
    subjectIsChild: false,
    ...overrides,
  };
}

export function hearing(overrides: Record<string, unknown> = {}) {
  return {
    hearingId: 'h-1',
    prosecutionId: 'p-1',
    jointCaseId: 'case-1',
    court: 'Tribunal de grande instance de Goma',
    purpose: 'Audience de fond',
    scheduledFor: '2099-01-10T08:00:00Z',
    heldAt: null,
    cancelledAt: null,
    outcomeOverdueAt: null,
    rescheduleCount: 0,
    ...overrides,
  };
}

export function escalation(overrides: Record<string, unknown> = {}) {
  return {
    escalationId: 'e-1',
    kind: 'ReferralDeadlineMissed',
    agencyId: 'pnc-pmh-masisi',
    agency: { name: 'Police des mines de Masisi' },
    jointCaseId: 'case-1',
    subjectId: 'r-1',
    dueBy: '2026-11-27T22:30:00Z',
    missedAt: '2026-11-27T22:31:00Z',
    resolvedAt: null,
    position: 'pos-1',
    ...overrides,
  };
}

/** A connection's page. */
export function page(nodes: readonly unknown[], more: { endCursor?: string } = {}) {
  return {
    nodes,
    pageInfo: { hasNextPage: more.endCursor !== undefined, endCursor: more.endCursor ?? null },
  };
}

let people = 0;
/** A session of the given agency; a new person each time, so no test reads another's offline copies. */
export function sessionOf(agencyId: string, agencyType: string, roles: string[]): Session {
  people += 1;
  return testSession({ agencyId, agencyType, roles, userId: `${agencyId}-user-${people}` });
}

/** The live subscriptions a page opened, by operation name, with what they were started with. */
export interface LiveStub {
  readonly next: Map<string, (data: unknown) => void>;
  readonly variables: Map<string, unknown>;
}

export function liveStub(): LiveStub {
  return { next: new Map(), variables: new Map() };
}

/** `subscribe` of src/api/live for component tests: no socket; the test pushes what "arrives". */
export function stubSubscribe(stub: LiveStub) {
  return (document: unknown, variables: () => unknown, handlers: { next(data: unknown): void }) => {
    const operation = /subscription\s+(\w+)/.exec(String(document))?.[1] ?? '';
    stub.next.set(operation, (data) => handlers.next(data));
    stub.variables.set(operation, variables());
    return () => {
      stub.next.delete(operation);
    };
  };
}
