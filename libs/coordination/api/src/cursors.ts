import { type EscalationView, type JointCaseView, type TimelineKey } from '@pamoja/coordination/application';
import { type CursorKey } from '@pamoja/platform/graphql';
import { cursorPart, keysetCursor } from '@pamoja/platform/context';

/**
 * The cursors of the joint view's lists. A timeline entry's cursor holds its chronological key and its
 * arrival position, so the same string reads the timeline on (chronologically) and resumes the live feed
 * (by arrival); an escalation's likewise.
 */

const timelineCursor = keysetCursor(cursorPart.instant, cursorPart.digits, cursorPart.digits, cursorPart.digits);

export const timelineKeyOf = (entry: TimelineKey): CursorKey =>
  timelineCursor.keyOf([entry.occurredAt, entry.transactionId, entry.globalPosition, entry.seq]);

export const timelineCursorOf = (entry: TimelineKey): string =>
  timelineCursor.encode([entry.occurredAt, entry.transactionId, entry.globalPosition, entry.seq]);

export function decodeTimelineCursor(cursor: string): TimelineKey {
  const [occurredAt, transactionId, globalPosition, seq] = timelineCursor.decode(cursor);
  return { occurredAt, transactionId, globalPosition, seq };
}

const escalationCursor = keysetCursor(cursorPart.instant, cursorPart.id, cursorPart.digits);

type EscalationKey = Pick<EscalationView, 'missedAt' | 'escalationId' | 'seq'>;

export const escalationKeyOf = (e: EscalationKey): CursorKey =>
  escalationCursor.keyOf([e.missedAt, e.escalationId, e.seq]);

export const escalationCursorOf = (e: EscalationKey): string =>
  escalationCursor.encode([e.missedAt, e.escalationId, e.seq]);

export function decodeEscalationCursor(cursor: string): EscalationKey {
  const [missedAt, escalationId, seq] = escalationCursor.decode(cursor);
  return { missedAt, escalationId, seq };
}

const jointCaseCursor = keysetCursor(cursorPart.instant, cursorPart.id);

export const jointCaseKeyOf = (view: JointCaseView): CursorKey =>
  jointCaseCursor.keyOf([view.lastActivityAt, view.jointCaseId]);

export function decodeJointCaseCursor(cursor: string): { lastActivityAt: Date; jointCaseId: string } {
  const [lastActivityAt, jointCaseId] = jointCaseCursor.decode(cursor);
  return { lastActivityAt, jointCaseId };
}

/** A meeting list's cursor: the meeting's date, or an action point's due date, then its id. */
const meetingListCursor = keysetCursor(cursorPart.instant, cursorPart.id);

export const meetingListKeyOf = (at: Date, id: string): CursorKey => meetingListCursor.keyOf([at, id]);

/** The sort key the read model resumes after: [instant ISO, id]. */
export function decodeMeetingListCursor(cursor: string): readonly [string, string] {
  const [at, id] = meetingListCursor.decode(cursor);
  return [at.toISOString(), id];
}
