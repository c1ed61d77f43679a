import { type AssistanceStage, type CaseStage } from '@pamoja/coordination/domain';

export interface JointCaseView {
  readonly jointCaseId: string;
  readonly stage: CaseStage;
  readonly assistanceStage: AssistanceStage;
  readonly siteCode: string | null;
  readonly referralIds: readonly string[];
  readonly investigationIds: readonly string[];
  readonly prosecutionIds: readonly string[];
  readonly assistanceIds: readonly string[];
  readonly incidentIds: readonly string[];
  readonly agencyIds: readonly string[];
  readonly missedDeadlines: number;
  readonly openedAt: Date;
  readonly lastActivityAt: Date;
}

export interface TimelineEntryView {
  readonly eventId: string;
  readonly eventType: string;
  readonly agencyId: string;
  readonly agencyType: string;
  readonly roles: readonly string[];
  readonly occurredAt: Date;
}

export interface EscalationView {
  readonly escalationId: string;
  readonly jointCaseId: string | null;
  readonly kind: string;
  readonly subjectId: string;
  readonly agencyId: string | null;
  readonly dueBy: Date | null;
  readonly missedAt: Date;
  readonly resolvedAt: Date | null;
}

export interface JointCaseReadModel {
  byId(jointCaseId: string): Promise<JointCaseView | undefined>;
  list(filter: { stage?: CaseStage; limit: number }): Promise<JointCaseView[]>;
  timeline(jointCaseId: string): Promise<TimelineEntryView[]>;
  escalations(filter: { openOnly: boolean; limit: number }): Promise<EscalationView[]>;
}

export const JOINT_CASE_READ_MODEL = Symbol.for('pamoja.coordination.ReadModel');
