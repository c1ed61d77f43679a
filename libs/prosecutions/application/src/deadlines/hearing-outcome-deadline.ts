import { randomUUID } from 'node:crypto';
import { v5 as uuidv5 } from 'uuid';
import { DEADLINE_WATCHER_ACTOR, type RecordedEvent } from '@pamoja/contracts';
import {
  type DeadlineRule,
  domainEventReader,
  type DueDeadline,
  type MissedDeadlineHandling,
  type OpenedDeadline,
} from '@pamoja/event-store';
import {
  HEARING_OUTCOME_GRACE_MS,
  PROSECUTION_EVENT_TYPES,
  type ProsecutionEvent,
  type SentProsecutionCommand,
} from '@pamoja/prosecutions/domain';

export const HEARING_OUTCOME_DEADLINE_KIND = 'hearing_outcome';

const toEvent = domainEventReader<ProsecutionEvent>(PROSECUTION_EVENT_TYPES);

/** All of a prosecution's hearing deadlines share this prefix; one hearing's, whatever its date, the next. */
const prosecutionPrefix = (prosecutionId: string) => `${HEARING_OUTCOME_DEADLINE_KIND}:${prosecutionId}/`;
const hearingPrefix = (prosecutionId: string, hearingId: string) => `${prosecutionPrefix(prosecutionId)}${hearingId}@`;

/**
 * One deadline per scheduling of a hearing (the stream revision of the event that set its date): moving the
 * hearing closes one and opens the next, and a hearing moved back to a date it had before still gets one.
 */
export function hearingOutcomeDeadlineKey(prosecutionId: string, hearingId: string, streamRevision: number): string {
  return `${hearingPrefix(prosecutionId, hearingId)}${streamRevision}`;
}

function opened(
  recorded: RecordedEvent,
  hearingId: string,
  scheduledFor: string,
  prosecutionId: string,
): OpenedDeadline {
  return {
    key: hearingOutcomeDeadlineKey(prosecutionId, hearingId, recorded.streamRevision),
    kind: HEARING_OUTCOME_DEADLINE_KIND,
    dueAt: new Date(Date.parse(scheduledFor) + HEARING_OUTCOME_GRACE_MS).toISOString(),
    streamId: recorded.streamId,
    jointCaseId: recorded.metadata.jointCaseId,
    // The office that conducts the prosecution scheduled the hearing and must record what happened.
    agencyId: recorded.metadata.actor.agencyId,
  };
}

/**
 * A hearing's date passed and nobody recorded whether it was held: after a grace period the platform
 * records the outcome as overdue, so the hearing stays in the office's queue, flagged, instead of
 * silently dropping out of the upcoming hearings. Held, cancelled, moved or a closed prosecution close it.
 */
export function hearingOutcomeDeadlineRule(): DeadlineRule {
  return {
    kind: HEARING_OUTCOME_DEADLINE_KIND,
    eventTypes: [
      'HearingScheduled',
      'HearingRescheduled',
      'HearingHeld',
      'HearingCancelled',
      'HearingOutcomeOverdue',
      'ProsecutionClosed',
    ],
    opened(recorded) {
      const event = toEvent(recorded);
      if (event.type === 'HearingScheduled' || event.type === 'HearingRescheduled') {
        return [opened(recorded, event.data.hearingId, event.data.scheduledFor, event.data.prosecutionId)];
      }
      return [];
    },
    closed: () => [],
    closedPrefixes(recorded) {
      const event = toEvent(recorded);
      switch (event.type) {
        case 'HearingRescheduled':
        case 'HearingHeld':
        case 'HearingCancelled':
        case 'HearingOutcomeOverdue':
          return [hearingPrefix(event.data.prosecutionId, event.data.hearingId)];
        case 'ProsecutionClosed':
          return [prosecutionPrefix(event.data.prosecutionId)];
        case 'CaseFileReceived':
        case 'ChargesFiled':
        case 'HearingScheduled':
        case 'VerdictRendered':
        case 'SentenceImposed':
        case 'RestitutionOrdered':
        case 'AppealFiled':
        case 'AppealDecided':
          return [];
      }
    },
  };
}

/** Namespace for the ids of overdue-outcome commands (UUID v5 of the deadline key): fixed forever. */
const OVERDUE_NAMESPACE = '3d7a9c1e-5b2f-5e4d-8a6c-1f0e2d3c4b5a';

/** The hearing a deadline of this kind is about (from its key), and the date it was set for (from its due time). */
export function hearingOfDeadline(deadline: Pick<DueDeadline, 'key' | 'dueAt'>): {
  prosecutionId: string;
  hearingId: string;
  scheduledFor: string;
} {
  const match = /^hearing_outcome:([^/]+)\/([^@]+)@\d+$/.exec(deadline.key);
  if (!match?.[1] || !match[2]) throw new Error(`not a hearing outcome deadline: ${deadline.key}`);
  const scheduledFor = new Date(Date.parse(deadline.dueAt) - HEARING_OUTCOME_GRACE_MS).toISOString();
  return { prosecutionId: match[1], hearingId: match[2], scheduledFor };
}

export const hearingOutcomeDeadline: MissedDeadlineHandling<SentProsecutionCommand> = {
  rule: hearingOutcomeDeadlineRule(),
  commandFor(deadline, now) {
    const { prosecutionId, hearingId, scheduledFor } = hearingOfDeadline(deadline);
    return {
      command: {
        type: 'RecordHearingOutcomeOverdue',
        data: { prosecutionId, hearingId, scheduledFor: new Date(scheduledFor) },
        metadata: { actor: DEADLINE_WATCHER_ACTOR, now },
      },
      // One command id per deadline: however often the watcher looks, the outcome is flagged once.
      context: {
        commandId: uuidv5(deadline.key, OVERDUE_NAMESPACE),
        actor: DEADLINE_WATCHER_ACTOR,
        correlationId: randomUUID(),
      },
    };
  },
};
