import { InvalidInputError } from '@pamoja/contracts';
import { type EscalationView, type JointCaseView, type TimelineKey } from '@pamoja/coordination/application';
import { decodeCursor, encodeCursor, type CursorKey } from '@pamoja/platform';

/**
 * The cursors of the joint view's lists. A timeline entry's cursor holds its chronological key and its
 * arrival position, so the same string reads the timeline on (chronologically) and resumes the live feed
 * (by arrival); an escalation's likewise.
 */

const DIGITS = /^\d{1,20}$/;

function notOurs(field: string): InvalidInputError {
  return new InvalidInputError([{ field, reason: 'is not a cursor of this list; pass an endCursor it returned' }]);
}

function instant(value: CursorKey[number], field: string): Date {
  const time = new Date(typeof value === 'string' ? value : Number.NaN);
  if (Number.isNaN(time.getTime())) throw notOurs(field);
  return time;
}

function digits(value: CursorKey[number], field: string): string {
  if (typeof value !== 'string' || !DIGITS.test(value)) throw notOurs(field);
  return value;
}

function id(value: CursorKey[number], field: string): string {
  if (typeof value !== 'string' || value.length === 0) throw notOurs(field);
  return value;
}

export const timelineCursorOf = (entry: TimelineKey): string =>
  encodeCursor([entry.occurredAt.toISOString(), entry.transactionId, entry.globalPosition, entry.seq]);

export function decodeTimelineCursor(cursor: string, field = 'after'): TimelineKey {
  const [occurredAt, transactionId, globalPosition, seq] = decodeCursor(cursor, 4, field);
  return {
    occurredAt: instant(occurredAt ?? null, field),
    transactionId: digits(transactionId ?? null, field),
    globalPosition: digits(globalPosition ?? null, field),
    seq: digits(seq ?? null, field),
  };
}

export const escalationCursorOf = (e: Pick<EscalationView, 'missedAt' | 'escalationId' | 'seq'>): string =>
  encodeCursor([e.missedAt.toISOString(), e.escalationId, e.seq]);

export function decodeEscalationCursor(
  cursor: string,
  field = 'after',
): { missedAt: Date; escalationId: string; seq: string } {
  const [missedAt, escalationId, seq] = decodeCursor(cursor, 3, field);
  return {
    missedAt: instant(missedAt ?? null, field),
    escalationId: id(escalationId ?? null, field),
    seq: digits(seq ?? null, field),
  };
}

export const jointCaseKeyOf = (view: JointCaseView): CursorKey => [view.lastActivityAt.toISOString(), view.jointCaseId];

export function decodeJointCaseCursor(cursor: string, field = 'after'): { lastActivityAt: Date; jointCaseId: string } {
  const [lastActivityAt, jointCaseId] = decodeCursor(cursor, 2, field);
  return { lastActivityAt: instant(lastActivityAt ?? null, field), jointCaseId: id(jointCaseId ?? null, field) };
}
